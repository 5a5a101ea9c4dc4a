#pragma once
// Projection between the vehicle frame and a camera's image, with OpenCV's
// radial-tangential distortion. Built once per camera (it caches the
// vehicle -> camera transform and the radius up to which the distortion
// polynomial is monotonic: beyond it the polynomial folds back and would put
// points far outside the field of view inside the image).

#include <optional>

#include "core/model/sensor.h"

namespace vantage::core {

class CameraModel {
 public:
  // Points closer than this in front of the camera are treated as behind it.
  static constexpr double kNearPlane = 0.05;  // metres

  explicit CameraModel(const Camera& camera);

  const Camera& camera() const { return camera_; }
  const Transform& vehicle_to_camera() const { return vehicle_to_camera_; }
  int width() const { return camera_.width; }
  int height() const { return camera_.height; }

  Vec3 to_camera(const Vec3& p_vehicle) const { return vehicle_to_camera_.apply(p_vehicle); }
  Vec3 to_vehicle(const Vec3& p_camera) const { return camera_.camera_to_vehicle.apply(p_camera); }

  // Pixel of a point in the camera frame; nullopt when behind the near plane
  // or beyond the distortion's valid radius.
  std::optional<Vec2> project_camera(const Vec3& p_camera) const;
  // Pixel of a point in the vehicle frame.
  std::optional<Vec2> project(const Vec3& p_vehicle) const { return project_camera(to_camera(p_vehicle)); }

  // Distorts normalised image coordinates (x/z, y/z) and applies K.
  Vec2 normalized_to_pixel(const Vec2& xy) const;
  // Inverse of normalized_to_pixel (iterative undistortion).
  Vec2 pixel_to_normalized(const Vec2& uv) const;
  // Unit ray direction in the camera frame through a pixel.
  Vec3 pixel_ray_camera(const Vec2& uv) const;

  bool in_image(const Vec2& uv, double margin = 0.0) const {
    return uv.x >= -margin && uv.y >= -margin && uv.x <= camera_.width + margin &&
           uv.y <= camera_.height + margin;
  }
  bool has_distortion() const { return !camera_.distortion.is_zero(); }
  double max_normalized_radius() const { return max_r_; }

 private:
  Camera camera_;
  Transform vehicle_to_camera_;
  double max_r_ = 1e9;  // normalised radius where distortion stays monotonic
};

}  // namespace vantage::core
