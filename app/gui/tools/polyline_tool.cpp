// Polyline tool (L): click points; Enter or a double click finishes,
// Backspace removes the last point, Escape cancels.
#include <GLFW/glfw3.h>

#include "app/gui/tools/point_draft.h"
#include "app/gui/tools/tool_classes.h"
#include "app/gui/tools/tool_common.h"

namespace vantage::gui {

using namespace tools;  // helpers of the tool set (tool_common.h)

namespace {

class PolylineTool : public Tool {
 public:
  explicit PolylineTool(SettingsPtr settings) : settings_(std::move(settings)) {}
  ToolId id() const override { return ToolId::Polyline; }
  const char* name() const override { return "Polyline"; }
  const char* hint() const override {
    return draft_.active() ? "Click to add a point; Enter finishes, Esc cancels"
                           : "Click to start a polyline";
  }

  bool on_image_event(Workspace& ws, const ImageViewport& vp, const PointerEvent& e) override {
    if (draft_.stale(vp.camera, ws.view().frame)) cancel();
    if (draft_.active() && vp.camera != draft_.camera) return false;
    draft_.hover = vp.to_image(e.screen);
    switch (e.type) {
      case PointerEvent::Type::Press:
        if (e.button != 0) return draft_.active();
        draft_.add(vp.camera, ws.view().frame, vp.to_image(e.screen));
        return true;
      case PointerEvent::Type::DoubleClick:
        if (e.button != 0 || !draft_.active()) return false;
        if (draft_.points.size() > 2) draft_.points.pop_back();
        if (draft_.points.size() >= 2) finish(ws);
        return true;
      default:
        return draft_.active();
    }
  }

  bool on_key(Workspace& ws, const KeyEvent& k) override {
    if (!draft_.active()) return false;
    if (k.key == GLFW_KEY_ENTER || k.key == GLFW_KEY_KP_ENTER) {
      if (draft_.points.size() >= 2) finish(ws);
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

  void draw_image_overlay(Workspace& ws, const ImageViewport& vp) override {
    draft_.draw(vp, to_imu32(class_color(ws.doc().schema, current_class(ws))), false);
  }

  void cancel() override { draft_.clear(); }

 private:
  std::string current_class(const Workspace& ws) const {
    return class_for_kind(ws.doc().schema, *settings_, core::ShapeKind::Polyline);
  }

  void finish(Workspace& ws) {
    core::Polyline l;
    l.points = std::move(draft_.points);
    const std::string cam = draft_.camera;
    cancel();
    if (commit_new_shape(ws, cam, new_shape(ws, l), current_class(ws)) < 0)
      settings_->say("No class allows polylines in this schema", true);
  }

  SettingsPtr settings_;
  PointDraft draft_;
};

}  // namespace

ToolPtr make_polyline_tool(SettingsPtr settings) {
  return std::make_unique<PolylineTool>(std::move(settings));
}

}  // namespace vantage::gui
