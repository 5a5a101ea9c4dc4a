#pragma once
// The objects list: filter by class, attribute and state, search by id or
// class, show/hide and lock toggles, click to select (Ctrl-click adds).

namespace vantage::gui {
class Workspace;
void draw_objects_panel(Workspace& ws);
}  // namespace vantage::gui
