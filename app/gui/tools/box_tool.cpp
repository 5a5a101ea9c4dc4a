// Box tool (B): drag in a camera view to draw a 2D box. The new box becomes
// a new object of the tool's class, or a new track of the active object
// when it has no box in this camera yet. One drag = one undo step.
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>

#include "app/gui/tools/tool_classes.h"
#include "app/gui/tools/tool_common.h"

namespace vantage::gui {

using namespace tools;  // helpers of the tool set (tool_common.h)

namespace {

class BoxTool : public Tool {
 public:
  explicit BoxTool(SettingsPtr settings) : settings_(std::move(settings)) {}
  ToolId id() const override { return ToolId::Box; }
  const char* name() const override { return "Box"; }
  const char* hint() const override {
    return dragging_ ? "Release to place the box, Esc cancels" : "Drag to draw a 2D box";
  }

  bool on_image_event(Workspace& ws, const ImageViewport& vp, const PointerEvent& e) override {
    if (dragging_ && ws.view().frame != frame_) cancel();
    if (dragging_ && vp.camera != camera_) return false;  // another camera's view
    hover_ = vp.to_image(e.screen);
    hover_camera_ = vp.camera;
    switch (e.type) {
      case PointerEvent::Type::Press:
        if (e.button != 0) return false;
        dragging_ = true;
        camera_ = vp.camera;
        frame_ = ws.view().frame;
        start_ = end_ = clamp(vp, hover_);
        return true;
      case PointerEvent::Type::Drag:
        if (!dragging_) return false;
        end_ = clamp(vp, hover_);
        return true;
      case PointerEvent::Type::Release: {
        if (!dragging_ || e.button != 0) return false;
        end_ = clamp(vp, hover_);
        dragging_ = false;
        core::Box2D b{std::min(start_.x, end_.x), std::min(start_.y, end_.y),
                      std::max(start_.x, end_.x), std::max(start_.y, end_.y)};
        // A click, not a drag: no box (2 screen pixels at least).
        if (b.width() * vp.zoom < 2.0 || b.height() * vp.zoom < 2.0) return true;
        const std::string cls = class_for_kind(ws.doc().schema, *settings_, core::ShapeKind::Box2D);
        if (commit_new_shape(ws, camera_, new_shape(ws, b), cls) < 0)
          settings_->say("No class allows 2D boxes in this schema", true);
        return true;
      }
      default:
        return dragging_;
    }
  }

  bool on_key(Workspace&, const KeyEvent& k) override {
    if (k.key == GLFW_KEY_ESCAPE && dragging_) {
      cancel();
      return true;
    }
    return false;
  }

  void draw_image_overlay(Workspace& ws, const ImageViewport& vp) override {
    ImDrawList* dl = vp.draw_list;
    if (!dl) return;
    const ImU32 col = to_imu32(class_color(
        ws.doc().schema, class_for_kind(ws.doc().schema, *settings_, core::ShapeKind::Box2D)));
    if (dragging_ && vp.camera == camera_) {
      dl->AddRect(vp.to_screen(start_), vp.to_screen(end_), col, 0.0f, 0, 2.0f);
      return;
    }
    // Crosshair at the cursor helps line up the first corner with the object's edge.
    if (hover_camera_ == vp.camera && hover_) {
      const ImVec2 s = vp.to_screen(*hover_);
      if (!vp.contains_screen(s)) return;
      dl->AddLine({vp.view_min.x, s.y}, {vp.view_max.x, s.y}, IM_COL32(255, 255, 255, 90));
      dl->AddLine({s.x, vp.view_min.y}, {s.x, vp.view_max.y}, IM_COL32(255, 255, 255, 90));
    }
  }

  void cancel() override { dragging_ = false; }

 private:
  static core::Vec2 clamp(const ImageViewport& vp, const std::optional<core::Vec2>& p) {
    core::Vec2 q = p.value_or(core::Vec2(0.0));
    if (vp.image_width > 0) q.x = std::clamp(q.x, 0.0, double(vp.image_width));
    if (vp.image_height > 0) q.y = std::clamp(q.y, 0.0, double(vp.image_height));
    return q;
  }

  SettingsPtr settings_;
  bool dragging_ = false;
  std::string camera_;
  int frame_ = -1;
  core::Vec2 start_{0.0}, end_{0.0};
  std::optional<core::Vec2> hover_;
  std::string hover_camera_;
};

}  // namespace

ToolPtr make_box_tool(SettingsPtr settings) {
  return std::make_unique<BoxTool>(std::move(settings));
}

}  // namespace vantage::gui
