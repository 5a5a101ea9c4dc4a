#include "core/geometry/camera_model.h"

#include <cmath>

namespace vantage::core {

namespace {

// r_d(r) = r * (1 + k1 r^2 + k2 r^4 + k3 r^6): the radial map. Find where its
// derivative first turns non-positive (the fold) up to a generous bound.
double monotonic_radius(const Distortion& d) {
  if (d.k1 == 0 && d.k2 == 0 && d.k3 == 0) return 1e9;
  const double limit = 10.0;  // ~84 degrees off-axis: well past any real pinhole FOV
  const int steps = 4000;
  for (int i = 1; i <= steps; ++i) {
    const double r = limit * i / steps;
    const double r2 = r * r;
    const double deriv = 1 + 3 * d.k1 * r2 + 5 * d.k2 * r2 * r2 + 7 * d.k3 * r2 * r2 * r2;
    if (deriv <= 0) return limit * (i - 1) / steps;
  }
  return 1e9;
}

}  // namespace

CameraModel::CameraModel(const Camera& camera)
    : camera_(camera),
      vehicle_to_camera_(camera.camera_to_vehicle.inverse()),
      max_r_(monotonic_radius(camera.distortion)) {}

Vec2 CameraModel::normalized_to_pixel(const Vec2& xy) const {
  const Distortion& d = camera_.distortion;
  const Intrinsics& k = camera_.intrinsics;
  double x = xy.x, y = xy.y;
  if (!d.is_zero()) {
    const double r2 = x * x + y * y;
    const double radial = 1 + r2 * (d.k1 + r2 * (d.k2 + r2 * d.k3));
    const double xd = x * radial + 2 * d.p1 * x * y + d.p2 * (r2 + 2 * x * x);
    const double yd = y * radial + d.p1 * (r2 + 2 * y * y) + 2 * d.p2 * x * y;
    x = xd;
    y = yd;
  }
  return {k.fx * x + k.skew * y + k.cx, k.fy * y + k.cy};
}

Vec2 CameraModel::pixel_to_normalized(const Vec2& uv) const {
  const Intrinsics& k = camera_.intrinsics;
  const double yd = (uv.y - k.cy) / k.fy;
  const double xd = (uv.x - k.cx - k.skew * yd) / k.fx;
  const Distortion& d = camera_.distortion;
  if (d.is_zero()) return {xd, yd};
  // Fixed-point iteration as in cv::undistortPoints, then Newton polish.
  double x = xd, y = yd;
  for (int i = 0; i < 20; ++i) {
    const double r2 = x * x + y * y;
    const double radial = 1 + r2 * (d.k1 + r2 * (d.k2 + r2 * d.k3));
    const double dx = 2 * d.p1 * x * y + d.p2 * (r2 + 2 * x * x);
    const double dy = d.p1 * (r2 + 2 * y * y) + 2 * d.p2 * x * y;
    x = (xd - dx) / radial;
    y = (yd - dy) / radial;
  }
  for (int i = 0; i < 5; ++i) {
    // Residual of the forward model and its Jacobian (numerical, tiny step).
    auto fwd = [&](double px, double py) {
      const double r2 = px * px + py * py;
      const double radial = 1 + r2 * (d.k1 + r2 * (d.k2 + r2 * d.k3));
      return Vec2{px * radial + 2 * d.p1 * px * py + d.p2 * (r2 + 2 * px * px),
                  py * radial + d.p1 * (r2 + 2 * py * py) + 2 * d.p2 * px * py};
    };
    const Vec2 f = fwd(x, y) - Vec2{xd, yd};
    if (std::abs(f.x) + std::abs(f.y) < 1e-15) break;
    const double h = 1e-7;
    const Vec2 fx = (fwd(x + h, y) - fwd(x - h, y)) / (2 * h);
    const Vec2 fy = (fwd(x, y + h) - fwd(x, y - h)) / (2 * h);
    const double det = fx.x * fy.y - fy.x * fx.y;
    if (std::abs(det) < 1e-12) break;
    x -= (fy.y * f.x - fy.x * f.y) / det;
    y -= (-fx.y * f.x + fx.x * f.y) / det;
  }
  return {x, y};
}

Vec3 CameraModel::pixel_ray_camera(const Vec2& uv) const {
  const Vec2 n = pixel_to_normalized(uv);
  return glm::normalize(Vec3{n.x, n.y, 1.0});
}

std::optional<Vec2> CameraModel::project_camera(const Vec3& p) const {
  if (!(p.z >= kNearPlane)) return std::nullopt;
  const Vec2 n{p.x / p.z, p.y / p.z};
  if (has_distortion() && n.x * n.x + n.y * n.y > max_r_ * max_r_) return std::nullopt;
  return normalized_to_pixel(n);
}

}  // namespace vantage::core
