// Per-shape rules: out-of-bounds, degenerate, keypoints-outside-box,
// inside-ignore-region, and duplicates (pairs of shapes in one frame).
#include <algorithm>
#include <cmath>

#include "core/geometry/cuboid_iou.h"
#include "core/geometry/cuboid_projection.h"
#include "core/geometry/ignore_coverage.h"
#include "core/geometry/polygon_iou.h"
#include "core/qa/rules_internal.h"

namespace vantage::core::qa_detail {

namespace {

// How far `p` lies outside [0, w] x [0, h] (0 when inside).
double outside_by(const Vec2& p, double w, double h) {
  const double dx = std::max({0.0, -p.x, p.x - w});
  const double dy = std::max({0.0, -p.y, p.y - h});
  return std::max(dx, dy);
}

double max_outside(const std::vector<Vec2>& pts, double w, double h) {
  double m = 0;
  for (const auto& p : pts)
    m = std::max(m, outside_by(p, w, h));
  return m;
}

void check_bounds(RuleRun& run, const AnchorRef& a) {
  const Track& t = *a.track;
  const Shape& s = a.shape->shape;
  const Camera* cam = run.doc.sequence.camera(a.shape->frame, t.sensor);
  if (!cam || cam->width <= 0 || cam->height <= 0) return;
  const double w = cam->width, h = cam->height;
  double out = 0;
  if (const Box2D* b = s.as<Box2D>()) {
    out = std::max(outside_by({b->x1, b->y1}, w, h), outside_by({b->x2, b->y2}, w, h));
  } else if (const Polygon* p = s.as<Polygon>()) {
    out = max_outside(p->points, w, h);
  } else if (const Polyline* l = s.as<Polyline>()) {
    out = max_outside(l->points, w, h);
  } else if (const Keypoints* k = s.as<Keypoints>()) {
    for (const auto& kp : k->points)
      if (kp.visibility > 0) out = std::max(out, outside_by(kp.position, w, h));
  }
  if (out > run.param("out-of-bounds", "margin_px"))
    run.add("out-of-bounds", a.object->id, a.shape->frame, t.sensor,
            fmt::format("{} reaches {:.1f} px outside the {}x{} image", to_string(t.kind), out,
                        cam->width, cam->height));
}

void check_degenerate(RuleRun& run, const AnchorRef& a) {
  const Shape& s = a.shape->shape;
  const int frame = a.shape->frame;
  if (const Box2D* b = s.as<Box2D>()) {
    const double min = run.param("degenerate", "min_box_px");
    if (b->width() < min || b->height() < min)
      run.add(
          "degenerate", a.object->id, frame, a.track->sensor,
          fmt::format("box is {:.1f} x {:.1f} px (minimum {:g})", b->width(), b->height(), min));
  } else if (const Polygon* p = s.as<Polygon>()) {
    const double min = run.param("degenerate", "min_polygon_area_px");
    const double area = p->points.size() >= 3 ? polygon_area(*p) : 0.0;
    if (area < min)
      run.add("degenerate", a.object->id, frame, a.track->sensor,
              fmt::format("polygon area is {:.1f} px² (minimum {:g})", area, min));
  } else if (const Cuboid* c = s.as<Cuboid>()) {
    const double min = run.param("degenerate", "min_cuboid_m");
    if (c->size.x < min || c->size.y < min || c->size.z < min)
      run.add("degenerate", a.object->id, frame, {},
              fmt::format("cuboid is {:.2f} x {:.2f} x {:.2f} m (minimum {:g} m)", c->size.x,
                          c->size.y, c->size.z, min));
  }
}

void check_keypoints_in_box(RuleRun& run, const AnchorRef& a) {
  const Keypoints* k = a.shape->shape.as<Keypoints>();
  if (!k) return;
  const auto box_shape =
      run.interp.evaluate(*a.object, a.track->sensor, ShapeKind::Box2D, a.shape->frame);
  if (!box_shape) return;
  const Box2D& b = *box_shape->as<Box2D>();
  const double m = run.param("keypoints-outside-box", "margin_px");
  int outside = 0;
  int first = -1;
  for (size_t i = 0; i < k->points.size(); ++i) {
    const auto& kp = k->points[i];
    if (kp.visibility == 0) continue;
    if (kp.position.x < b.x1 - m || kp.position.x > b.x2 + m || kp.position.y < b.y1 - m ||
        kp.position.y > b.y2 + m) {
      if (outside++ == 0) first = static_cast<int>(i);
    }
  }
  if (outside > 0)
    run.add("keypoints-outside-box", a.object->id, a.shape->frame, a.track->sensor,
            fmt::format("{} keypoint{} outside the object's box (first: #{})", outside,
                        outside == 1 ? "" : "s", first));
}

double shape_iou(const Shape& a, const Shape& b) {
  if (const Box2D* x = a.as<Box2D>()) return box_iou(*x, *b.as<Box2D>());
  if (const Polygon* x = a.as<Polygon>()) return polygon_iou(*x, *b.as<Polygon>());
  if (const Cuboid* x = a.as<Cuboid>()) return bev_iou(*x, *b.as<Cuboid>());
  return 0.0;  // polylines and keypoints have no area
}

}  // namespace

void check_shape_rules(RuleRun& run) {
  const bool bounds = run.on("out-of-bounds");
  const bool degenerate = run.on("degenerate");
  const bool keypoints = run.on("keypoints-outside-box");
  for (const auto& [frame, refs] : run.anchors_by_frame)
    for (const AnchorRef& a : refs) {
      if (bounds && !is_3d(a.track->kind)) check_bounds(run, a);
      if (degenerate) check_degenerate(run, a);
      if (keypoints && a.track->kind == ShapeKind::Keypoints) check_keypoints_in_box(run, a);
    }
}

void check_duplicates(RuleRun& run) {
  if (!run.on("duplicate")) return;
  const double threshold = run.param("duplicate", "iou");
  for (const auto& [frame, refs] : run.anchors_by_frame) {
    for (size_t i = 0; i < refs.size(); ++i) {
      const AnchorRef& a = refs[i];
      const ShapeKind k = a.track->kind;
      if (k == ShapeKind::Polyline || k == ShapeKind::Keypoints) continue;
      for (size_t j = i + 1; j < refs.size(); ++j) {
        const AnchorRef& b = refs[j];
        if (b.object == a.object || b.track->kind != k || b.track->sensor != a.track->sensor ||
            b.object->class_name != a.object->class_name)
          continue;
        if (a.shape->shape.kind() != k || b.shape->shape.kind() != k) continue;  // structural error
        const double iou = shape_iou(a.shape->shape, b.shape->shape);
        if (iou >= threshold)
          run.add("duplicate", b.object->id, frame, a.track->sensor,
                  fmt::format("{} {} overlaps object {} of the same class (IoU {:.2f})",
                              b.object->class_name, to_string(k), a.object->id, iou));
      }
    }
  }
}

bool inside_ignore_region(const Document& doc, int frame, const std::string& sensor,
                          const Shape& shape, double coverage) {
  const auto& regions = doc.annotations.ignore_regions_at(frame);
  if (regions.empty()) return false;
  Box2D box{};
  if (const Box2D* b = shape.as<Box2D>())
    box = *b;
  else if (const Polygon* p = shape.as<Polygon>(); p && !p->points.empty())
    box = IgnoreRegion{sensor, *p, {}, {}}.bounds();
  else
    return false;
  return ignored_by_regions(regions, sensor, box, coverage);
}

void check_ignore_regions(RuleRun& run) {
  if (!run.on("inside-ignore-region")) return;
  const double coverage = run.param("inside-ignore-region", "coverage");
  for (const auto& [frame, refs] : run.anchors_by_frame)
    for (const AnchorRef& a : refs)
      if (!is_3d(a.track->kind) &&
          inside_ignore_region(run.doc, frame, a.track->sensor, a.shape->shape, coverage))
        run.add("inside-ignore-region", a.object->id, frame, a.track->sensor,
                fmt::format("{} {} lies inside an ignore region (regions are left unlabelled; "
                            "remove the region or the label)",
                            a.object->class_name, to_string(a.track->kind)));
}

void check_box_cuboid(RuleRun& run) {
  if (!run.on("box-cuboid-mismatch")) return;
  const double min_iou = run.param("box-cuboid-mismatch", "min_iou");
  const double max_trunc = run.param("box-cuboid-mismatch", "max_truncation");
  for (const auto& [frame, refs] : run.anchors_by_frame)
    for (const AnchorRef& a : refs) {
      const Box2D* box = a.shape->shape.as<Box2D>();
      if (!box || a.track->kind != ShapeKind::Box2D) continue;
      const auto cuboid = run.interp.cuboid_at(*a.object, frame);
      if (!cuboid) continue;
      const CameraModel* cam = run.interp.camera(frame, a.track->sensor);
      if (!cam) continue;
      const ProjectedCuboid pc = project_cuboid(*cam, *cuboid);
      if (!pc.box) {
        run.add("box-cuboid-mismatch", a.object->id, frame, a.track->sensor,
                "the object's cuboid is not in this camera's view, but it has a box here");
        continue;
      }
      if (pc.truncation > max_trunc) continue;
      const double iou = box_iou(*box, *pc.box);
      if (iou < min_iou)
        run.add("box-cuboid-mismatch", a.object->id, frame, a.track->sensor,
                fmt::format("box and projected cuboid overlap IoU {:.2f} (minimum {:g})", iou,
                            min_iou));
    }
}

}  // namespace vantage::core::qa_detail
