#include "core/geometry/kitti_convert.h"

#include <cmath>

#include "core/geometry/cuboid_geometry.h"
#include "core/geometry/kitti_rig.h"

namespace vantage::core {

Mat3 nearest_rotation(const Mat3& m) {
  // Newton iteration Q <- (Q + Q^-T) / 2 converges quadratically to the polar
  // factor; calibration blocks are within 1e-6 of orthonormal, so a few steps.
  Mat3 q = m;
  for (int i = 0; i < 30; ++i) {
    const Mat3 next = 0.5 * (q + glm::transpose(glm::inverse(q)));
    double change = 0;
    for (int c = 0; c < 3; ++c)
      for (int r = 0; r < 3; ++r)
        change = std::max(change, std::abs(next[c][r] - q[c][r]));
    q = next;
    if (change < 1e-17) break;
  }
  return q;
}

KittiBoxConverter::KittiBoxConverter(const KittiCalibration& calibration)
    : velo_to_rect_(kitti_velo_to_rect(calibration)),
      rect_to_velo_(velo_to_rect_.inverse()),
      q_(nearest_rotation(velo_to_rect_.rotation())) {}

namespace {

// Columns: the cuboid's length, width (left) and height (up) axes expressed in
// the rectified camera frame for an upright KITTI box.
Mat3 kitti_box_axes(double ry) {
  const double c = std::cos(ry), s = std::sin(ry);
  Mat3 m;
  m[0] = Vec3{c, 0, -s};
  m[1] = Vec3{s, 0, c};
  m[2] = Vec3{0, -1, 0};
  return m;
}

}  // namespace

Cuboid KittiBoxConverter::to_cuboid(const KittiBox3D& b) const {
  Cuboid out;
  out.size = Vec3{b.length, b.width, b.height};
  const Vec3 centre_rect = b.location + Vec3{0, -0.5 * b.height, 0};
  out.center = rect_to_velo_.apply(centre_rect);
  // Box axes in the Velodyne frame; Rz(yaw) Ry(pitch) Rx(roll) decomposition.
  const Mat3 r = glm::transpose(q_) * kitti_box_axes(b.rotation_y);
  // glm: r[col][row]. R[2][0] = -sin(pitch).
  out.yaw = std::atan2(r[0][1], r[0][0]);
  out.pitch = std::atan2(-r[0][2], std::hypot(r[0][0], r[0][1]));
  out.roll = std::atan2(r[1][2], r[2][2]);
  return out;
}

KittiBox3D KittiBoxConverter::to_kitti(const Cuboid& c) const {
  KittiBox3D out;
  out.length = c.size.x;
  out.width = c.size.y;
  out.height = c.size.z;
  const Vec3 forward = q_ * cuboid_rotation(c)[0];  // length axis in the camera frame
  out.rotation_y = std::atan2(-forward.z, forward.x);
  out.location = velo_to_rect_.apply(c.center) + Vec3{0, 0.5 * c.size.z, 0};
  return out;
}

double KittiBoxConverter::alpha(const KittiBox3D& box) const {
  const Vec3 v = rect_to_velo_.apply(box.location);
  return wrap_angle(box.rotation_y + std::atan2(v.y, v.x));
}

double kitti_alpha(double rotation_y, const Vec3& location) {
  return wrap_angle(rotation_y - std::atan2(location.x, location.z));
}

std::array<Vec3, 8> kitti_box_corners(const KittiBox3D& b) {
  // Devkit: x = [l/2 l/2 -l/2 -l/2 ...], y = [0 0 0 0 -h -h -h -h],
  // z = [w/2 -w/2 -w/2 w/2 ...], rotated by Ry(ry) and moved to location.
  const double xs[4] = {b.length / 2, b.length / 2, -b.length / 2, -b.length / 2};
  const double zs[4] = {b.width / 2, -b.width / 2, -b.width / 2, b.width / 2};
  const double c = std::cos(b.rotation_y), s = std::sin(b.rotation_y);
  std::array<Vec3, 8> out;
  for (size_t i = 0; i < 8; ++i) {
    const double x = xs[i % 4], z = zs[i % 4], y = i < 4 ? 0.0 : -b.height;
    out[i] = b.location + Vec3{c * x + s * z, y, -s * x + c * z};
  }
  return out;
}

}  // namespace vantage::core
