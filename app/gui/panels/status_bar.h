#pragma once
// One line at the bottom: frame and time, what is under the mouse, frame
// time, cache state, unsaved marker, annotator, and the active tool's hint.

#include <string>

namespace vantage::gui {
class Workspace;
struct StatusInfo {
  double frame_ms = 0;    // UI frame time
  std::string tool_hint;  // Tool::hint() of the active tool
  std::string message;    // transient message (saved, autosave error, ...)
  bool message_is_error = false;
};
void draw_status_bar(Workspace& ws, const StatusInfo& info);
}  // namespace vantage::gui
