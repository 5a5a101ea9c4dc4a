#pragma once
// Moving a cuboid between frames of reference (vehicle at one time -> world ->
// vehicle at another) by a rigid transform, keeping the yaw/pitch/roll
// parameterisation of core/geometry/cuboid_geometry.h.

#include "core/model/math.h"
#include "core/model/shape.h"

namespace vantage::core {

struct EulerZYX {
  double yaw = 0, pitch = 0, roll = 0;
};

// Angles of R = Rz(yaw) * Ry(pitch) * Rx(roll).
EulerZYX euler_zyx(const Mat3& r);

// The cuboid expressed in the transform's target frame: centre mapped, the
// rotation composed. Size is unchanged (transforms are rigid).
Cuboid transform_cuboid(const Transform& t, const Cuboid& c);

}  // namespace vantage::core
