#include "app/gui/viewport.h"

#include <cmath>

namespace vantage::gui {

std::optional<ImVec2> SceneViewport::to_screen(const core::Vec3& p) const {
  const core::Vec4 c = view_proj * core::Vec4(p, 1.0);
  if (c.w <= 1e-9) return std::nullopt;
  const double nx = c.x / c.w, ny = c.y / c.w;
  const ImVec2 sz = size();
  return ImVec2{float(view_min.x + (nx * 0.5 + 0.5) * sz.x),
                float(view_min.y + (0.5 - ny * 0.5) * sz.y)};
}

Ray SceneViewport::ray(ImVec2 s) const {
  const ImVec2 sz = size();
  const double nx = (s.x - view_min.x) / std::max(1.0f, sz.x) * 2.0 - 1.0;
  const double ny = 1.0 - (s.y - view_min.y) / std::max(1.0f, sz.y) * 2.0;
  const core::Mat4 inv = glm::inverse(view_proj);
  core::Vec4 a = inv * core::Vec4(nx, ny, -1.0, 1.0);
  core::Vec4 b = inv * core::Vec4(nx, ny, 1.0, 1.0);
  a /= a.w;
  b /= b.w;
  Ray r;
  r.origin = core::Vec3(a);
  r.direction = glm::normalize(core::Vec3(b) - core::Vec3(a));
  return r;
}

std::optional<core::Vec3> SceneViewport::on_plane_z(ImVec2 s, double z) const {
  const Ray r = ray(s);
  if (std::abs(r.direction.z) < 1e-9) return std::nullopt;
  const double t = (z - r.origin.z) / r.direction.z;
  if (t < 0) return std::nullopt;
  return r.origin + t * r.direction;
}

}  // namespace vantage::gui
