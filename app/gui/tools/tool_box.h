#pragma once
// The set of annotation tools and which one is active, plus the settings
// they share with the tool actions and the tool options panel.

#include <memory>
#include <vector>

#include "app/gui/actions.h"
#include "app/gui/tools/tool.h"
#include "app/gui/tools/tool_settings.h"

namespace vantage::gui {

class ToolBox {
 public:
  ToolBox();  // fills itself with make_default_tools(settings)
  Tool* active();
  ToolId active_id() const { return active_; }
  void set_active(ToolId id);  // cancels the previous tool
  // Also records the choice in the workspace's view state.
  void set_active(Workspace& ws, ToolId id);
  const std::vector<ToolPtr>& tools() const { return tools_; }
  Tool* find(ToolId id);
  ToolSettings& settings() { return *settings_; }

 private:
  std::shared_ptr<ToolSettings> settings_;
  std::vector<ToolPtr> tools_;
  ToolId active_ = ToolId::Select;
};

// Every tool, Select first (app/gui/tools/default_tools.cpp), sharing `settings`.
std::vector<ToolPtr> make_default_tools(std::shared_ptr<ToolSettings> settings);
std::vector<ToolPtr> make_default_tools();
// Tool switching, frame tags 1-9, copy/paste, propagate, ... as actions that
// hotkeys and menus bind to (app/gui/tools/tool_actions.cpp).
void add_tool_actions(ActionList& actions, ToolBox& tools);

}  // namespace vantage::gui
