#pragma once
// Turns ImGui mouse state over one view widget into the PointerEvents that
// tools and the view itself consume. Call poll() right after the widget's
// InvisibleButton, once per UI frame. A press that started in the widget
// keeps producing Drag/Release events until the button is released, even
// when the mouse leaves the widget.

#include <vector>

#include "app/gui/tools/tool.h"

namespace vantage::gui {

class PointerInput {
 public:
  std::vector<PointerEvent> poll();
  bool hovered() const { return hovered_; }
  // Button held since a press in this widget (-1: none).
  int held_button() const { return held_; }
  ImVec2 press_position() const { return press_; }
  // Moved more than a few pixels since the press (a drag, not a click).
  bool dragged() const { return dragged_; }
  // The tool consumed the press; the rest of the gesture belongs to it.
  bool tool_owns_gesture = false;

 private:
  bool hovered_ = false;
  int held_ = -1;
  ImVec2 press_{0, 0};
  bool dragged_ = false;
};

// Offers an event to the tool; true when it consumed it. Keeps
// `input.tool_owns_gesture` so a drag the tool started stays with the tool.
bool offer_image_event(Tool* tool, Workspace& ws, const ImageViewport& vp, const PointerEvent& e,
                       PointerInput& input);
bool offer_scene_event(Tool* tool, Workspace& ws, const SceneViewport& vp, const PointerEvent& e,
                       PointerInput& input);

// Selection by click: plain replaces the selection, ctrl/shift toggles;
// `id` < 0 (nothing under the click) clears unless a modifier is held.
void click_select(Workspace& ws, core::ObjectId id, bool toggle);

}  // namespace vantage::gui
