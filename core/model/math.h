#pragma once
// Math types shared by the model and geometry. Double precision throughout:
// world coordinates from ego poses reach 10^3–10^5 m, where float loses
// centimetres, and exports must round-trip exactly.

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

namespace vantage::core {

using Vec2 = glm::dvec2;
using Vec3 = glm::dvec3;
using Vec4 = glm::dvec4;
using Mat3 = glm::dmat3;
using Mat4 = glm::dmat4;
using Quat = glm::dquat;

constexpr double kPi = 3.14159265358979323846;

// A rigid (or, for calibrations read from files, nearly rigid) transform that
// maps points from a source frame to a target frame: p_target = m * p_source.
// Kept as a full 4x4 matrix so calibration matrices that are not exactly
// orthonormal (KITTI's Tr_velo_to_cam) round-trip bit for bit.
struct Transform {
  Mat4 m{1.0};

  static Transform identity() { return {}; }
  static Transform from_rotation_translation(const Mat3& r, const Vec3& t);
  static Transform from_quaternion(const Quat& q, const Vec3& t);
  // Row-major 3x4 [R|t] as written by KITTI and most calibration files.
  static Transform from_row_major_3x4(const double* v);
  static Transform from_row_major_4x4(const double* v);

  Vec3 apply(const Vec3& p) const { return Vec3(m * Vec4(p, 1.0)); }
  Vec3 apply_direction(const Vec3& d) const { return Mat3(m) * d; }
  Mat3 rotation() const { return Mat3(m); }
  Vec3 translation() const { return Vec3(m[3]); }
  Transform inverse() const;
  Transform operator*(const Transform& o) const { return {m * o.m}; }
  bool operator==(const Transform& o) const { return m == o.m; }
  bool operator!=(const Transform& o) const { return !(*this == o); }
  // Row-major values, 12 (3x4) or 16 (4x4).
  void to_row_major_3x4(double* out) const;
  void to_row_major_4x4(double* out) const;
  bool is_affine() const;
};

// Wraps an angle into (-pi, pi].
double wrap_angle(double a);

}  // namespace vantage::core
