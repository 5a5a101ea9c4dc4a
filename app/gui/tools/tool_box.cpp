#include "app/gui/tools/tool_box.h"

#include "app/gui/workspace.h"

namespace vantage::gui {

ToolBox::ToolBox()
    : settings_(std::make_shared<ToolSettings>()), tools_(make_default_tools(settings_)) {}

Tool* ToolBox::find(ToolId id) {
  for (ToolPtr& t : tools_)
    if (t->id() == id) return t.get();
  return nullptr;
}

Tool* ToolBox::active() {
  return find(active_);
}

void ToolBox::set_active(ToolId id) {
  if (id == active_) return;
  if (Tool* t = active()) t->cancel();
  active_ = id;
}

void ToolBox::set_active(Workspace& ws, ToolId id) {
  set_active(id);
  ws.view().tool = id;
}

}  // namespace vantage::gui
