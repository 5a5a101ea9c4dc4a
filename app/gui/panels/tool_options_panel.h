#pragma once
// Options of the active tool and batch edits of the selection (class of many,
// attributes over a frame range, propagate, paste to a range).

namespace vantage::gui {
class Workspace;
class ToolBox;
void draw_tool_options_panel(Workspace& ws, ToolBox& tools);
}  // namespace vantage::gui
