#pragma once
// Annotation tools. A view turns mouse input over it into PointerEvents and
// offers them to the active tool first; a tool that consumes an event stops
// the view from panning or selecting with it. Tools change the document only
// through core commands (Workspace::editor().execute), so everything is
// undoable, and draw their previews and handles through the viewport's draw
// list.

#include <memory>

#include "app/gui/view_state.h"
#include "app/gui/viewport.h"

namespace vantage::gui {

class Workspace;

struct PointerEvent {
  enum class Type { Press, Drag, Release, Move, DoubleClick };
  Type type = Type::Move;
  ImVec2 screen{0, 0};
  int button = 0;  // 0 left, 1 right, 2 middle
  bool shift = false, ctrl = false, alt = false;
};

struct KeyEvent {
  int key = -1;  // GLFW_KEY_* (ImGui 1.86 indexes io.KeysDown by the backend's key codes)
  bool shift = false, ctrl = false, alt = false;
};

class Tool {
 public:
  virtual ~Tool() = default;
  virtual ToolId id() const = 0;
  virtual const char* name() const = 0;

  // Return true when the event was consumed.
  virtual bool on_image_event(Workspace&, const ImageViewport&, const PointerEvent&) {
    return false;
  }
  virtual bool on_scene_event(Workspace&, const SceneViewport&, const PointerEvent&) {
    return false;
  }
  virtual bool on_key(Workspace&, const KeyEvent&) { return false; }
  // Mouse wheel over an image (before the view zooms with it): the mask
  // brush takes Ctrl+wheel for its size.
  virtual bool on_image_wheel(Workspace&, const ImageViewport&, float wheel, bool ctrl) {
    (void)wheel;
    (void)ctrl;
    return false;
  }
  // Previews and handles, drawn after the view's own overlays.
  virtual void draw_image_overlay(Workspace&, const ImageViewport&) {}
  virtual void draw_scene_overlay(Workspace&, const SceneViewport&) {}
  // Drops a half-drawn shape (Escape, tool switch, frame change).
  virtual void cancel() {}
  // One line for the status bar: what the next click does.
  virtual const char* hint() const { return ""; }
};

using ToolPtr = std::unique_ptr<Tool>;

}  // namespace vantage::gui
