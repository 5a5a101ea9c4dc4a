#include "app/gui/panels/schema_panel.h"

#include <fmt/format.h>
#include <imgui.h>

#include <functional>

#include "app/gui/panels/panel_util.h"
#include "app/gui/workspace.h"

namespace vantage::gui {

namespace {

std::string kinds_of(const core::ClassDef& c) {
  if (c.shapes.empty()) return "any shape";
  std::string s;
  for (core::ShapeKind k : c.shapes)
    s += std::string(s.empty() ? "" : ", ") + core::to_string(k);
  return s;
}

void class_node(const core::Schema& schema, const core::ClassDef& c, int depth) {
  if (depth > 16) return;  // a cyclic parent chain must not hang the UI
  ImGui::PushID(c.name.c_str());
  ImGui::ColorButton("##col", class_color_vec(schema, c.name), ImGuiColorEditFlags_NoTooltip,
                     ImVec2(12, 12));
  ImGui::SameLine();
  bool has_children = false;
  for (const core::ClassDef& k : schema.classes)
    has_children |= k.parent == c.name;
  const ImGuiTreeNodeFlags flags =
      has_children ? ImGuiTreeNodeFlags_DefaultOpen : ImGuiTreeNodeFlags_Leaf;
  const bool open = ImGui::TreeNodeEx(c.name.c_str(), flags);
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::Text("%s (id %d): %s", c.name.c_str(), c.id, kinds_of(c).c_str());
    if (c.size_range)
      ImGui::Text("size l %.1f-%.1f  w %.1f-%.1f  h %.1f-%.1f m", c.size_range->min.x,
                  c.size_range->max.x, c.size_range->min.y, c.size_range->max.y,
                  c.size_range->min.z, c.size_range->max.z);
    if (!c.guideline.empty()) {
      ImGui::PushTextWrapPos(420);
      ImGui::TextUnformatted(c.guideline.c_str());
      ImGui::PopTextWrapPos();
    }
    ImGui::EndTooltip();
  }
  if (open) {
    if (!c.guideline.empty()) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextDisabled("%s", c.guideline.c_str());
      ImGui::PopTextWrapPos();
    }
    for (const core::ClassDef& k : schema.classes)
      if (k.parent == c.name) class_node(schema, k, depth + 1);
    ImGui::TreePop();
  }
  ImGui::PopID();
}

}  // namespace

void draw_schema_panel(Workspace& ws) {
  const core::Schema& schema = ws.doc().schema;
  ImGui::TextDisabled("%s, version %d: %zu classes, %zu attributes",
                      schema.name.empty() ? "schema" : schema.name.c_str(), schema.version,
                      schema.classes.size(), schema.attributes.size());
  for (const core::ClassDef& c : schema.classes)
    if (c.parent.empty() || !schema.find_class(c.parent)) class_node(schema, c, 0);
  if (!schema.attributes.empty() && ImGui::TreeNode("Attributes")) {
    for (const core::AttributeDef& a : schema.attributes) {
      std::string detail =
          fmt::format("{}, {}", core::to_string(a.type), a.per_frame ? "per frame" : "static");
      if (a.required) detail += ", required";
      if (!a.options.empty()) {
        detail += ": ";
        for (size_t i = 0; i < a.options.size(); ++i)
          detail += (i ? "|" : "") + a.options[i];
      }
      if (a.min != a.max) detail += fmt::format(" [{:g}, {:g}]", a.min, a.max);
      ImGui::BulletText("%s  (%s)", a.name.c_str(), detail.c_str());
    }
    ImGui::TreePop();
  }
  if (!schema.tags.empty() && ImGui::TreeNode("Frame tags")) {
    for (const core::TagDef& t : schema.tags)
      ImGui::BulletText("%s%s%s", t.name.c_str(),
                        t.group.empty() ? "" : fmt::format("  [{}]", t.group).c_str(),
                        t.description.empty() ? "" : fmt::format(": {}", t.description).c_str());
    ImGui::TreePop();
  }
}

}  // namespace vantage::gui
