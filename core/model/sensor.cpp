#include "core/model/sensor.h"

#include <fmt/format.h>

#include <cmath>

#include "core/util/error.h"

namespace vantage::core {

Transform Camera::reference_to_vehicle() const {
  // p_camera = p_reference + t  =>  reference -> camera is a shift by t.
  return camera_to_vehicle * Transform::from_rotation_translation(Mat3(1.0), projection_translation);
}

std::array<double, 12> Camera::projection_matrix() const {
  const Intrinsics& k = intrinsics;
  const Vec3& t = projection_translation;
  // K t, with K = [fx s cx; 0 fy cy; 0 0 1].
  return {k.fx, k.skew, k.cx, k.fx * t.x + k.skew * t.y + k.cx * t.z,
          0,    k.fy,   k.cy, k.fy * t.y + k.cy * t.z,
          0,    0,      1,    t.z};
}

Camera camera_from_projection(const std::string& name, int width, int height, const double* p,
                              const Transform& reference_to_vehicle) {
  for (int i = 0; i < 12; ++i)
    if (!std::isfinite(p[i]))
      throw Error(fmt::format("camera '{}': projection matrix has a non-finite value", name));
  if (p[4] != 0.0 || p[8] != 0.0 || p[9] != 0.0 || !(p[10] > 0.0))
    throw Error(fmt::format(
        "camera '{}': the projection's left 3x3 block is not a pinhole matrix "
        "[fx s cx; 0 fy cy; 0 0 1]",
        name));
  // P is defined up to scale: normalise so that P[2][2] = 1.
  double m[12];
  for (int i = 0; i < 12; ++i)
    m[i] = p[i] / p[10];
  if (!(m[0] > 0.0) || !(m[5] > 0.0))
    throw Error(fmt::format("camera '{}': focal lengths must be positive", name));
  Camera c;
  c.name = name;
  c.width = width;
  c.height = height;
  c.intrinsics = {m[0], m[5], m[2], m[6], m[1]};
  // t = K^-1 p4 by back substitution.
  const double tz = m[11];
  const double ty = (m[7] - m[6] * tz) / m[5];
  const double tx = (m[3] - m[1] * ty - m[2] * tz) / m[0];
  c.projection_translation = {tx, ty, tz};
  c.camera_to_vehicle =
      reference_to_vehicle * Transform::from_rotation_translation(Mat3(1.0), -c.projection_translation);
  return c;
}

}  // namespace vantage::core
