#include "core/geometry/cuboid_geometry.h"

#include <cmath>

namespace vantage::core {

Mat3 cuboid_rotation(const Cuboid& c) {
  const double cy = std::cos(c.yaw), sy = std::sin(c.yaw);
  const double cp = std::cos(c.pitch), sp = std::sin(c.pitch);
  const double cr = std::cos(c.roll), sr = std::sin(c.roll);
  // Column-major (glm): m[col][row].
  Mat3 m;
  m[0] = Vec3{cy * cp, sy * cp, -sp};
  m[1] = Vec3{cy * sp * sr - sy * cr, sy * sp * sr + cy * cr, cp * sr};
  m[2] = Vec3{cy * sp * cr + sy * sr, sy * sp * cr - cy * sr, cp * cr};
  return m;
}

Transform cuboid_pose(const Cuboid& c) { return Transform::from_rotation_translation(cuboid_rotation(c), c.center); }

std::array<Vec3, 8> cuboid_corners(const Cuboid& c) {
  const Mat3 r = cuboid_rotation(c);
  const Vec3 h = c.size * 0.5;
  const double xs[4] = {h.x, h.x, -h.x, -h.x};
  const double ys[4] = {h.y, -h.y, -h.y, h.y};
  std::array<Vec3, 8> out;
  for (int i = 0; i < 4; ++i) {
    out[static_cast<size_t>(i)] = c.center + r * Vec3{xs[i], ys[i], -h.z};
    out[static_cast<size_t>(i + 4)] = c.center + r * Vec3{xs[i], ys[i], h.z};
  }
  return out;
}

Vec3 to_cuboid_local(const Cuboid& c, const Vec3& p) {
  return glm::transpose(cuboid_rotation(c)) * (p - c.center);
}

bool point_in_cuboid(const Cuboid& c, const Vec3& p, double margin) {
  const Vec3 l = to_cuboid_local(c, p);
  const Vec3 h = c.size * 0.5 + Vec3(margin);
  return std::abs(l.x) <= h.x && std::abs(l.y) <= h.y && std::abs(l.z) <= h.z;
}

Vec3 cuboid_front_center(const Cuboid& c) {
  return c.center + cuboid_rotation(c) * Vec3{c.size.x * 0.5, 0, 0};
}

}  // namespace vantage::core
