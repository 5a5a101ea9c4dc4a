#pragma once
// The set of annotation tools and which one is active.

#include <vector>

#include "app/gui/actions.h"
#include "app/gui/tools/tool.h"

namespace vantage::gui {

class ToolBox {
 public:
  ToolBox();  // fills itself with make_default_tools()
  Tool* active();
  ToolId active_id() const { return active_; }
  void set_active(ToolId id);  // cancels the previous tool
  const std::vector<ToolPtr>& tools() const { return tools_; }
  Tool* find(ToolId id);

 private:
  std::vector<ToolPtr> tools_;
  ToolId active_ = ToolId::Select;
};

// Every tool, Select first (app/gui/tools/default_tools.cpp).
std::vector<ToolPtr> make_default_tools();
// Tool switching, frame tags 1-9, copy/paste, propagate, ... as actions that
// hotkeys and menus bind to (app/gui/tools/default_tools.cpp).
void add_tool_actions(ActionList& actions, ToolBox& tools);

}  // namespace vantage::gui
