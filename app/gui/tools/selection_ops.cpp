// Tool operations on the selection and on frames: tags, copy/paste, class
// and attribute edits, pre-label review (see tool_ops.h).
#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "app/gui/tools/run_command.h"
#include "app/gui/tools/tool_common.h"
#include "app/gui/tools/tool_ops.h"
#include "core/models/review_queue.h"
#include "core/tracking/prelabels.h"
#include "core/util/error.h"

namespace vantage::gui::tool_ops {

using namespace vantage::gui::tools;

namespace {

std::vector<core::ObjectId> selected(const Workspace& ws) {
  std::vector<core::ObjectId> ids;
  for (core::ObjectId id : ws.view().selection)
    if (!is_locked(ws, id) && ws.doc().annotations.find(id)) ids.push_back(id);
  return ids;
}

core::AttributeValue parse_value(const core::AttributeDef* def, const std::string& text) {
  const auto as_bool = [](const std::string& t) {
    return t == "true" || t == "1" || t == "yes" || t == "on";
  };
  char* end = nullptr;
  const double number = std::strtod(text.c_str(), &end);
  const bool is_number = !text.empty() && end && *end == '\0';
  if (def) {
    switch (def->type) {
      case core::AttributeType::Bool:
        return as_bool(text);
      case core::AttributeType::Number:
        if (!is_number) throw core::Error(fmt::format("'{}' is not a number", text));
        return number;
      default:
        return text;
    }
  }
  if (is_number) return number;
  if (text == "true" || text == "false") return text == "true";
  return text;
}

// Pre-labels the review keys act on: those of the selected objects at this
// frame, or the first pending one when nothing is selected.
std::vector<core::ShapeRef> review_targets(const Workspace& ws) {
  std::vector<core::ShapeRef> all = core::prelabels_at(ws.doc().annotations, ws.view().frame);
  if (ws.view().selection.empty()) {
    if (!all.empty()) all.resize(1);
    return all;
  }
  std::vector<core::ShapeRef> out;
  for (const core::ShapeRef& r : all)
    if (ws.view().selection.count(r.object)) out.push_back(r);
  return out;
}

void select_next_prelabel(Workspace& ws) {
  const auto left = core::prelabels_at(ws.doc().annotations, ws.view().frame);
  if (left.empty()) return;
  select_object(ws, left.front().object, false);
}

}  // namespace

void toggle_tag(Workspace& ws, ToolSettings& s, int index) {
  const auto& tags = ws.doc().schema.tags;
  if (index < 0 || index >= int(tags.size())) {
    s.say(fmt::format("The schema has no tag {}", index + 1), true);
    return;
  }
  const std::string& tag = tags[index].name;
  run_command(
      ws, s, [&] { return core::make_toggle_frame_tag(ws.doc(), ws.view().frame, tag); },
      fmt::format("Frame {}: toggled '{}'", ws.view().frame, tag));
}

void copy(Workspace& ws, ToolSettings& s) {
  std::vector<core::ObjectId> ids(ws.view().selection.begin(), ws.view().selection.end());
  core::Clipboard c = core::copy_objects(ws.doc(), ws.interpolator(), ids, ws.view().frame);
  if (c.empty()) {
    s.say("Select objects with shapes at this frame to copy", true);
    return;
  }
  s.say(fmt::format("Copied {} object(s) at frame {}", c.objects.size(), c.frame));
  s.clipboard = std::move(c);
}

namespace {
void paste_range(Workspace& ws, ToolSettings& s, core::FrameRange range, bool as_new) {
  std::vector<core::ObjectId> ids;
  if (run_command(
          ws, s,
          [&] {
            return core::make_paste_clipboard(ws.doc(), ws.interpolator(), s.clipboard, range,
                                              as_new, edit_stamp(ws), 10.0, &ids);
          },
          fmt::format("Pasted to frames {}-{}", range.first, range.last)) &&
      !ids.empty()) {
    ws.view().selection = std::set<core::ObjectId>(ids.begin(), ids.end());
    ws.view().active = ids.front();
  }
}
}  // namespace

void paste(Workspace& ws, ToolSettings& s) {
  const int f = ws.view().frame;
  paste_range(ws, s, {f, f}, s.clipboard.frame == f);
}

void paste_to_range(Workspace& ws, ToolSettings& s) {
  paste_range(ws, s, settings_range(ws, s), false);
}

void change_class(Workspace& ws, ToolSettings& s, const std::string& class_name) {
  const auto ids = selected(ws);
  if (ids.empty()) {
    s.say("Select objects first", true);
    return;
  }
  run_command(
      ws, s, [&] { return core::make_change_class(ws.doc(), ids, class_name); },
      fmt::format("{} object(s) are now {}", ids.size(), class_name));
}

void set_attribute(Workspace& ws, ToolSettings& s) {
  const auto ids = selected(ws);
  if (ids.empty()) {
    s.say("Select objects first", true);
    return;
  }
  const core::AttributeDef* def = ws.doc().schema.find_attribute(s.attribute_name);
  const int f = ws.view().frame;
  const bool per_frame = def ? def->per_frame : true;
  std::optional<core::FrameRange> range;
  if (per_frame) range = s.attribute_range ? settings_range(ws, s) : core::FrameRange{f, f};
  run_command(
      ws, s,
      [&] {
        return core::make_set_attribute(ws.doc(), ws.interpolator(), ids, s.attribute_name,
                                        parse_value(def, s.attribute_value), range, edit_stamp(ws));
      },
      fmt::format("{} = {} on {} object(s)", s.attribute_name, s.attribute_value, ids.size()));
}

void accept_prelabels(Workspace& ws, ToolSettings& s) {
  const auto refs = review_targets(ws);
  if (refs.empty()) {
    s.say("No pending pre-label here");
    return;
  }
  if (run_command(
          ws, s, [&] { return core::make_accept_prelabels(ws.doc(), refs, ws.annotator()); },
          fmt::format("Accepted {} pre-label(s)", refs.size())))
    select_next_prelabel(ws);
}

void reject_prelabels(Workspace& ws, ToolSettings& s) {
  const auto refs = review_targets(ws);
  if (refs.empty()) {
    s.say("No pending pre-label here");
    return;
  }
  if (run_command(
          ws, s, [&] { return core::make_reject_prelabels(ws.doc(), refs, ws.annotator()); },
          fmt::format("Rejected {} pre-label(s)", refs.size()))) {
    ws.view().selection.clear();
    ws.view().active = -1;
    select_next_prelabel(ws);
  }
}

void next_uncertain(Workspace& ws, ToolSettings& s) {
  const core::ReviewQueue q = core::build_review_queue(ws.doc(), core::QueueOrder::Uncertainty);
  const auto f = core::next_queue_frame(q, ws.view().frame);
  if (!f) {
    s.say("No pre-labels pending");
    return;
  }
  ws.set_frame(*f);
  ws.view().selection.clear();
  ws.view().active = -1;
  // The frame's most uncertain pre-label first.
  const core::QueueItem* top = nullptr;
  for (const core::QueueItem& it : q.items)
    if (it.frame == *f) {
      top = &it;
      break;
    }
  if (top) {
    select_object(ws, top->object, false);
    s.say(fmt::format("Frame {}: #{} {} (score {:.2f}, uncertainty {:.2f}, 2D/3D disagreement "
                      "{:.2f}, track {:.2f})",
                      *f, top->object, top->class_name, top->score, top->uncertainty,
                      top->disagreement, top->inconsistency));
  } else {
    select_next_prelabel(ws);
  }
}

}  // namespace vantage::gui::tool_ops
