#pragma once
// Undo history: every command, oldest first, then the redo stack; a click
// undoes or redoes to that point.

namespace vantage::gui {
class Workspace;
void draw_history_panel(Workspace& ws);
}  // namespace vantage::gui
