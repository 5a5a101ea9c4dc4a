#include "app/gui/views/pointer_input.h"

#include <cmath>

#include "app/gui/selection.h"
#include "app/gui/workspace.h"

namespace vantage::gui {

namespace {
constexpr float kDragThreshold = 3.0f;  // pixels before a press becomes a drag
}

std::vector<PointerEvent> PointerInput::poll() {
  std::vector<PointerEvent> out;
  const ImGuiIO& io = ImGui::GetIO();
  hovered_ = ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  PointerEvent base;
  base.screen = io.MousePos;
  base.shift = io.KeyShift;
  base.ctrl = io.KeyCtrl;
  base.alt = io.KeyAlt;
  const bool moved = io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f;
  if (held_ >= 0) {
    if (moved && ImGui::IsMouseDown(held_)) {
      const float dx = io.MousePos.x - press_.x, dy = io.MousePos.y - press_.y;
      if (std::sqrt(dx * dx + dy * dy) > kDragThreshold) dragged_ = true;
      PointerEvent e = base;
      e.type = PointerEvent::Type::Drag;
      e.button = held_;
      out.push_back(e);
    }
    if (!ImGui::IsMouseDown(held_)) {
      PointerEvent e = base;
      e.type = PointerEvent::Type::Release;
      e.button = held_;
      out.push_back(e);
      held_ = -1;
    }
    return out;
  }
  if (!hovered_) return out;
  for (int b = 0; b < 3; ++b) {
    if (!ImGui::IsMouseClicked(b)) continue;
    PointerEvent e = base;
    e.type = PointerEvent::Type::Press;
    e.button = b;
    out.push_back(e);
    if (ImGui::IsMouseDoubleClicked(b)) {
      e.type = PointerEvent::Type::DoubleClick;
      out.push_back(e);
    }
    held_ = b;
    press_ = io.MousePos;
    dragged_ = false;
    tool_owns_gesture = false;
    return out;
  }
  if (moved) {
    PointerEvent e = base;
    e.type = PointerEvent::Type::Move;
    out.push_back(e);
  }
  return out;
}

template <class Viewport, class Offer>
static bool offer(Tool* tool, const PointerEvent& e, PointerInput& input, Offer&& call) {
  if (!tool) return false;
  const bool consumed = call();
  if (e.type == PointerEvent::Type::Press) input.tool_owns_gesture = consumed;
  // Drags and the release of a gesture the tool started are its own even if
  // it forgets to return true for them.
  if ((e.type == PointerEvent::Type::Drag || e.type == PointerEvent::Type::Release) &&
      input.tool_owns_gesture)
    return true;
  return consumed;
}

bool offer_image_event(Tool* tool, Workspace& ws, const ImageViewport& vp, const PointerEvent& e,
                       PointerInput& input) {
  return offer<ImageViewport>(tool, e, input, [&] { return tool->on_image_event(ws, vp, e); });
}

bool offer_scene_event(Tool* tool, Workspace& ws, const SceneViewport& vp, const PointerEvent& e,
                       PointerInput& input) {
  return offer<SceneViewport>(tool, e, input, [&] { return tool->on_scene_event(ws, vp, e); });
}

void click_select(Workspace& ws, core::ObjectId id, bool toggle) {
  if (id >= 0) {
    select_object(ws, id, toggle);
  } else if (!toggle) {
    ws.view().selection.clear();
    ws.view().active = -1;
  }
}

}  // namespace vantage::gui
