#include "app/gui/selection.h"

#include "app/gui/workspace.h"

namespace vantage::gui {

void select_object(Workspace& ws, core::ObjectId id, bool toggle) {
  ViewState& v = ws.view();
  if (!toggle) {
    v.selection = {id};
    v.active = id;
    return;
  }
  if (v.selection.erase(id)) {
    if (v.active == id) v.active = v.selection.empty() ? -1 : *v.selection.begin();
  } else {
    v.selection.insert(id);
    v.active = id;
  }
}

}  // namespace vantage::gui
