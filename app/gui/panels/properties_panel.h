#pragma once
// Properties of the active object: class, the schema's attributes (static or
// per frame, with the widget their type calls for; required ones marked) and
// the flags of its shapes at the current frame. Every edit is an undoable
// core command.

namespace vantage::gui {
class Workspace;
void draw_properties_panel(Workspace& ws);
}  // namespace vantage::gui
