#include "core/geometry/cuboid_box.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/geometry/cuboid_geometry.h"
#include "core/geometry/cuboid_projection.h"

namespace vantage::core {

// Mirrors project_cuboid (same clipping, same sample points, same arithmetic)
// so both give bit-identical boxes; a test compares them.
CuboidBoxProjection project_cuboid_box(const CameraModel& cam, const Cuboid& cuboid,
                                       int edge_samples) {
  CuboidBoxProjection out;
  if (edge_samples <= 0) edge_samples = cam.has_distortion() ? 16 : 1;
  const auto corners = cuboid_corners(cuboid);
  std::array<Vec3, 8> pc;
  for (size_t i = 0; i < 8; ++i)
    pc[i] = cam.to_camera(corners[i]);
  const double near = CameraModel::kNearPlane;
  double x1 = INFINITY, y1 = INFINITY, x2 = -INFINITY, y2 = -INFINITY;
  auto extend = [&](const std::optional<Vec2>& p) {
    if (!p) return;
    x1 = std::min(x1, p->x);
    y1 = std::min(y1, p->y);
    x2 = std::max(x2, p->x);
    y2 = std::max(y2, p->y);
  };
  const bool all_in_front =
      std::all_of(pc.begin(), pc.end(), [near](const Vec3& p) { return p.z >= near; });
  if (all_in_front) {
    // Nothing to clip: every edge endpoint is a corner, so project each
    // corner once instead of once per edge (same values, a third of the work).
    for (const Vec3& p : pc)
      extend(cam.project_camera(p));
    if (edge_samples > 1) {
      for (const auto& edge : kCuboidEdges) {
        const Vec3& a = pc[static_cast<size_t>(edge[0])];
        const Vec3& b = pc[static_cast<size_t>(edge[1])];
        for (int s = 1; s < edge_samples; ++s) {
          const double t = static_cast<double>(s) / edge_samples;
          extend(cam.project_camera(a * (1.0 - t) + b * t));
        }
      }
    }
  } else {
    for (const auto& edge : kCuboidEdges) {
      Vec3 a = pc[static_cast<size_t>(edge[0])];
      Vec3 b = pc[static_cast<size_t>(edge[1])];
      if (a.z < near && b.z < near) continue;
      if (a.z < near) a = a + (b - a) * ((near - a.z) / (b.z - a.z));
      if (b.z < near) b = b + (a - b) * ((near - b.z) / (a.z - b.z));
      a.z = std::max(a.z, near);
      b.z = std::max(b.z, near);
      extend(cam.project_camera(a));
      for (int s = 1; s <= edge_samples; ++s) {
        const double t = static_cast<double>(s) / edge_samples;
        const Vec3 p = s == edge_samples ? b : a * (1.0 - t) + b * t;
        extend(cam.project_camera(p));
      }
    }
  }
  if (x1 <= x2 && y1 <= y2) {
    out.unclipped_box = Box2D{x1, y1, x2, y2};
    out.box = clip_box(*out.unclipped_box, cam.width(), cam.height());
  }
  return out;
}

}  // namespace vantage::core
