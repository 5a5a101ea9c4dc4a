// [SECTION] Splitter
// [SECTION] Toolbar
// [SECTION] Columns
#include "app/gui/layout.h"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>

#include "app/gui/hotkeys.h"
#include "app/gui/panels/dataset_panel.h"
#include "app/gui/panels/history_panel.h"
#include "app/gui/panels/objects_panel.h"
#include "app/gui/panels/panel_util.h"
#include "app/gui/panels/properties_panel.h"
#include "app/gui/panels/qa_panels.h"
#include "app/gui/panels/schema_panel.h"
#include "app/gui/panels/timeline_panel.h"
#include "app/gui/panels/tool_options_panel.h"
#include "app/gui/tools/tool_box.h"
#include "app/gui/views/view_set.h"
#include "app/gui/workspace.h"

namespace vantage::gui {

namespace fs = std::filesystem;

//-----------------------------------------------------------------------------
// [SECTION] Splitter
//-----------------------------------------------------------------------------
bool splitter(const char* id, bool vertical, float length, float* size, float min_size,
              float max_size, bool invert, float thickness) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 extent = vertical ? ImVec2(thickness, length) : ImVec2(length, thickness);
  ImGui::InvisibleButton(id, extent);
  const bool active = ImGui::IsItemActive();
  const bool hovered = ImGui::IsItemHovered();
  if (hovered || active)
    ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
  if (active) {
    const ImVec2 d = ImGui::GetIO().MouseDelta;
    const float delta = vertical ? d.x : d.y;
    *size = std::clamp(*size + (invert ? -delta : delta), min_size, std::max(min_size, max_size));
  }
  const ImU32 col = ImGui::GetColorU32(active    ? ImGuiCol_SeparatorActive
                                       : hovered ? ImGuiCol_SeparatorHovered
                                                 : ImGuiCol_Separator);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (vertical)
    dl->AddLine(ImVec2(p.x + thickness / 2, p.y), ImVec2(p.x + thickness / 2, p.y + length), col,
                active ? 2.0f : 1.0f);
  else
    dl->AddLine(ImVec2(p.x, p.y + thickness / 2), ImVec2(p.x + length, p.y + thickness / 2), col,
                active ? 2.0f : 1.0f);
  return active;
}

namespace {

constexpr ImGuiWindowFlags kViewFlags =
    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;

//-----------------------------------------------------------------------------
// [SECTION] Toolbar
//-----------------------------------------------------------------------------
std::string tool_action_id(ToolId id) {
  switch (id) {
    case ToolId::Select:
      return "tool.select";
    case ToolId::Box:
      return "tool.box";
    case ToolId::Polygon:
      return "tool.polygon";
    case ToolId::Polyline:
      return "tool.polyline";
    case ToolId::Keypoints:
      return "tool.keypoints";
    case ToolId::Cuboid:
      return "tool.cuboid";
    case ToolId::IgnoreRegion:
      return "tool.ignore";
    case ToolId::Mask:
      return "tool.mask";
  }
  return {};
}

void draw_toolbar(LayoutContext& ctx) {
  for (const ToolPtr& t : ctx.tools.tools()) {
    const bool active = t->id() == ctx.tools.active_id();
    if (active)
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(t->name())) {
      ctx.tools.set_active(ctx.ws, t->id());
    }
    if (active) ImGui::PopStyleColor();
    const std::string keys = ctx.keys.chord_text(tool_action_id(t->id()));
    tooltip(keys.empty() ? t->name() : fmt::format("{} ({})", t->name(), keys).c_str());
    ImGui::SameLine();
  }
  if (ctx.tools.tools().empty()) {
    ImGui::TextDisabled("(no tools)");
    ImGui::SameLine();
  }
  // View options live in the views themselves; here the document-wide commands.
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  core::Editor& ed = ctx.ws.editor();
  ImGui::BeginDisabled(!ed.can_undo());
  if (ImGui::Button("Undo")) ed.undo();
  tooltip(fmt::format("Undo ({})", ctx.keys.chord_text("edit.undo")).c_str());
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!ed.can_redo());
  if (ImGui::Button("Redo")) ed.redo();
  tooltip(fmt::format("Redo ({})", ctx.keys.chord_text("edit.redo")).c_str());
  ImGui::EndDisabled();
  // View options shared by every view (each view's own row has fit/zoom and
  // point colour/size).
  ViewState& v = ctx.ws.view();
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  ImGui::Checkbox("BEV", &v.orbit.bev);
  tooltip(
      fmt::format("Bird's-eye view in the 3D view ({})", ctx.keys.chord_text("view.bev")).c_str());
  ImGui::SameLine();
  bool grid = v.camera_layout == CameraLayout::Grid;
  if (ImGui::Checkbox("Camera grid", &grid))
    v.camera_layout = grid ? CameraLayout::Grid : CameraLayout::Tabs;
  tooltip("All cameras at once instead of tabs");
  ImGui::SameLine();
  ImGui::Checkbox("LiDAR in camera", &v.lidar_in_camera);
  ImGui::SameLine();
  ImGui::Checkbox("Labels", &v.show_labels);
  ImGui::SameLine();
  ImGui::Checkbox("3D grid", &v.show_grid);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90);
  ImGui::SliderInt("Sweeps", &v.accumulate_sweeps, 1, 10);
  tooltip("Accumulate the last N LiDAR sweeps through the ego poses");
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  ImGui::TextDisabled("%s", ctx.ws.annotator().c_str());
}

//-----------------------------------------------------------------------------
// [SECTION] Columns
//-----------------------------------------------------------------------------
void draw_centre(LayoutContext& ctx, float width, float height, const ImVec2& spacing) {
  LayoutSizes& s = ctx.sizes;
  const float sp = 6.0f;
  float scene_h =
      std::clamp(s.scene_fraction * (height - sp), 60.0f, std::max(60.0f, height - sp - 60.0f));
  const float cam_h = std::max(40.0f, height - sp - scene_h);
  ImGui::BeginChild("##cameras", ImVec2(width, cam_h), true, kViewFlags);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, spacing);
  ctx.views.draw_cameras(ctx.ws, ctx.tools.active());
  ImGui::PopStyleVar();
  ImGui::EndChild();
  if (splitter("##split_scene", false, width, &scene_h, 60.0f, height - sp - 60.0f, true))
    s.scene_fraction = scene_h / std::max(1.0f, height - sp);
  ImGui::BeginChild("##scene", ImVec2(width, std::max(40.0f, height - sp - cam_h)), true,
                    kViewFlags);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, spacing);
  ctx.views.draw_scene(ctx.ws, ctx.tools.active());
  ImGui::PopStyleVar();
  ImGui::EndChild();
}

void draw_right(LayoutContext& ctx) {
  Workspace& ws = ctx.ws;
  if (ImGui::CollapsingHeader("Properties", ImGuiTreeNodeFlags_DefaultOpen))
    draw_properties_panel(ws);
  if (ImGui::CollapsingHeader("Cuboid detail", ImGuiTreeNodeFlags_DefaultOpen)) {
    ImGui::BeginChild("##detail", ImVec2(0, ctx.sizes.detail_height), true, kViewFlags);
    ctx.views.draw_cuboid_detail(ws, ctx.tools.active());
    ImGui::EndChild();
    splitter("##split_detail", false, ImGui::GetContentRegionAvail().x, &ctx.sizes.detail_height,
             80.0f, 900.0f);
  }
  if (ImGui::CollapsingHeader("Tool options", ImGuiTreeNodeFlags_DefaultOpen))
    draw_tool_options_panel(ws, ctx.tools);
  if (ImGui::CollapsingHeader("Quality")) {
    if (ImGui::BeginTabBar("##qa")) {
      if (ImGui::BeginTabItem("Issues")) {
        draw_issues_panel(ws);
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Review")) {
        draw_review_panel(ws);
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Statistics")) {
        draw_statistics_panel(ws);
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
  }
  if (ImGui::CollapsingHeader("History")) draw_history_panel(ws);
  if (ImGui::CollapsingHeader("Label schema")) draw_schema_panel(ws);
}

}  // namespace

void draw_workspace_layout(LayoutContext& ctx) {
  LayoutSizes& s = ctx.sizes;
  draw_toolbar(ctx);
  const float sp = 6.0f;
  const float status_h = ImGui::GetFrameHeightWithSpacing();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  s.timeline_height =
      std::clamp(s.timeline_height, 80.0f, std::max(80.0f, avail.y - status_h - sp - 200.0f));
  const float body_h = std::max(100.0f, avail.y - status_h - sp - s.timeline_height);
  s.left_width = std::clamp(s.left_width, 160.0f, std::max(160.0f, avail.x * 0.4f));
  s.right_width = std::clamp(s.right_width, 220.0f, std::max(220.0f, avail.x * 0.45f));
  const float centre_w = std::max(100.0f, avail.x - s.left_width - s.right_width - 2 * sp);
  const ImGuiStyle style = ImGui::GetStyle();  // a copy: pushing style vars changes the original
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));

  ImGui::BeginChild("##left", ImVec2(s.left_width, body_h), true);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, style.ItemSpacing);
  if (ctx.dataset && ctx.dataset->root &&
      ImGui::CollapsingHeader(fmt::format("Dataset {}###dataset", ctx.dataset->info.name).c_str(),
                              ImGuiTreeNodeFlags_DefaultOpen))
    draw_dataset_panel(*ctx.dataset);
  ImGui::TextUnformatted("Objects");
  draw_objects_panel(ctx.ws);
  ImGui::PopStyleVar();
  ImGui::EndChild();
  ImGui::SameLine();
  splitter("##split_left", true, body_h, &s.left_width, 160.0f, avail.x * 0.4f);
  ImGui::SameLine();
  ImGui::BeginGroup();
  draw_centre(ctx, centre_w, body_h, style.ItemSpacing);
  ImGui::EndGroup();
  ImGui::SameLine();
  splitter("##split_right", true, body_h, &s.right_width, 220.0f, avail.x * 0.45f, true);
  ImGui::SameLine();
  ImGui::BeginChild("##right", ImVec2(s.right_width, body_h), true);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, style.ItemSpacing);
  draw_right(ctx);
  ImGui::PopStyleVar();
  ImGui::EndChild();

  splitter("##split_timeline", false, avail.x, &s.timeline_height, 80.0f,
           avail.y - status_h - sp - 200.0f, true);
  ImGui::BeginChild("##timeline", ImVec2(avail.x, s.timeline_height), true);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, style.ItemSpacing);
  draw_timeline_panel(ctx.ws);
  ImGui::PopStyleVar();
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::BeginChild("##status", ImVec2(avail.x, status_h), false, kViewFlags);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2);
  draw_status_bar(ctx.ws, ctx.status);
  ImGui::EndChild();
}

}  // namespace vantage::gui
