#pragma once
// Blending two shapes of one track: the per-kind rules of keyframe
// interpolation, free of any notion of frames, tracks or poses (the
// Interpolator decides what to blend; these functions decide how).
//
// Every blend is written a + (b - a) * t, so equal values stay bit-exact
// (a held size really is held).

#include <optional>

#include "core/model/shape.h"

namespace vantage::core {

inline double lerp(double a, double b, double t) {
  return a + (b - a) * t;
}
inline Vec2 lerp(const Vec2& a, const Vec2& b, double t) {
  return a + (b - a) * t;
}
inline Vec3 lerp(const Vec3& a, const Vec3& b, double t) {
  return a + (b - a) * t;
}

// Along the shorter arc from a to b, wrapped into (-pi, pi]: 3.1 -> -3.1
// passes through pi, never through 0.
double lerp_angle(double a, double b, double t);

Box2D lerp_box(const Box2D& a, const Box2D& b, double t);

// Image-space kinds (box, polygon, polyline, keypoints): vertices move
// linearly when a and b have the same structure (kind, vertex counts, hole
// counts); otherwise nullopt and the caller holds a. Keypoints: a point moves
// only when labelled (visibility > 0) at both ends, else it keeps a's
// position; visibility steps (a's).
std::optional<Geometry> blend_image_geometry(const Geometry& a, const Geometry& b, double t);

// Centre linear, size held when equal (else linear), yaw/pitch/roll along
// the shortest arc.
Cuboid blend_cuboid(const Cuboid& a, const Cuboid& b, double t);

// Cubic (finite-difference Catmull-Rom, parameterised by frame number) between
// p1 at frame t1 and p2 at t2, using the neighbours p0 at t0 < t1 and p3 at
// t3 > t2 when present (one-sided tangents otherwise). Passes through p1 and
// p2; reproduces constant-velocity motion exactly.
Vec3 catmull_rom(const std::optional<Vec3>& p0, double t0, const Vec3& p1, double t1,
                 const Vec3& p2, double t2, const std::optional<Vec3>& p3, double t3, double t);

}  // namespace vantage::core
