// Ignore-region tool (I): drag in a camera view to mark a region where
// objects are deliberately not labelled (KITTI's DontCare, a crowd); right-
// click inside a region to remove it. Regions are not objects: exports write
// them in each format's ignore convention, QA ignores detections inside them.
// One drag or click = one undo step.
#include <GLFW/glfw3.h>

#include <algorithm>

#include "app/gui/tools/tool_classes.h"
#include "app/gui/tools/tool_common.h"
#include "app/gui/views/ignore_overlay.h"
#include "core/commands/annotation_commands.h"

namespace vantage::gui {

namespace {

class IgnoreRegionTool : public Tool {
 public:
  explicit IgnoreRegionTool(SettingsPtr settings) : settings_(std::move(settings)) {}
  ToolId id() const override { return ToolId::IgnoreRegion; }
  const char* name() const override { return "Ignore"; }
  const char* hint() const override {
    return dragging_ ? "Release to mark the region, Esc cancels"
                     : "Drag to mark an ignore region; right-click one to remove it";
  }

  bool on_image_event(Workspace& ws, const ImageViewport& vp, const PointerEvent& e) override {
    if (dragging_ && ws.view().frame != frame_) cancel();
    if (dragging_ && vp.camera != camera_) return false;
    const core::Vec2 p = clamp(vp, vp.to_image(e.screen));
    switch (e.type) {
      case PointerEvent::Type::Press:
        if (e.button == 1) {
          const int i = pick_ignore_region(ws, vp, e.screen);
          if (i < 0) return false;
          ws.editor().execute(
              std::make_unique<core::IgnoreRegionCommand>(ws.view().frame, size_t(i)));
          settings_->say("Ignore region removed");
          return true;
        }
        if (e.button != 0) return false;
        dragging_ = true;
        camera_ = vp.camera;
        frame_ = ws.view().frame;
        start_ = end_ = p;
        return true;
      case PointerEvent::Type::Drag:
        if (!dragging_) return false;
        end_ = p;
        return true;
      case PointerEvent::Type::Release: {
        if (!dragging_ || e.button != 0) return false;
        end_ = p;
        dragging_ = false;
        const core::Box2D b{std::min(start_.x, end_.x), std::min(start_.y, end_.y),
                            std::max(start_.x, end_.x), std::max(start_.y, end_.y)};
        if (b.width() * vp.zoom < 2.0 || b.height() * vp.zoom < 2.0) return true;
        ws.editor().execute(std::make_unique<core::IgnoreRegionCommand>(
            frame_, core::IgnoreRegion{camera_, b, settings_->ignore_class, settings_->ignore_reason}));
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

  void draw_image_overlay(Workspace&, const ImageViewport& vp) override {
    if (!vp.draw_list || !dragging_ || vp.camera != camera_) return;
    const ImVec2 a = vp.to_screen(start_), b = vp.to_screen(end_);
    const std::vector<std::vector<ImVec2>> ring = {{a, {b.x, a.y}, b, {a.x, b.y}}};
    for (const auto& [p, q] : hatch_segments(ring, 9.0f))
      vp.draw_list->AddLine(p, q, IM_COL32(200, 200, 200, 140));
    vp.draw_list->AddRect(a, b, IM_COL32(220, 220, 220, 255), 0.0f, 0, 1.5f);
  }

  void cancel() override { dragging_ = false; }

 private:
  static core::Vec2 clamp(const ImageViewport& vp, core::Vec2 q) {
    if (vp.image_width > 0) q.x = std::clamp(q.x, 0.0, double(vp.image_width));
    if (vp.image_height > 0) q.y = std::clamp(q.y, 0.0, double(vp.image_height));
    return q;
  }

  SettingsPtr settings_;
  bool dragging_ = false;
  std::string camera_;
  int frame_ = -1;
  core::Vec2 start_{0.0}, end_{0.0};
};

}  // namespace

ToolPtr make_ignore_region_tool(SettingsPtr settings) {
  return std::make_unique<IgnoreRegionTool>(std::move(settings));
}

}  // namespace vantage::gui
