// Keypoints tool (K): places the points of the class's skeleton (schema) in
// order, showing the next point's name. Left click: a visible point; right
// click: skip it (not labelled). V toggles the last placed point between
// visible and labelled-but-hidden. Backspace steps back, Enter stores what
// is placed (the rest not labelled), Escape cancels. The skeleton's edges
// are drawn in the preview.
#include <GLFW/glfw3.h>

#include "app/gui/tools/tool_classes.h"
#include "app/gui/tools/tool_common.h"

namespace vantage::gui {

using namespace tools;  // helpers of the tool set (tool_common.h)

namespace {

class KeypointsTool : public Tool {
 public:
  explicit KeypointsTool(SettingsPtr settings) : settings_(std::move(settings)) {}
  ToolId id() const override { return ToolId::Keypoints; }
  const char* name() const override { return "Keypoints"; }
  const char* hint() const override {
    return "Click each point of the skeleton in order; right click skips, V toggles visibility, "
           "Enter stores";
  }

  bool on_image_event(Workspace& ws, const ImageViewport& vp, const PointerEvent& e) override {
    if (!points_.empty() && ws.view().frame != frame_) cancel();
    if (!points_.empty() && vp.camera != camera_) return false;  // another camera's view
    hover_ = vp.to_image(e.screen);
    hover_camera_ = vp.camera;
    if (e.type != PointerEvent::Type::Press) return !points_.empty();
    if (e.button != 0 && e.button != 1) return false;
    const core::Skeleton* sk = skeleton(ws);
    if (!sk || sk->points.empty()) {
      settings_->say("The keypoint class has no skeleton in the schema", true);
      return true;
    }
    if (points_.empty()) {
      camera_ = vp.camera;
      frame_ = ws.view().frame;
    }
    core::Keypoint kp;
    kp.position = vp.to_image(e.screen);
    kp.visibility = e.button == 0 ? 2 : 0;
    points_.push_back(kp);
    if (points_.size() >= sk->points.size()) finish(ws);
    return true;
  }

  bool on_key(Workspace& ws, const KeyEvent& k) override {
    if (points_.empty()) return false;
    switch (k.key) {
      case GLFW_KEY_V:
        for (auto it = points_.rbegin(); it != points_.rend(); ++it) {
          if (it->visibility == 0) continue;
          it->visibility = it->visibility == 2 ? 1 : 2;
          break;
        }
        return true;
      case GLFW_KEY_BACKSPACE:
        points_.pop_back();
        return true;
      case GLFW_KEY_ENTER:
      case GLFW_KEY_KP_ENTER:
        finish(ws);
        return true;
      case GLFW_KEY_ESCAPE:
        cancel();
        return true;
      default:
        return false;
    }
  }

  void draw_image_overlay(Workspace& ws, const ImageViewport& vp) override {
    if (!points_.empty() && ws.view().frame != frame_) cancel();  // the frame moved on
    ImDrawList* dl = vp.draw_list;
    const core::Skeleton* sk = skeleton(ws);
    if (!dl || !sk) return;
    const ImU32 col = to_imu32(class_color(ws.doc().schema, current_class(ws)));
    if (!points_.empty() && vp.camera == camera_) {
      for (const auto& [a, b] : sk->edges) {
        if (a >= int(points_.size()) || b >= int(points_.size())) continue;
        if (points_[a].visibility == 0 || points_[b].visibility == 0) continue;
        dl->AddLine(vp.to_screen(points_[a].position), vp.to_screen(points_[b].position), col,
                    2.0f);
      }
      for (const core::Keypoint& kp : points_) {
        if (kp.visibility == 0) continue;
        const ImVec2 s = vp.to_screen(kp.position);
        if (kp.visibility == 2)
          dl->AddCircleFilled(s, 4.0f, col);
        else
          dl->AddCircle(s, 4.0f, col, 0, 1.5f);
      }
    }
    // Name of the next point at the cursor.
    if (hover_ && hover_camera_ == vp.camera && points_.size() < sk->points.size()) {
      const ImVec2 s = vp.to_screen(*hover_);
      const std::string& next = sk->points[points_.size()];
      dl->AddText({s.x + 12, s.y + 8}, IM_COL32(255, 255, 255, 230), next.c_str());
    }
  }

  void cancel() override { points_.clear(); }

  // Name of the point the next click places (tests, panel).
  std::string next_point_name(const Workspace& ws) const {
    const core::Skeleton* sk = skeleton(ws);
    return sk && points_.size() < sk->points.size() ? sk->points[points_.size()] : std::string();
  }

 private:
  std::string current_class(const Workspace& ws) const {
    return class_for_kind(ws.doc().schema, *settings_, core::ShapeKind::Keypoints);
  }
  const core::Skeleton* skeleton(const Workspace& ws) const {
    const core::ClassDef* c = ws.doc().schema.find_class(current_class(ws));
    return c ? ws.doc().schema.find_skeleton(c->skeleton) : nullptr;
  }

  void finish(Workspace& ws) {
    const core::Skeleton* sk = skeleton(ws);
    core::Keypoints k;
    k.points = std::move(points_);
    cancel();
    if (!sk) return;
    k.points.resize(sk->points.size());  // the rest: not labelled (visibility 0)
    bool any = false;
    for (const core::Keypoint& kp : k.points)
      any = any || kp.visibility > 0;
    if (!any) return;
    commit_new_shape(ws, camera_, new_shape(ws, k), current_class(ws));
  }

  SettingsPtr settings_;
  std::vector<core::Keypoint> points_;
  std::string camera_;
  int frame_ = -1;
  std::optional<core::Vec2> hover_;
  std::string hover_camera_;
};

}  // namespace

ToolPtr make_keypoints_tool(SettingsPtr settings) {
  return std::make_unique<KeypointsTool>(std::move(settings));
}

}  // namespace vantage::gui
