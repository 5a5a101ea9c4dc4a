#pragma once
// One camera's image with its annotations: texture upload on frame change,
// pan / zoom around the cursor / fit / 1:1, overlays of every shape and
// projected cuboid, optional LiDAR points, click selection, hover position;
// pointer events go to the tool first.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/gui/viewport.h"
#include "app/gui/views/pointer_input.h"
#include "core/io/frame_cache.h"
#include "render/image_texture.h"
#include "render/mask_texture.h"

namespace vantage::gui {

class Workspace;
class Tool;
struct SceneRenderer;

class CameraView {
 public:
  explicit CameraView(std::string camera) : camera_(std::move(camera)) {}
  // Fills `size` from the cursor position.
  void draw(Workspace& ws, Tool* tool, SceneRenderer& scene, ImVec2 size);
  const std::string& camera() const { return camera_; }
  const ImageViewport& viewport() const { return vp_; }
  const render::ImageTexture& texture() const { return texture_; }
  const render::MaskTexture& mask_texture() const { return mask_; }

 private:
  void handle_view_event(Workspace& ws, const PointerEvent& e);
  void draw_lidar(Workspace& ws, const std::shared_ptr<const core::FrameData>& data);
  void draw_masks(Workspace& ws);

  std::string camera_;
  render::ImageTexture texture_;
  std::shared_ptr<const core::FrameData> shown_;  // keeps the texture's pixels' identity alive
  PointerInput input_;
  ImageViewport vp_;
  ImVec2 last_mouse_{0, 0};
  bool hover_owned_ = false;
  // LiDAR points projected into the image, cached per frame data.
  std::shared_ptr<const core::FrameData> lidar_key_;
  std::vector<core::Vec2> lidar_px_;
  std::vector<float> lidar_depth_;
  std::vector<uint32_t> lidar_label_rgb_;  // 0x1RRGGBB for labelled points, else 0
  uint64_t lidar_revision_ = 0;
  render::MaskTexture mask_;
  std::vector<uint32_t> mask_colors_;
};

}  // namespace vantage::gui
