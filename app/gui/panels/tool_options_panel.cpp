// Tool options panel: the active tool's class and options, then batch edits
// of the selection and the active object's tracks, propagation with
// progress, pre-label review, cuboid edits and the frame's tags. Every
// button runs the same operation as its action (tools/tool_ops.h).
//
// [SECTION] helpers
// [SECTION] tool
// [SECTION] selection
// [SECTION] tracks and propagation
// [SECTION] pre-labels and cuboids
// [SECTION] frame tags
#include "app/gui/panels/tool_options_panel.h"

#include <algorithm>
#include <cstring>
#include <set>

#include <fmt/format.h>
#include <imgui.h>

#include "app/gui/tools/tool_box.h"
#include "app/gui/tools/tool_common.h"
#include "app/gui/tools/tool_ops.h"
#include "app/gui/workspace.h"
#include "core/segmentation/seg_eval.h"
#include "core/tracking/prelabels.h"

namespace vantage::gui {

using tools::class_for_kind;

// [SECTION] helpers
namespace {

// The mask tool's options, display settings and assistants (GrabCut,
// propagation, accepting proposals).
void draw_mask_options(Workspace& ws, ToolSettings& s) {
  using Mode = ToolSettings::MaskMode;
  const core::Schema& schema = ws.doc().schema;
  ViewState& v = ws.view();
  int mode = static_cast<int>(s.mask_mode);
  ImGui::RadioButton("Brush", &mode, 0);
  ImGui::SameLine();
  ImGui::RadioButton("Fill", &mode, 1);
  ImGui::SameLine();
  ImGui::RadioButton("Polygon", &mode, 2);
  ImGui::SameLine();
  ImGui::RadioButton("Superpixel", &mode, 3);
  s.mask_mode = static_cast<Mode>(mode);
  if (ImGui::BeginCombo("Mask class", s.mask_class.c_str())) {
    for (const core::ClassDef& c : schema.classes) {
      if (c.mask == core::MaskKind::None) continue;
      const std::string label =
          fmt::format("{} ({})", c.name, c.mask == core::MaskKind::Thing ? "thing" : "stuff");
      if (ImGui::Selectable(label.c_str(), c.name == s.mask_class)) s.mask_class = c.name;
    }
    ImGui::EndCombo();
  }
  ImGui::Checkbox("Paint the selected object (things)", &s.mask_paint_object);
  ImGui::SliderFloat("Brush radius", &s.brush_radius, 1.0f, 200.0f, "%.0f px",
                     ImGuiSliderFlags_Logarithmic);
  ImGui::Checkbox("Protect labelled pixels", &s.protect_labelled);
  ImGui::Separator();
  ImGui::Checkbox("Show masks", &v.show_masks);
  ImGui::SameLine();
  ImGui::Checkbox("Outline only", &v.mask_outline);
  ImGui::SliderFloat("Mask opacity", &v.mask_opacity, 0.05f, 1.0f, "%.2f");
  const std::string cam = v.active_camera;
  const core::SegLayer* layer = ws.doc().annotations.segmentation.find(cam, v.frame);
  if (layer && ImGui::TreeNode("Classes in this mask")) {
    std::set<std::string> shown;
    for (const core::Segment& seg : layer->segments) {
      const std::string& cls = core::segment_class(ws.doc().annotations, seg);
      if (!shown.insert(cls).second) continue;
      bool visible = !v.hidden_mask_classes.count(cls);
      if (ImGui::Checkbox(cls.c_str(), &visible)) {
        if (visible) v.hidden_mask_classes.erase(cls);
        else v.hidden_mask_classes.insert(cls);
      }
    }
    ImGui::TreePop();
  }
  ImGui::Separator();
  if (ImGui::Button("GrabCut the selected object") && !cam.empty())
    tool_ops::grabcut_object_mask(ws, s, cam);
  ImGui::InputInt("Frames", &s.propagate_frames);
  s.propagate_frames = std::clamp(s.propagate_frames, 1, 100);
  if (ImGui::Button("Propagate masks") && !cam.empty()) tool_ops::propagate_object_masks(ws, s, cam);
  ImGui::SameLine();
  if (ImGui::Button("Accept proposals") && !cam.empty()) tool_ops::accept_mask_proposals(ws, s, cam);
  if (layer)
    ImGui::Text("%zu segments, %.1f%% labelled", layer->segments.size(),
                100.0 * double(layer->labelled()) / double(std::max<size_t>(1, layer->count())));
}

std::optional<core::ShapeKind> kind_of_tool(ToolId id) {
  switch (id) {
    case ToolId::Box:
      return core::ShapeKind::Box2D;
    case ToolId::Polygon:
      return core::ShapeKind::Polygon;
    case ToolId::Polyline:
      return core::ShapeKind::Polyline;
    case ToolId::Keypoints:
      return core::ShapeKind::Keypoints;
    case ToolId::Cuboid:
      return core::ShapeKind::Cuboid;
    default:
      return std::nullopt;
  }
}

// A combo over the schema's classes (only those allowing `kind` when given).
bool class_combo(const char* label, const core::Schema& schema, std::optional<core::ShapeKind> kind,
                 std::string& value) {
  bool changed = false;
  if (ImGui::BeginCombo(label, value.empty() ? "(choose)" : value.c_str())) {
    for (const core::ClassDef& c : schema.classes) {
      if (kind && (c.shapes.empty() || !c.allows(*kind))) continue;
      if (ImGui::Selectable(c.name.c_str(), c.name == value)) {
        value = c.name;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

bool text_input(const char* label, std::string& value) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%s", value.c_str());
  if (ImGui::InputText(label, buf, sizeof buf)) {
    value = buf;
    return true;
  }
  return false;
}

// Buttons flow like words: on the same line while they fit the panel.
bool fits_on_line(float width) {
  // Keep clear of a scrollbar that appears once the panel overflows.
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x -
                      ImGui::GetStyle().ScrollbarSize;
  return ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right;
}
bool fits_on_line(const char* label) {
  return fits_on_line(ImGui::CalcTextSize(label, nullptr, true).x +
                      ImGui::GetStyle().FramePadding.x * 2);
}

bool button(const char* label, bool enabled = true) {
  if (!enabled) ImGui::BeginDisabled();
  const bool pressed = ImGui::Button(label);
  if (!enabled) ImGui::EndDisabled();
  return pressed && enabled;
}

// A button on the line of the previous item when it fits there.
bool flow_button(const char* label, bool enabled = true) {
  if (fits_on_line(label)) ImGui::SameLine();
  return button(label, enabled);
}

}  // namespace

void draw_tool_options_panel(Workspace& ws, ToolBox& tools) {
  ToolSettings& s = tools.settings();
  tool_ops::poll_jobs(ws, s);
  const core::Schema& schema = ws.doc().schema;
  const int frame = ws.view().frame;

  // [SECTION] tool
  Tool* tool = tools.active();
  ImGui::Text("Tool: %s", tool ? tool->name() : "-");
  if (tool && *tool->hint()) ImGui::TextWrapped("%s", tool->hint());
  if (auto kind = kind_of_tool(tools.active_id())) {
    std::string cls = class_for_kind(schema, s, *kind);
    if (class_combo("Class", schema, *kind, cls)) s.class_for[*kind] = cls;
    if (*kind == core::ShapeKind::Polygon)
      ImGui::Checkbox("Hole mode (or hold Alt)", &s.polygon_hole);
  }
  if (tools.active_id() == ToolId::IgnoreRegion) {
    text_input("Region class", s.ignore_class);
    text_input("Reason", s.ignore_reason);
    const size_t n = ws.doc().annotations.ignore_regions_at(frame).size();
    ImGui::Text("%zu ignore region%s at this frame", n, n == 1 ? "" : "s");
  }
  if (tools.active_id() == ToolId::Mask) draw_mask_options(ws, s);
  if (!s.message.empty()) {
    if (s.message_is_error)
      ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1.0f), "%s", s.message.c_str());
    else
      ImGui::TextWrapped("%s", s.message.c_str());
  }
  ImGui::Separator();

  // [SECTION] selection
  const size_t nsel = ws.view().selection.size();
  const bool active = ws.view().active >= 0 && ws.doc().annotations.find(ws.view().active);
  if (active)
    ImGui::Text("Selected: %zu (active #%lld)", nsel, static_cast<long long>(ws.view().active));
  else
    ImGui::Text("Selected: %zu", nsel);
  if (button("Copy", nsel > 0)) tool_ops::copy(ws, s);
  if (flow_button("Paste here", !s.clipboard.empty())) tool_ops::paste(ws, s);
  if (flow_button("Paste to range", !s.clipboard.empty())) tool_ops::paste_to_range(ws, s);

  ImGui::SetNextItemWidth(100);
  ImGui::InputInt("##from", &s.range_first);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(100);
  ImGui::InputInt("A..B##to", &s.range_last);
  if (button("A = here")) s.range_first = frame;
  if (flow_button("B = here")) s.range_last = frame;
  if (flow_button("B = last")) s.range_last = std::max(0, ws.frame_count() - 1);

  if (s.new_class.empty() && !schema.classes.empty()) s.new_class = schema.classes.front().name;
  ImGui::SetNextItemWidth(180);
  class_combo("##newclass", schema, std::nullopt, s.new_class);
  if (flow_button("Change class", nsel > 0)) tool_ops::change_class(ws, s, s.new_class);

  ImGui::SetNextItemWidth(180);
  if (ImGui::BeginCombo("##attr",
                        s.attribute_name.empty() ? "(attribute)" : s.attribute_name.c_str())) {
    for (const core::AttributeDef& a : schema.attributes)
      if (ImGui::Selectable(a.name.c_str(), a.name == s.attribute_name)) s.attribute_name = a.name;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120);
  if (const core::AttributeDef* def = schema.find_attribute(s.attribute_name);
      def && def->type == core::AttributeType::Enum && !def->options.empty()) {
    if (ImGui::BeginCombo("##value", s.attribute_value.c_str())) {
      for (const std::string& o : def->options)
        if (ImGui::Selectable(o.c_str(), o == s.attribute_value)) s.attribute_value = o;
      ImGui::EndCombo();
    }
  } else {
    text_input("##value", s.attribute_value);
  }
  ImGui::Checkbox("over frames A..B", &s.attribute_range);
  if (flow_button("Set attribute", nsel > 0 && !s.attribute_name.empty()))
    tool_ops::set_attribute(ws, s);
  ImGui::Separator();

  // [SECTION] tracks and propagation
  if (button("Keyframe", active)) tool_ops::toggle_keyframe(ws, s);
  if (flow_button("Copy prev", active)) tool_ops::copy_previous(ws, s, false);
  if (flow_button("Paste to A..B", active)) tool_ops::paste_shape_to_range(ws, s);
  if (button("Outside A..B", active)) tool_ops::mark_outside(ws, s, true);
  if (flow_button("Visible A..B", active)) tool_ops::mark_outside(ws, s, false);
  if (flow_button("Split here", active)) tool_ops::split(ws, s);
  if (flow_button("Merge", nsel == 2 && active)) tool_ops::merge(ws, s);
  ImGui::SetNextItemWidth(120);
  ImGui::InputScalar("##newid", ImGuiDataType_S64, &s.new_id);
  if (flow_button("Change id", active)) tool_ops::change_id(ws, s);

  const bool running = s.job && !s.job->done();
  ImGui::SetNextItemWidth(120);
  ImGui::InputInt("N frames", &s.propagate_frames);
  s.propagate_frames = std::clamp(s.propagate_frames, 1, 10000);
  ImGui::SameLine();
  ImGui::Checkbox("KCF (fast)", &s.tracker_kcf);
  if (running) {
    const int total = std::max(1, s.job->total());
    ImGui::ProgressBar(float(s.job->progress()) / float(total), ImVec2(-80, 0),
                       fmt::format("{}/{}", s.job->progress(), total).c_str());
    ImGui::SameLine();
    if (button("Cancel")) tool_ops::cancel_propagation(s);
  } else if (button("Propagate", active)) {
    tool_ops::propagate(ws, s);
  }
  ImGui::Separator();

  // [SECTION] pre-labels and cuboids
  const size_t pending = core::prelabels_at(ws.doc().annotations, frame).size();
  ImGui::Text("Pre-labels here: %zu", pending);
  if (button("Accept (Y)", pending > 0)) tool_ops::accept_prelabels(ws, s);
  if (flow_button("Reject (N)", pending > 0)) tool_ops::reject_prelabels(ws, s);
  if (flow_button("Next uncertain")) tool_ops::next_uncertain(ws, s);
  if (flow_button("GrabCut", active)) tool_ops::grabcut(ws, s);
  if (button("Flip heading", active)) tool_ops::flip_heading(ws, s);
  if (flow_button("Snap to ground", active)) tool_ops::snap_to_ground(ws, s);
  if (flow_button("Derive 2D boxes", active)) tool_ops::derive_boxes(ws, s);
  ImGui::Separator();

  // [SECTION] model assist
  ImGui::SetNextItemWidth(-1);
  text_input("##model", s.model);
  if (s.model.rfind("builtin:", 0) != 0) {
    static const char* kDecoders[] = {"yolov8", "yolov5", "ssd"};
    ImGui::SetNextItemWidth(90);
    ImGui::Combo("##decoder", &s.model_decoder, kDecoders, 3);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    text_input("##classes", s.model_classes);
  }
  ImGui::SetNextItemWidth(120);
  ImGui::SliderFloat("min score", &s.model_score, 0.0f, 1.0f, "%.2f");
  if (s.model_job && !s.model_job->done()) {
    const size_t total = std::max<size_t>(1, s.model_job->total());
    ImGui::ProgressBar(float(s.model_job->progress()) / float(total), ImVec2(-80, 0),
                       fmt::format("{}{}/{}", s.model_job->training() ? "training " : "",
                                   s.model_job->progress(), s.model_job->total())
                           .c_str());
    ImGui::SameLine();
    if (button("Cancel##model")) tool_ops::cancel_model(s);
  } else {
    if (button("Run model")) tool_ops::run_model(ws, s, false);
    if (flow_button("Train on accepted")) tool_ops::run_model(ws, s, true);
  }
  ImGui::Separator();

  // [SECTION] frame tags
  if (!schema.tags.empty()) {
    ImGui::Text("Frame %d tags", frame);
    std::vector<std::string> tags;
    if (auto it = ws.doc().annotations.frame_tags.find(frame);
        it != ws.doc().annotations.frame_tags.end())
      tags = it->second;
    for (size_t i = 0; i < schema.tags.size(); ++i) {
      bool on = std::find(tags.begin(), tags.end(), schema.tags[i].name) != tags.end();
      const std::string label =
          i < 9 ? fmt::format("{} ({})", schema.tags[i].name, i + 1) : schema.tags[i].name;
      const float w = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                      ImGui::CalcTextSize(label.c_str()).x;
      if (i > 0 && fits_on_line(w)) ImGui::SameLine();
      if (ImGui::Checkbox(label.c_str(), &on)) tool_ops::toggle_tag(ws, s, int(i));
    }
  }
}

}  // namespace vantage::gui
