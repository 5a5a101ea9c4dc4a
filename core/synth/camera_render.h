#pragma once
// Renders a demo camera image: sky, textured ground, shaded boxes, with a
// per-pixel depth buffer and an object-id buffer. The id buffer gives the
// ground truth its visibility: how many pixels of each object are visible
// versus how many it would cover with nothing in front of it.
//
// Lens distortion: the scene is rendered through an undistorted pinhole that
// covers the whole distorted field of view, then resampled with cv::remap
// through CameraModel::pixel_to_normalized, so images agree with
// CameraModel's projection (and hence with project_cuboid) by construction.

#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

#include "core/geometry/camera_model.h"
#include "core/synth/ground_map.h"
#include "core/synth/scene_box.h"

namespace vantage::core {

struct ObjectPixels {
  ObjectId id = -1;
  int visible = 0;    // pixels showing the object
  int footprint = 0;  // pixels it would cover if nothing occluded it
};

struct CameraRender {
  cv::Mat image;  // CV_8UC3, BGR, camera size
  cv::Mat ids;    // CV_32SC1, object id per pixel, -1 for ground, sky and scenery
  // CV_8UC1, what each pixel shows (kSurfaceSky, kSurfaceGround + material,
  // kSurfaceBox + surface): the semantic ground truth.
  cv::Mat surfaces;
  // Per ground-truth object that covers at least one pixel, sorted by id.
  // Counted in the undistorted render inside the camera's field of view.
  std::vector<ObjectPixels> objects;
};

class CameraRenderer {
 public:
  explicit CameraRenderer(const Camera& camera);

  const CameraModel& model() const { return model_; }
  // camera_to_world: camera frame (OpenCV axes) -> world.
  CameraRender render(const Transform& camera_to_world, const GroundMap& ground,
                      const std::vector<SceneBox>& boxes, uint64_t noise_seed) const;

 private:
  CameraModel model_;
  // The undistorted render target (equal to the camera when it has no distortion).
  int vw_ = 0, vh_ = 0;
  double vfx_ = 0, vfy_ = 0, vcx_ = 0, vcy_ = 0;
  bool distorted_ = false;
  cv::Mat map_x_, map_y_;  // camera pixel -> render pixel (CV_32F), distorted cameras only
  cv::Mat valid_;          // CV_8U, render pixels that land in the camera image
};

}  // namespace vantage::core
