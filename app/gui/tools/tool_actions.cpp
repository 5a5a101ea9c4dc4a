// The tool actions hotkeys and menus bind to: tool switching, frame tags,
// selection edits, track edits, propagation, pre-label review and cuboid
// edits. Default chords follow assets/hotkeys.json where it names them.
#include <fmt/format.h>

#include "app/gui/tools/tool_box.h"
#include "app/gui/tools/tool_ops.h"
#include "app/gui/workspace.h"

namespace vantage::gui {

namespace {

bool has_active(const Workspace& ws) {
  return ws.view().active >= 0 && ws.doc().annotations.find(ws.view().active) != nullptr;
}
bool has_selection(const Workspace& ws) {
  return !ws.view().selection.empty();
}

}  // namespace

void add_tool_actions(ActionList& actions, ToolBox& tools) {
  ToolBox* tb = &tools;
  ToolSettings* s = &tools.settings();
  auto tool = [&](const char* id, const char* label, const char* keys, ToolId t) {
    actions.add({id, label, keys, [tb, t](Workspace& ws) { tb->set_active(ws, t); }, {}});
  };
  tool("tool.select", "Select tool", "V", ToolId::Select);
  tool("tool.box", "Box tool", "B", ToolId::Box);
  tool("tool.polygon", "Polygon tool", "P", ToolId::Polygon);
  tool("tool.polyline", "Polyline tool", "L", ToolId::Polyline);
  tool("tool.keypoints", "Keypoints tool", "K", ToolId::Keypoints);
  tool("tool.cuboid", "Cuboid tool", "C", ToolId::Cuboid);
  tool("tool.ignore", "Ignore-region tool", "I", ToolId::IgnoreRegion);
  tool("tool.mask", "Mask tool (brush, fill, polygon, superpixel)", "M", ToolId::Mask);

  for (int i = 0; i < 9; ++i) {
    actions.add({fmt::format("tag.{}", i + 1), fmt::format("Toggle frame tag {}", i + 1),
                 fmt::format("{}", i + 1),
                 [s, i](Workspace& ws) { tool_ops::toggle_tag(ws, *s, i); },
                 [i](const Workspace& ws) { return i < int(ws.doc().schema.tags.size()); }});
  }

  using Run = std::function<void(Workspace&)>;
  using When = std::function<bool(const Workspace&)>;
  auto add = [&](const char* id, const char* label, const char* keys, Run run, When when = {}) {
    actions.add({id, label, keys, std::move(run), std::move(when)});
  };
  const When active = has_active;
  const When selection = has_selection;

  add(
      "edit.copy", "Copy selected objects", "Ctrl+C",
      [s](Workspace& ws) { tool_ops::copy(ws, *s); }, selection);
  add(
      "edit.paste", "Paste to this frame", "Ctrl+V",
      [s](Workspace& ws) { tool_ops::paste(ws, *s); },
      [s](const Workspace&) { return !s->clipboard.empty(); });
  add(
      "edit.paste_range", "Paste to frame range", "Ctrl+Shift+V",
      [s](Workspace& ws) { tool_ops::paste_to_range(ws, *s); },
      [s](const Workspace&) { return !s->clipboard.empty(); });
  add(
      "selection.change_class", "Change class of selected objects", "",
      [s](Workspace& ws) { tool_ops::change_class(ws, *s, s->new_class); }, selection);
  add(
      "selection.set_attribute", "Set attribute on selected objects", "",
      [s](Workspace& ws) { tool_ops::set_attribute(ws, *s); }, selection);

  add(
      "shape.keyframe", "Toggle keyframe at this frame", "Ctrl+K",
      [s](Workspace& ws) { tool_ops::toggle_keyframe(ws, *s); }, active);
  add(
      "track.outside", "Mark outside over frame range", "O",
      [s](Workspace& ws) { tool_ops::mark_outside(ws, *s, true); }, active);
  add(
      "track.visible", "Mark visible over frame range", "Shift+O",
      [s](Workspace& ws) { tool_ops::mark_outside(ws, *s, false); }, active);
  add(
      "track.split", "Split track at this frame", "Alt+S",
      [s](Workspace& ws) { tool_ops::split(ws, *s); }, active);
  add(
      "track.merge", "Merge the two selected objects", "Alt+M",
      [s](Workspace& ws) { tool_ops::merge(ws, *s); },
      [](const Workspace& ws) { return ws.view().selection.size() == 2; });
  add(
      "track.change_id", "Change object id", "",
      [s](Workspace& ws) { tool_ops::change_id(ws, *s); }, active);
  add(
      "track.copy_previous", "Copy shapes from previous frame", "Ctrl+D",
      [s](Workspace& ws) { tool_ops::copy_previous(ws, *s, false); }, active);
  add(
      "shape.paste_range", "Paste active object's shapes to frame range", "Alt+V",
      [s](Workspace& ws) { tool_ops::paste_shape_to_range(ws, *s); }, active);
  add(
      "track.propagate", "Propagate forward N frames", "Ctrl+P",
      [s](Workspace& ws) { tool_ops::propagate(ws, *s); }, active);
  add(
      "track.propagate_cancel", "Cancel propagation", "",
      [s](Workspace&) { tool_ops::cancel_propagation(*s); },
      [s](const Workspace&) { return s->job && !s->job->done(); });

  add("prelabel.accept", "Accept pre-label", "Y",
      [s](Workspace& ws) { tool_ops::accept_prelabels(ws, *s); });
  add("prelabel.reject", "Reject pre-label", "N",
      [s](Workspace& ws) { tool_ops::reject_prelabels(ws, *s); });
  add("prelabel.next_uncertain", "Next most uncertain frame", "Ctrl+U",
      [s](Workspace& ws) { tool_ops::next_uncertain(ws, *s); });
  auto model_idle = [s](const Workspace&) { return !s->model_job || s->model_job->done(); };
  add(
      "model.run", "Run model (pre-label the sequence)", "",
      [s](Workspace& ws) { tool_ops::run_model(ws, *s, false); }, model_idle);
  add(
      "model.train", "Train on accepted labels and re-run", "",
      [s](Workspace& ws) { tool_ops::run_model(ws, *s, true); }, model_idle);
  add(
      "model.cancel", "Cancel the model run", "",
      [s](Workspace&) { tool_ops::cancel_model(*s); },
      [s](const Workspace&) { return s->model_job && !s->model_job->done(); });
  add(
      "assist.grabcut", "GrabCut: box to polygon", "G",
      [s](Workspace& ws) { tool_ops::grabcut(ws, *s); }, active);

  add(
      "cuboid.flip", "Flip cuboid heading", "R",
      [s](Workspace& ws) { tool_ops::flip_heading(ws, *s); }, active);
  add(
      "cuboid.copy_prev", "Copy cuboid from previous frame", "Alt+D",
      [s](Workspace& ws) { tool_ops::copy_previous(ws, *s, true); }, active);
  add(
      "cuboid.snap_ground", "Snap cuboid to ground", "Shift+G",
      [s](Workspace& ws) { tool_ops::snap_to_ground(ws, *s); }, active);
  add(
      "cuboid.derive_boxes", "Derive 2D boxes from cuboid", "Ctrl+B",
      [s](Workspace& ws) { tool_ops::derive_boxes(ws, *s); }, active);
}

}  // namespace vantage::gui
