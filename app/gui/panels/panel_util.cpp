#include "app/gui/panels/panel_util.h"

#include "app/gui/workspace.h"

namespace vantage::gui {

void tooltip(const char* text) {
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", text);
}

ImU32 class_imcolor(const core::Schema& schema, const std::string& class_name, int alpha) {
  const core::ClassDef* c = schema.find_class(class_name);
  const uint32_t rgb = c ? c->color : 0x808080;
  return IM_COL32((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, alpha);
}

ImVec4 class_color_vec(const core::Schema& schema, const std::string& class_name) {
  return ImGui::ColorConvertU32ToFloat4(class_imcolor(schema, class_name));
}

}  // namespace vantage::gui
