#include "core/tracking/shape_blend.h"

#include <cmath>

namespace vantage::core {

double lerp_angle(double a, double b, double t) {
  return wrap_angle(a + wrap_angle(b - a) * t);
}

Box2D lerp_box(const Box2D& a, const Box2D& b, double t) {
  return {lerp(a.x1, b.x1, t), lerp(a.y1, b.y1, t), lerp(a.x2, b.x2, t), lerp(a.y2, b.y2, t)};
}

namespace {

bool lerp_points(const std::vector<Vec2>& a, const std::vector<Vec2>& b, double t,
                 std::vector<Vec2>& out) {
  if (a.size() != b.size()) return false;
  out.resize(a.size());
  for (size_t i = 0; i < a.size(); ++i)
    out[i] = lerp(a[i], b[i], t);
  return true;
}

}  // namespace

std::optional<Geometry> blend_image_geometry(const Geometry& a, const Geometry& b, double t) {
  if (a.index() != b.index()) return std::nullopt;
  if (const auto* ba = std::get_if<Box2D>(&a))
    return Geometry{lerp_box(*ba, std::get<Box2D>(b), t)};
  if (const auto* pa = std::get_if<Polygon>(&a)) {
    const auto& pb = std::get<Polygon>(b);
    if (pa->holes.size() != pb.holes.size()) return std::nullopt;
    Polygon out;
    if (!lerp_points(pa->points, pb.points, t, out.points)) return std::nullopt;
    out.holes.resize(pa->holes.size());
    for (size_t h = 0; h < pa->holes.size(); ++h)
      if (!lerp_points(pa->holes[h], pb.holes[h], t, out.holes[h])) return std::nullopt;
    return Geometry{std::move(out)};
  }
  if (const auto* la = std::get_if<Polyline>(&a)) {
    Polyline out;
    if (!lerp_points(la->points, std::get<Polyline>(b).points, t, out.points)) return std::nullopt;
    return Geometry{std::move(out)};
  }
  if (const auto* ka = std::get_if<Keypoints>(&a)) {
    const auto& kb = std::get<Keypoints>(b);
    if (ka->points.size() != kb.points.size()) return std::nullopt;
    Keypoints out = *ka;
    for (size_t i = 0; i < out.points.size(); ++i)
      if (ka->points[i].visibility > 0 && kb.points[i].visibility > 0)
        out.points[i].position = lerp(ka->points[i].position, kb.points[i].position, t);
    return Geometry{std::move(out)};
  }
  return std::nullopt;  // cuboids are blended by blend_cuboid
}

Cuboid blend_cuboid(const Cuboid& a, const Cuboid& b, double t) {
  Cuboid c;
  c.center = lerp(a.center, b.center, t);
  c.size = a.size == b.size ? a.size : lerp(a.size, b.size, t);
  c.yaw = lerp_angle(a.yaw, b.yaw, t);
  c.pitch = a.pitch == b.pitch ? a.pitch : lerp_angle(a.pitch, b.pitch, t);
  c.roll = a.roll == b.roll ? a.roll : lerp_angle(a.roll, b.roll, t);
  return c;
}

Vec3 catmull_rom(const std::optional<Vec3>& p0, double t0, const Vec3& p1, double t1,
                 const Vec3& p2, double t2, const std::optional<Vec3>& p3, double t3, double t) {
  const double span = t2 - t1;
  const Vec3 chord = (p2 - p1) / span;
  const Vec3 m1 = p0 ? (p2 - *p0) / (t2 - t0) : chord;
  const Vec3 m2 = p3 ? (*p3 - p1) / (t3 - t1) : chord;
  const double s = (t - t1) / span;
  const double s2 = s * s, s3 = s2 * s;
  const double h00 = 2 * s3 - 3 * s2 + 1, h10 = s3 - 2 * s2 + s;
  const double h01 = -2 * s3 + 3 * s2, h11 = s3 - s2;
  return h00 * p1 + h10 * span * m1 + h01 * p2 + h11 * span * m2;
}

}  // namespace vantage::core
