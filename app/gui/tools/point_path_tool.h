#pragma once
// Base of the tools that click a path of points in one camera at one frame
// (polygon, polyline): clicks add points, a double click or Enter finishes,
// Backspace removes the last point, Escape drops the path. Subclasses say
// how many points a shape needs and what finishing stores.

#include <GLFW/glfw3.h>

#include "app/gui/tools/point_draft.h"
#include "app/gui/tools/tool.h"
#include "app/gui/workspace.h"

namespace vantage::gui::tools {

class PointPathTool : public Tool {
 public:
  explicit PointPathTool(size_t min_points) : min_points_(min_points) {}

  bool on_image_event(Workspace& ws, const ImageViewport& vp, const PointerEvent& e) override {
    if (draft_.active() && ws.view().frame != draft_.frame) cancel();
    if (draft_.active() && vp.camera != draft_.camera) return false;
    draft_.hover = vp.to_image(e.screen);
    switch (e.type) {
      case PointerEvent::Type::Press:
        if (e.button != 0) return draft_.active();
        if (press_closes(vp, e)) {
          finish(ws);
          return true;
        }
        if (!draft_.active()) on_start(e);
        draft_.add(vp.camera, ws.view().frame, vp.to_image(e.screen));
        return true;
      case PointerEvent::Type::DoubleClick:
        if (e.button != 0 || !draft_.active()) return false;
        // The press of the double click added a point at the same spot.
        if (draft_.points.size() > min_points_) draft_.points.pop_back();
        if (draft_.points.size() >= min_points_) finish(ws);
        return true;
      default:
        return draft_.active();
    }
  }

  bool on_key(Workspace& ws, const KeyEvent& k) override {
    if (!draft_.active()) return false;
    if (k.key == GLFW_KEY_ENTER || k.key == GLFW_KEY_KP_ENTER) {
      if (draft_.points.size() >= min_points_) finish(ws);
      return true;
    }
    if (k.key == GLFW_KEY_BACKSPACE) {
      draft_.points.pop_back();
      return true;
    }
    if (k.key == GLFW_KEY_ESCAPE) {
      cancel();
      return true;
    }
    return false;
  }

  void cancel() override {
    draft_.clear();
    on_cancel();
  }

 protected:
  // Stores the shape from draft_ (called with at least min_points points).
  virtual void finish(Workspace& ws) = 0;
  // Whether this press closes the path instead of adding a point.
  virtual bool press_closes(const ImageViewport&, const PointerEvent&) const { return false; }
  virtual void on_start(const PointerEvent&) {}
  virtual void on_cancel() {}

  PointDraft draft_;
  const size_t min_points_;
};

}  // namespace vantage::gui::tools
