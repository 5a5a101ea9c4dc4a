// Placeholder until the tools land: no tools, no tool actions.
#include "app/gui/tools/tool_box.h"

namespace vantage::gui {

std::vector<ToolPtr> make_default_tools() { return {}; }
void add_tool_actions(ActionList&, ToolBox&) {}

}  // namespace vantage::gui
