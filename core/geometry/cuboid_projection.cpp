#include "core/geometry/cuboid_projection.h"

#include <algorithm>
#include <cmath>

#include "core/geometry/cuboid_geometry.h"

namespace vantage::core {

std::optional<Box2D> clip_box(const Box2D& b, double width, double height) {
  Box2D c{std::max(b.x1, 0.0), std::max(b.y1, 0.0), std::min(b.x2, width), std::min(b.y2, height)};
  if (c.x2 <= c.x1 || c.y2 <= c.y1) return std::nullopt;
  return c;
}

double box_iou(const Box2D& a, const Box2D& b) {
  const double iw = std::min(a.x2, b.x2) - std::max(a.x1, b.x1);
  const double ih = std::min(a.y2, b.y2) - std::max(a.y1, b.y1);
  if (iw <= 0 || ih <= 0) return 0.0;
  const double inter = iw * ih;
  const double uni = a.area() + b.area() - inter;
  return uni > 0 ? inter / uni : 0.0;
}

ProjectedCuboid project_cuboid(const CameraModel& cam, const Cuboid& cuboid, int edge_samples) {
  ProjectedCuboid out;
  if (edge_samples <= 0) edge_samples = cam.has_distortion() ? 16 : 1;
  const auto corners = cuboid_corners(cuboid);
  std::array<Vec3, 8> pc;
  for (size_t i = 0; i < 8; ++i) {
    pc[i] = cam.to_camera(corners[i]);
    out.corners[i] = cam.project_camera(pc[i]);
  }
  const double near = CameraModel::kNearPlane;
  double x1 = INFINITY, y1 = INFINITY, x2 = -INFINITY, y2 = -INFINITY;
  auto extend = [&](const Vec2& p) {
    x1 = std::min(x1, p.x);
    y1 = std::min(y1, p.y);
    x2 = std::max(x2, p.x);
    y2 = std::max(y2, p.y);
  };
  for (size_t e = 0; e < kCuboidEdges.size(); ++e) {
    Vec3 a = pc[static_cast<size_t>(kCuboidEdges[e][0])];
    Vec3 b = pc[static_cast<size_t>(kCuboidEdges[e][1])];
    // Clip the edge to z >= near in camera space.
    if (a.z < near && b.z < near) continue;
    if (a.z < near) a = a + (b - a) * ((near - a.z) / (b.z - a.z));
    if (b.z < near) b = b + (a - b) * ((near - b.z) / (a.z - b.z));
    a.z = std::max(a.z, near);
    b.z = std::max(b.z, near);
    std::optional<Vec2> prev = cam.project_camera(a);
    if (prev) extend(*prev);
    for (int s = 1; s <= edge_samples; ++s) {
      // Exact endpoint: a + (b - a) * 1 can land a hair behind the near plane.
      const double t = static_cast<double>(s) / edge_samples;
      const Vec3 p = s == edge_samples ? b : a * (1.0 - t) + b * t;
      std::optional<Vec2> cur = cam.project_camera(p);
      if (cur) extend(*cur);
      if (prev && cur) out.segments.push_back({*prev, *cur, static_cast<int>(e)});
      prev = cur;
    }
  }
  if (x1 <= x2 && y1 <= y2) {
    out.unclipped_box = Box2D{x1, y1, x2, y2};
    out.box = clip_box(*out.unclipped_box, cam.width(), cam.height());
    const double full = out.unclipped_box->area();
    if (full > 0) out.truncation = std::clamp(1.0 - (out.box ? out.box->area() : 0.0) / full, 0.0, 1.0);
    else out.truncation = out.box ? 0.0 : 1.0;
  }
  return out;
}

}  // namespace vantage::core
