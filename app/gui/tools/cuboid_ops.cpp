#include "app/gui/tools/cuboid_ops.h"

#include <cmath>
#include <limits>

#include "app/gui/tools/tool_common.h"
#include "core/geometry/cuboid_fit.h"

namespace vantage::gui::tools {

std::optional<core::Vec3> ground_point(Workspace& ws, const SceneViewport& vp, ImVec2 screen) {
  const FrameGround& g = frame_ground(ws);
  auto p = vp.on_plane_z(screen, g.ground.ground_z(0, 0));
  // The ground is not flat: re-intersect at the height found under the hit.
  for (int i = 0; p && i < 3; ++i) {
    auto q = vp.on_plane_z(screen, g.ground.ground_z(p->x, p->y));
    if (!q) break;
    p = q;
  }
  return p;
}

core::Vec3 seed_point(Workspace& ws, const SceneViewport& vp, ImVec2 screen) {
  const FrameGround& g = frame_ground(ws);
  const Ray ray = vp.ray(screen);
  // The LiDAR return drawn under the cursor (nearest the eye within a few
  // pixels); in the 3D view the ground behind an object is not the object.
  double best = std::numeric_limits<double>::infinity();
  std::optional<core::Vec3> seed;
  for (const glm::vec4& p4 : g.cloud.points) {
    const core::Vec3 p(p4.x, p4.y, p4.z);
    if (!std::isfinite(p.x)) continue;
    const double along = glm::dot(p - ray.origin, ray.direction);
    if (along <= 0) continue;
    const auto s = vp.to_screen(p);
    if (!s) continue;
    const float dx = s->x - screen.x, dy = s->y - screen.y;
    if (dx * dx + dy * dy > 64.0f) continue;
    if (g.ground.height_above_ground(p) < 0.3) continue;
    if (along < best) {
      best = along;
      seed = p;
    }
  }
  if (seed) return *seed;
  return ground_point(ws, vp, screen).value_or(core::Vec3(0.0));
}

core::SizePrior class_size_prior(const core::Schema& schema, const std::string& class_name) {
  const core::ClassDef* c = schema.find_class(class_name);
  if (c && c->size_range) return core::size_prior_from_range(*c->size_range);
  if (auto p = core::default_size_prior(class_name)) return *p;
  return core::SizePrior{core::Vec3(0.2), core::Vec3(1.0)};
}

std::optional<core::Cuboid> footprint_cuboid(Workspace& ws, const core::Vec3& a,
                                             const core::Vec3& b, const std::string& class_name) {
  const core::Vec2 d(b.x - a.x, b.y - a.y);
  const double len = glm::length(d);
  if (len < 1e-3) return std::nullopt;
  const core::SizePrior prior = class_size_prior(ws.doc().schema, class_name);
  core::Cuboid c;
  c.size = core::Vec3(len, prior.typical.y, prior.typical.z);
  c.yaw = std::atan2(d.y, d.x);
  c.center = core::Vec3((a.x + b.x) / 2, (a.y + b.y) / 2, 0.0);
  return snapped_to_ground(ws, c);
}

core::Cuboid snapped_to_ground(Workspace& ws, core::Cuboid c) {
  const FrameGround& g = frame_ground(ws);
  c.center.z = g.ground.ground_z(c.center.x, c.center.y) + c.size.z / 2;
  return c;
}

std::optional<core::Cuboid> auto_fit_at(Workspace& ws, const core::Vec3& seed,
                                        const std::string& class_name, std::string* why) {
  const FrameGround& g = frame_ground(ws);
  if (!g.has_points) {
    if (why) *why = "this frame has no LiDAR points";
    return std::nullopt;
  }
  core::CuboidFitOptions o;
  o.size_prior = class_size_prior(ws.doc().schema, class_name);
  o.sensor = g.sensor;
  const core::CuboidFitResult r = core::fit_cuboid_at(g.cloud, g.ground, seed, o);
  if (!r.fit) {
    if (why) *why = r.failure.empty() ? "no object at the clicked point" : r.failure;
    return std::nullopt;
  }
  return r.fit->cuboid;
}

}  // namespace vantage::gui::tools
