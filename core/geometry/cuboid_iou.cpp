#include "core/geometry/cuboid_iou.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/geometry/convex_polygon.h"

namespace vantage::core {

namespace {

double footprint_area(const Cuboid& c) {
  return c.size.x > 0 && c.size.y > 0 ? c.size.x * c.size.y : 0.0;
}

double volume(const Cuboid& c) {
  return c.size.z > 0 ? footprint_area(c) * c.size.z : 0.0;
}

// Footprint relative to `origin`, so the clipping works on small numbers.
std::vector<Vec2> local_footprint(const Cuboid& c, const Vec2& origin) {
  const auto f = cuboid_footprint(c);
  std::vector<Vec2> out(4);
  for (size_t i = 0; i < 4; ++i)
    out[i] = f[i] - origin;
  return out;
}

}  // namespace

std::array<Vec2, 4> cuboid_footprint(const Cuboid& c) {
  const double co = std::cos(c.yaw), si = std::sin(c.yaw);
  const Vec2 ax{co * c.size.x * 0.5, si * c.size.x * 0.5};   // half length along heading
  const Vec2 ay{-si * c.size.y * 0.5, co * c.size.y * 0.5};  // half width to the left
  const Vec2 ctr{c.center.x, c.center.y};
  return {ctr + ax + ay, ctr - ax + ay, ctr - ax - ay, ctr + ax - ay};
}

double bev_intersection_area(const Cuboid& a, const Cuboid& b) {
  if (footprint_area(a) <= 0 || footprint_area(b) <= 0) return 0.0;
  // Cheap rejection: footprints further apart than their half diagonals.
  const double ra = 0.5 * std::hypot(a.size.x, a.size.y), rb = 0.5 * std::hypot(b.size.x, b.size.y);
  const double dx = a.center.x - b.center.x, dy = a.center.y - b.center.y;
  if (dx * dx + dy * dy > (ra + rb) * (ra + rb)) return 0.0;
  const Vec2 o{a.center.x, a.center.y};
  return polygon_area(clip_to_convex(local_footprint(a, o), local_footprint(b, o)));
}

double bev_iou(const Cuboid& a, const Cuboid& b) {
  const double inter = bev_intersection_area(a, b);
  if (inter <= 0) return 0.0;
  const double uni = footprint_area(a) + footprint_area(b) - inter;
  return uni > 0 ? std::min(1.0, inter / uni) : 0.0;
}

double intersection_volume_3d(const Cuboid& a, const Cuboid& b) {
  const double top = std::min(a.center.z + 0.5 * a.size.z, b.center.z + 0.5 * b.size.z);
  const double bottom = std::max(a.center.z - 0.5 * a.size.z, b.center.z - 0.5 * b.size.z);
  if (top <= bottom) return 0.0;
  return bev_intersection_area(a, b) * (top - bottom);
}

double iou_3d(const Cuboid& a, const Cuboid& b) {
  const double va = volume(a), vb = volume(b);
  if (va <= 0 || vb <= 0) return 0.0;
  const double inter = intersection_volume_3d(a, b);
  if (inter <= 0) return 0.0;
  return std::min(1.0, inter / (va + vb - inter));
}

}  // namespace vantage::core
