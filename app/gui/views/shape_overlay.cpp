// [SECTION] Styles
// [SECTION] Geometry helpers
// [SECTION] Drawing
// [SECTION] Picking
#include "app/gui/views/shape_overlay.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "app/gui/views/class_colors.h"
#include "app/gui/views/draw_helpers.h"
#include "app/gui/views/ignore_overlay.h"
#include "app/gui/workspace.h"
#include "core/geometry/cuboid_geometry.h"
#include "core/geometry/cuboid_projection.h"

namespace vantage::gui {

// ---------------------------------------------------------------------------
// [SECTION] Styles
// ---------------------------------------------------------------------------
namespace {

struct ShapeStyle {
  ImU32 color;
  ImU32 fill;
  float thickness;
  bool dashed;
  // Interpolated: long dashes; pre-labels (model output): short dots.
  float dash, gap;
  bool selected;
  uint32_t rgb;
};

ShapeStyle style_for(const Workspace& ws, const core::Object& obj, const core::EvaluatedShape& es) {
  const ViewState& v = ws.view();
  const bool selected = v.selection.count(obj.id) > 0;
  uint32_t rgb = class_rgb(ws.doc().schema, obj.class_name);
  if (selected) rgb = lighten_rgb(rgb, 0.45);
  const bool model = es.shape.source == core::ShapeSource::Model;
  const bool interpolated = !es.stored;
  ShapeStyle s;
  s.rgb = rgb;
  s.selected = selected;
  s.dashed = interpolated || model;
  s.dash = model ? 2.5f : (interpolated ? 7.0f : 0.0f);
  s.gap = model ? 3.0f : 4.0f;
  // Interpolated shapes a bit transparent: the keyframes stand out.
  s.color = im_rgb(rgb, interpolated && !selected ? 190 : 255);
  s.fill = im_rgb(rgb, selected ? 50 : 0);
  s.thickness = selected ? 3.0f : (model ? 1.5f : 2.0f);
  return s;
}

std::string label_text(const core::Object& obj, const core::Shape& shape) {
  std::string t = fmt::format("{} {}", obj.id, obj.class_name);
  if (shape.source == core::ShapeSource::Model && shape.score >= 0)
    t += fmt::format(" {:.2f}", shape.score);
  return t;
}

// ---------------------------------------------------------------------------
// [SECTION] Geometry helpers
// ---------------------------------------------------------------------------

std::vector<ImVec2> to_screen(const ImageViewport& vp, const std::vector<core::Vec2>& pts) {
  std::vector<ImVec2> out;
  out.reserve(pts.size());
  for (const core::Vec2& p : pts)
    out.push_back(vp.to_screen(p));
  return out;
}

double seg_distance(const core::Vec2& p, const core::Vec2& a, const core::Vec2& b) {
  const core::Vec2 ab = b - a;
  const double l2 = glm::dot(ab, ab);
  const double t = l2 > 0 ? std::clamp(glm::dot(p - a, ab) / l2, 0.0, 1.0) : 0.0;
  return glm::length(p - (a + t * ab));
}

bool in_ring(const core::Vec2& p, const std::vector<core::Vec2>& ring) {
  bool inside = false;
  for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const core::Vec2& a = ring[i];
    const core::Vec2& b = ring[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
      inside = !inside;
  }
  return inside;
}

double ring_distance(const core::Vec2& p, const std::vector<core::Vec2>& ring, bool closed) {
  double d = std::numeric_limits<double>::max();
  for (size_t i = 0; i + 1 < ring.size(); ++i)
    d = std::min(d, seg_distance(p, ring[i], ring[i + 1]));
  if (closed && ring.size() > 2) d = std::min(d, seg_distance(p, ring.back(), ring.front()));
  if (ring.size() == 1) d = glm::length(p - ring[0]);
  return d;
}

bool shape_in_camera(const core::EvaluatedShape& es, const std::string& camera) {
  return es.track && !core::is_3d(es.track->kind) && es.track->sensor == camera;
}

// ---------------------------------------------------------------------------
// [SECTION] Drawing
// ---------------------------------------------------------------------------

void draw_2d(const Workspace& ws, const ImageViewport& vp, const core::Object& obj,
             const core::Shape& shape, const ShapeStyle& st, ImVec2& label_anchor) {
  ImDrawList* dl = vp.draw_list;
  label_anchor = {std::numeric_limits<float>::max(), std::numeric_limits<float>::max()};
  auto take_anchor = [&](const std::vector<ImVec2>& pts) {
    // Top-left-most point: the label sits above the shape.
    for (const ImVec2& p : pts) {
      if (p.y < label_anchor.y - 0.5f ||
          (std::abs(p.y - label_anchor.y) < 0.5f && p.x < label_anchor.x))
        label_anchor = p;
    }
  };
  if (const auto* b = shape.as<core::Box2D>()) {
    const ImVec2 a = vp.to_screen({b->x1, b->y1}), c = vp.to_screen({b->x2, b->y2});
    if (st.selected) dl->AddRectFilled(a, c, st.fill);
    draw_polyline(dl, {a, {c.x, a.y}, c, {a.x, c.y}}, st.color, st.thickness, true, st.dash,
                  st.gap);
    label_anchor = a;
  } else if (const auto* p = shape.as<core::Polygon>()) {
    const std::vector<ImVec2> outer = to_screen(vp, p->points);
    draw_polyline(dl, outer, st.color, st.thickness, true, st.dash, st.gap);
    for (const auto& hole : p->holes)
      draw_polyline(dl, to_screen(vp, hole), st.color, st.thickness * 0.75f, true,
                    st.dashed ? st.dash : 6.0f, st.gap);
    if (st.selected)
      for (const ImVec2& q : outer)
        dl->AddCircleFilled(q, 3.0f, st.color);
    take_anchor(outer);
  } else if (const auto* l = shape.as<core::Polyline>()) {
    const std::vector<ImVec2> pts = to_screen(vp, l->points);
    draw_polyline(dl, pts, st.color, st.thickness, false, st.dash, st.gap);
    for (const ImVec2& q : pts)
      dl->AddCircleFilled(q, st.selected ? 3.5f : 2.0f, st.color);
    take_anchor(pts);
  } else if (const auto* k = shape.as<core::Keypoints>()) {
    const core::ClassDef* cls = ws.doc().schema.find_class(obj.class_name);
    const core::Skeleton* sk =
        cls && !cls->skeleton.empty() ? ws.doc().schema.find_skeleton(cls->skeleton) : nullptr;
    std::vector<ImVec2> pts = to_screen(vp, [&] {
      std::vector<core::Vec2> v;
      for (const auto& kp : k->points)
        v.push_back(kp.position);
      return v;
    }());
    if (sk) {
      for (const auto& [i, j] : sk->edges) {
        if (i < 0 || j < 0 || size_t(i) >= k->points.size() || size_t(j) >= k->points.size())
          continue;
        if (k->points[size_t(i)].visibility == 0 || k->points[size_t(j)].visibility == 0) continue;
        const bool hidden =
            k->points[size_t(i)].visibility == 1 || k->points[size_t(j)].visibility == 1;
        if (hidden || st.dashed)
          draw_dashed_line(dl, pts[size_t(i)], pts[size_t(j)], st.color, st.thickness * 0.8f,
                           st.dashed ? st.dash : 6.0f, st.gap);
        else
          dl->AddLine(pts[size_t(i)], pts[size_t(j)], st.color, st.thickness * 0.8f);
      }
    }
    std::vector<ImVec2> labelled;
    for (size_t i = 0; i < pts.size(); ++i) {
      const uint8_t vis = k->points[i].visibility;
      if (vis == 0) continue;
      labelled.push_back(pts[i]);
      const float r = st.selected ? 4.5f : 3.5f;
      if (vis == 2) {
        dl->AddCircleFilled(pts[i], r, st.color);
        dl->AddCircle(pts[i], r, IM_COL32(0, 0, 0, 200), 0, 1.0f);
      } else {
        dl->AddCircle(pts[i], r, st.color, 0, 1.5f);  // labelled but occluded
      }
    }
    take_anchor(labelled);
  }
}

void draw_cuboid(const ImageViewport& vp, const core::CameraModel& cam, const core::Cuboid& c,
                 const ShapeStyle& st, ImVec2& label_anchor) {
  ImDrawList* dl = vp.draw_list;
  const core::ProjectedCuboid pc = core::project_cuboid(cam, c);
  label_anchor = {std::numeric_limits<float>::max(), std::numeric_limits<float>::max()};
  if (!pc.box) return;  // nothing of it in this image
  // Front face (heading side) filled lightly so the direction reads at a glance.
  const auto& f = core::kCuboidFrontFace;
  if (pc.corners[size_t(f[0])] && pc.corners[size_t(f[1])] && pc.corners[size_t(f[2])] &&
      pc.corners[size_t(f[3])]) {
    ImVec2 q[4];
    for (int i = 0; i < 4; ++i)
      q[i] = vp.to_screen(*pc.corners[size_t(f[size_t(i)])]);
    dl->AddQuadFilled(q[0], q[1], q[2], q[3], im_rgb(st.rgb, st.selected ? 80 : 45));
  }
  for (const core::ProjectedSegment& s : pc.segments) {
    const ImVec2 a = vp.to_screen(s.a), b = vp.to_screen(s.b);
    const bool front = s.edge == 0 || s.edge == 4 || s.edge == 8 || s.edge == 9;
    const float t = front ? st.thickness * 1.3f : st.thickness;
    if (st.dashed)
      draw_dashed_line(dl, a, b, st.color, t, st.dash, st.gap);
    else
      dl->AddLine(a, b, st.color, t);
  }
  label_anchor = vp.to_screen({pc.unclipped_box->x1, pc.unclipped_box->y1});
}

}  // namespace

void draw_image_shapes(Workspace& ws, const ImageViewport& vp, const core::CameraModel* camera) {
  if (!vp.draw_list) return;
  const ViewState& v = ws.view();
  const auto& shapes = ws.shapes_at_frame();
  const core::Annotations& ann = ws.doc().annotations;
  // Ignore regions under the objects: hatched areas, never mistaken for one.
  draw_ignore_regions(ws, vp);
  vp.draw_list->PushClipRect(vp.view_min, vp.view_max, true);
  struct Label {
    ImVec2 anchor;
    std::string text;
    uint32_t rgb;
    bool selected;
    core::ObjectId object;
    bool is_2d;
  };
  std::vector<Label> labels;
  // Selected objects last so they are on top.
  for (int pass = 0; pass < 2; ++pass) {
    for (const core::EvaluatedShape& es : shapes) {
      if (v.hidden.count(es.object) || !es.track) continue;
      const bool selected = v.selection.count(es.object) > 0;
      if (selected != (pass == 1)) continue;
      const core::Object* obj = ann.find(es.object);
      if (!obj) continue;
      const ShapeStyle st = style_for(ws, *obj, es);
      ImVec2 anchor;
      const bool is_2d = shape_in_camera(es, vp.camera);
      if (is_2d) {
        draw_2d(ws, vp, *obj, es.shape, st, anchor);
      } else if (es.track->kind == core::ShapeKind::Cuboid && camera) {
        if (const auto* c = es.shape.as<core::Cuboid>())
          draw_cuboid(vp, *camera, *c, st, anchor);
        else
          continue;
      } else {
        continue;
      }
      if (anchor.x != std::numeric_limits<float>::max())
        labels.push_back({anchor, label_text(*obj, es.shape), st.rgb, selected, es.object, is_2d});
    }
  }
  if (v.show_labels) {
    // One label per object: an object with a 2D shape and a cuboid in this
    // camera is labelled once, at its 2D shape (drawn first per object).
    std::map<core::ObjectId, size_t> first;
    std::vector<Label> unique;
    for (const Label& l : labels) {
      auto [it, fresh] = first.emplace(l.object, unique.size());
      if (fresh)
        unique.push_back(l);
      else if (l.is_2d && !unique[it->second].is_2d)
        unique[it->second] = l;
    }
    labels.swap(unique);
    LabelPlacer placer(vp.draw_list, vp.view_min, vp.view_max);
    // Selected first so they always get their place.
    std::stable_sort(labels.begin(), labels.end(),
                     [](const Label& a, const Label& b) { return a.selected > b.selected; });
    for (const Label& l : labels)
      placer.place({l.anchor.x, l.anchor.y - 1.0f}, l.text, im_rgb(l.rgb, l.selected ? 240 : 190),
                   contrast_text(l.rgb), l.selected);
  }
  vp.draw_list->PopClipRect();
}

// ---------------------------------------------------------------------------
// [SECTION] Picking
// ---------------------------------------------------------------------------

core::ObjectId pick_image_shape(Workspace& ws, const ImageViewport& vp,
                                const core::CameraModel* camera, ImVec2 s) {
  const ViewState& v = ws.view();
  const core::Vec2 p = vp.to_image(s);
  const double tol = 5.0 / std::max(1e-6, vp.zoom);  // 5 screen pixels in image pixels
  core::ObjectId best = -1;
  double best_area = std::numeric_limits<double>::max();
  auto consider = [&](core::ObjectId id, double area) {
    if (area < best_area) {
      best_area = area;
      best = id;
    }
  };
  for (const core::EvaluatedShape& es : ws.shapes_at_frame()) {
    if (v.hidden.count(es.object) || !es.track) continue;
    if (shape_in_camera(es, vp.camera)) {
      const core::Shape& sh = es.shape;
      if (const auto* b = sh.as<core::Box2D>()) {
        if (p.x >= b->x1 - tol && p.x <= b->x2 + tol && p.y >= b->y1 - tol && p.y <= b->y2 + tol)
          consider(es.object, b->area());
      } else if (const auto* g = sh.as<core::Polygon>()) {
        bool inside = g->points.size() > 2 && in_ring(p, g->points);
        for (const auto& h : g->holes)
          if (h.size() > 2 && in_ring(p, h)) inside = false;
        if (inside || ring_distance(p, g->points, true) < tol) {
          double area = 0;
          for (size_t i = 0, j = g->points.size() - 1; i < g->points.size(); j = i++)
            area += (g->points[j].x + g->points[i].x) * (g->points[j].y - g->points[i].y);
          consider(es.object, std::abs(area) * 0.5);
        }
      } else if (const auto* l = sh.as<core::Polyline>()) {
        if (ring_distance(p, l->points, false) < tol) consider(es.object, 0.0);
      } else if (const auto* k = sh.as<core::Keypoints>()) {
        for (const auto& kp : k->points)
          if (kp.visibility > 0 && glm::length(kp.position - p) < tol * 1.5)
            consider(es.object, 0.0);
      }
    } else if (camera && es.track->kind == core::ShapeKind::Cuboid) {
      const auto* c = es.shape.as<core::Cuboid>();
      if (!c) continue;
      const core::ProjectedCuboid pc = core::project_cuboid(*camera, *c);
      if (!pc.unclipped_box) continue;
      const core::Box2D& b = *pc.unclipped_box;
      if (p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2)
        consider(es.object, b.area() + 1.0);
    }
  }
  return best;
}

}  // namespace vantage::gui
