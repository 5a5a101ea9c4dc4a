#include "core/model/math.h"

#include <cmath>

namespace vantage::core {

Transform Transform::from_rotation_translation(const Mat3& r, const Vec3& t) {
  Transform out;
  out.m = Mat4(r);
  out.m[3] = Vec4(t, 1.0);
  return out;
}

Transform Transform::from_quaternion(const Quat& q, const Vec3& t) {
  return from_rotation_translation(glm::mat3_cast(q), t);
}

// glm is column-major: m[col][row].
Transform Transform::from_row_major_3x4(const double* v) {
  Transform out;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 4; ++c) out.m[c][r] = v[r * 4 + c];
  out.m[0][3] = out.m[1][3] = out.m[2][3] = 0.0;
  out.m[3][3] = 1.0;
  return out;
}

Transform Transform::from_row_major_4x4(const double* v) {
  Transform out;
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 4; ++c) out.m[c][r] = v[r * 4 + c];
  return out;
}

void Transform::to_row_major_3x4(double* out) const {
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 4; ++c) out[r * 4 + c] = m[c][r];
}

void Transform::to_row_major_4x4(double* out) const {
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 4; ++c) out[r * 4 + c] = m[c][r];
}

bool Transform::is_affine() const {
  return m[0][3] == 0.0 && m[1][3] == 0.0 && m[2][3] == 0.0 && m[3][3] == 1.0;
}

Transform Transform::inverse() const {
  if (!is_affine()) return {glm::inverse(m)};
  // Affine inverse: exact general inverse of the 3x3 block (calibrations are
  // not always perfectly orthonormal, so a transpose would be wrong).
  const Mat3 r_inv = glm::inverse(Mat3(m));
  return from_rotation_translation(r_inv, -(r_inv * Vec3(m[3])));
}

double wrap_angle(double a) {
  if (!std::isfinite(a)) return a;
  a = std::fmod(a + kPi, 2.0 * kPi);
  if (a <= 0.0) a += 2.0 * kPi;
  return a - kPi;
}

}  // namespace vantage::core
