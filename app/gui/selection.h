#pragma once
// Selection changes shared by views, tools and panels, so a click selects the
// same way wherever it lands.

#include "core/model/object.h"

namespace vantage::gui {

class Workspace;

// Selects `id` alone, or with `toggle` (Ctrl/Shift-click) adds or removes it;
// the active object follows.
void select_object(Workspace& ws, core::ObjectId id, bool toggle);

}  // namespace vantage::gui
