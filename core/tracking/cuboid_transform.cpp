#include "core/tracking/cuboid_transform.h"

#include <cmath>

#include "core/geometry/cuboid_geometry.h"

namespace vantage::core {

EulerZYX euler_zyx(const Mat3& r) {
  // glm is column-major: r[col][row].
  EulerZYX e;
  e.yaw = std::atan2(r[0][1], r[0][0]);
  e.pitch = std::atan2(-r[0][2], std::hypot(r[0][0], r[0][1]));
  e.roll = std::atan2(r[1][2], r[2][2]);
  return e;
}

Cuboid transform_cuboid(const Transform& t, const Cuboid& c) {
  Cuboid out = c;
  out.center = t.apply(c.center);
  const Mat3 rt = t.rotation();
  // Pure rotations about z (the usual ego pose, the usual cuboid) keep pitch
  // and roll exactly and only add to the yaw.
  const bool z_only = rt[0][2] == 0 && rt[1][2] == 0 && rt[2][0] == 0 && rt[2][1] == 0;
  if (z_only && c.pitch == 0 && c.roll == 0) {
    out.yaw = wrap_angle(c.yaw + std::atan2(rt[0][1], rt[0][0]));
    return out;
  }
  const EulerZYX e = euler_zyx(rt * cuboid_rotation(c));
  out.yaw = e.yaw;
  out.pitch = e.pitch;
  out.roll = e.roll;
  return out;
}

}  // namespace vantage::core
