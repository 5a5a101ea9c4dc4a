#include "app/gui/views/scene_renderer.h"

#include "app/gui/views/class_colors.h"
#include "app/gui/workspace.h"
#include "core/geometry/cuboid_geometry.h"

namespace vantage::gui {

render::PointStyle SceneRenderer::point_style(const Workspace& ws) const {
  const ViewState& v = ws.view();
  render::PointStyle s;
  switch (v.point_color) {
    case PointColor::Height:
      s.mode = render::PointColorMode::Height;
      break;
    case PointColor::Intensity:
      s.mode = render::PointColorMode::Intensity;
      break;
    case PointColor::Distance:
      s.mode = render::PointColorMode::Distance;
      break;
    case PointColor::Class:
      s.mode = render::PointColorMode::PerPoint;
      break;
  }
  s.point_size = v.point_size;
  const float g = float(data.ground_z());
  s.height_range = {g - 0.3f, g + 3.2f};
  return s;
}

size_t SceneRenderer::draw_points(const core::Mat4& view_proj, render::PointStyle style) {
  const float base_dim = style.dim;
  size_t drawn = 0;
  for (const SceneData::DrawItem& item : data.update_items()) {
    style.dim = item.current ? base_dim : std::max(base_dim, 0.35f);
    drawn += points.draw(item.sweep->gpu, view_proj, item.model, style);
  }
  return drawn;
}

size_t SceneRenderer::splat_points(const core::Mat4& view_proj, const render::PointStyle& style) {
  size_t drawn = 0;
  for (const SceneData::DrawItem& item : data.update_items())
    drawn += splatter->splat(item.sweep->gpu, view_proj, item.model, style, !item.current);
  return drawn;
}

void SceneRenderer::draw_focus_points(const core::Mat4& view_proj, render::PointStyle style) {
  if (data.focus().size() == 0) return;
  style.begin = 0.0;
  style.end = 1.0;
  points.draw(data.focus(), view_proj, data.focus_model(), style);
}

bool cuboid_outside_view(const core::Cuboid& c, const core::Mat4& view_proj) {
  // Per plane (-x, +x, -y, +y, near, far): how many corners lie beyond it.
  int beyond[6] = {0, 0, 0, 0, 0, 0};
  for (const core::Vec3& k : core::cuboid_corners(c)) {
    const core::Vec4 p = view_proj * core::Vec4(k, 1.0);
    beyond[0] += p.x < -p.w;
    beyond[1] += p.x > p.w;
    beyond[2] += p.y < -p.w;
    beyond[3] += p.y > p.w;
    beyond[4] += p.z < -p.w;
    beyond[5] += p.z > p.w;
  }
  for (int n : beyond)
    if (n == 8) return true;
  return false;
}

void add_frame_cuboids(Workspace& ws, render::LineBatch& batch, core::ObjectId only,
                       float width_scale, const core::Mat4* cull_view_proj) {
  const ViewState& v = ws.view();
  const core::Document& doc = ws.doc();
  for (const core::EvaluatedShape& es : ws.shapes_at_frame()) {
    const auto* c = es.shape.as<core::Cuboid>();
    if (!c || v.hidden.count(es.object)) continue;
    if (only >= 0 && es.object != only) continue;
    if (cull_view_proj && cuboid_outside_view(*c, *cull_view_proj)) continue;
    const core::Object* o = doc.annotations.find(es.object);
    uint32_t rgb = class_rgb(doc.schema, o ? o->class_name : std::string());
    const bool selected = v.selection.count(es.object) > 0;
    int alpha = 255;
    float width = 2.0f;
    if (selected) {
      rgb = lighten_rgb(rgb, 0.45);
      width = 3.5f;
    } else if (es.shape.source == core::ShapeSource::Model) {
      alpha = 150;
      width = 1.3f;
    } else if (!es.stored) {
      alpha = 190;
      width = 1.6f;
    }
    batch.add_cuboid(*c, render::rgba_from_rgb(rgb, alpha), width * width_scale);
  }
}

}  // namespace vantage::gui
