#include "app/gui/tools/tool_box.h"

namespace vantage::gui {

ToolBox::ToolBox() : tools_(make_default_tools()) {}

Tool* ToolBox::find(ToolId id) {
  for (ToolPtr& t : tools_)
    if (t->id() == id) return t.get();
  return nullptr;
}

Tool* ToolBox::active() { return find(active_); }

void ToolBox::set_active(ToolId id) {
  if (id == active_) return;
  if (Tool* t = active()) t->cancel();
  active_ = id;
}

}  // namespace vantage::gui
