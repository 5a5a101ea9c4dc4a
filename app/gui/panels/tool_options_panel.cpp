// Placeholder until the tools land.
#include "app/gui/panels/tool_options_panel.h"

#include <imgui.h>

namespace vantage::gui {
void draw_tool_options_panel(Workspace&, ToolBox&) { ImGui::TextDisabled("No tools yet"); }
}  // namespace vantage::gui
