// Cuboid tool (C), in the 3D and bird's-eye views. Click-drag places a
// footprint: the drag is the length and the heading, the width and height
// come from the class's size prior, the bottom sits on the ground estimated
// from the frame's LiDAR returns. A click without a drag auto-fits a cuboid
// to the returns around the clicked point (core cuboid_fit).
#include <GLFW/glfw3.h>

#include <cmath>

#include "app/gui/tools/cuboid_ops.h"
#include "app/gui/tools/tool_classes.h"
#include "app/gui/tools/tool_common.h"
#include "core/geometry/cuboid_fit.h"

namespace vantage::gui {

using namespace tools;  // helpers of the tool set (tool_common.h)

namespace {

class CuboidTool : public Tool {
 public:
  explicit CuboidTool(SettingsPtr settings) : settings_(std::move(settings)) {}
  ToolId id() const override { return ToolId::Cuboid; }
  const char* name() const override { return "Cuboid"; }
  const char* hint() const override {
    return dragging_ ? "Drag along the object's length, release to place"
                     : "Drag a footprint along the heading, or click on points to auto-fit";
  }

  bool on_scene_event(Workspace& ws, const SceneViewport& vp, const PointerEvent& e) override {
    if (dragging_ && ws.view().frame != frame_) cancel();
    switch (e.type) {
      case PointerEvent::Type::Press: {
        if (e.button != 0) return false;
        const auto g = ground_point(ws, vp, e.screen);
        if (!g) return false;
        dragging_ = true;
        frame_ = ws.view().frame;
        press_screen_ = e.screen;
        start_ = end_ = *g;
        return true;
      }
      case PointerEvent::Type::Drag:
        if (!dragging_) return false;
        if (auto g = ground_point(ws, vp, e.screen)) end_ = *g;
        return true;
      case PointerEvent::Type::Release: {
        if (!dragging_ || e.button != 0) return false;
        dragging_ = false;
        if (auto g = ground_point(ws, vp, e.screen)) end_ = *g;
        const float dx = e.screen.x - press_screen_.x, dy = e.screen.y - press_screen_.y;
        const std::string cls =
            class_for_kind(ws.doc().schema, *settings_, core::ShapeKind::Cuboid);
        std::optional<core::Cuboid> c;
        if (dx * dx + dy * dy < 16.0f) {
          std::string why;
          c = auto_fit_at(ws, seed_point(ws, vp, e.screen), cls, &why);
          if (!c) {
            settings_->say("Auto-fit: " + why, true);
            return true;
          }
        } else {
          c = footprint_cuboid(ws, start_, end_, cls);
        }
        if (!c) return true;
        if (commit_new_shape(ws, core::kSceneSensor, new_shape(ws, *c), cls) < 0)
          settings_->say("No class allows cuboids in this schema", true);
        return true;
      }
      default:
        return dragging_;
    }
  }

  bool on_key(Workspace&, const KeyEvent& k) override {
    if (dragging_ && k.key == GLFW_KEY_ESCAPE) {
      cancel();
      return true;
    }
    return false;
  }

  void draw_scene_overlay(Workspace& ws, const SceneViewport& vp) override {
    ImDrawList* dl = vp.draw_list;
    if (!dl || !dragging_) return;
    const std::string cls = class_for_kind(ws.doc().schema, *settings_, core::ShapeKind::Cuboid);
    const ImU32 col = to_imu32(class_color(ws.doc().schema, cls));
    const auto c = footprint_cuboid(ws, start_, end_, cls);
    if (!c) return;
    const double cy = std::cos(c->yaw), sy = std::sin(c->yaw);
    const core::Vec3 ax(cy * c->size.x / 2, sy * c->size.x / 2, 0),
        ay(-sy * c->size.y / 2, cy * c->size.y / 2, 0);
    const core::Vec3 base(c->center.x, c->center.y, c->center.z - c->size.z / 2);
    const core::Vec3 corners[4] = {base + ax + ay, base + ax - ay, base - ax - ay, base - ax + ay};
    for (int i = 0; i < 4; ++i) {
      auto a = vp.to_screen(corners[i]), b = vp.to_screen(corners[(i + 1) % 4]);
      if (a && b) dl->AddLine(*a, *b, col, i == 0 ? 3.0f : 2.0f);  // front edge thicker
    }
  }

  void cancel() override { dragging_ = false; }

 private:
  SettingsPtr settings_;
  bool dragging_ = false;
  int frame_ = -1;
  ImVec2 press_screen_{0, 0};
  core::Vec3 start_{0.0}, end_{0.0};
};

}  // namespace

ToolPtr make_cuboid_tool(SettingsPtr settings) {
  return std::make_unique<CuboidTool>(std::move(settings));
}

}  // namespace vantage::gui
