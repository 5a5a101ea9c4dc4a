#include "core/qa/shape_matching.h"

#include <cmath>
#include <map>
#include <tuple>

#include "core/geometry/cuboid_iou.h"
#include "core/geometry/cuboid_projection.h"
#include "core/geometry/ignore_coverage.h"
#include "core/geometry/polygon_iou.h"
#include "core/qa/hungarian.h"

namespace vantage::core {

std::vector<QaShape> comparable_shapes(const Interpolator& interp, const Annotations& annotations,
                                       int frame) {
  std::vector<QaShape> out;
  for (const EvaluatedShape& e : interp.evaluate_frame(annotations, frame)) {
    const ShapeKind k = e.track->kind;
    if (k != ShapeKind::Box2D && k != ShapeKind::Polygon && k != ShapeKind::Cuboid) continue;
    if (e.shape.kind() != k) continue;
    const Object* o = annotations.find(e.object);
    if (!o) continue;
    QaShape q;
    q.object = e.object;
    q.class_name = o->class_name;
    q.sensor = e.track->sensor;
    q.kind = k;
    q.shape = e.shape;
    q.attributes = o->attributes;
    for (const auto& [name, v] : e.shape.attributes)
      q.attributes[name] = v;
    out.push_back(std::move(q));
  }
  return out;
}

bool ignored_by(const QaShape& s, const std::vector<IgnoreRegion>& regions) {
  if (regions.empty()) return false;
  Box2D box{};
  if (const Box2D* b = s.shape.as<Box2D>()) {
    box = *b;
  } else if (const Polygon* p = s.shape.as<Polygon>()) {
    if (p->points.empty()) return false;
    box = IgnoreRegion{s.sensor, *p, {}, {}}.bounds();
  } else {
    return false;
  }
  return ignored_by_regions(regions, s.sensor, box);
}

double shape_iou(const Shape& a, const Shape& b) {
  if (a.kind() != b.kind()) return 0.0;
  if (const Box2D* x = a.as<Box2D>()) return box_iou(*x, *b.as<Box2D>());
  if (const Polygon* x = a.as<Polygon>()) return polygon_iou(*x, *b.as<Polygon>());
  if (const Cuboid* x = a.as<Cuboid>()) return bev_iou(*x, *b.as<Cuboid>());
  return 0.0;
}

namespace {

Vec2 center_2d(const Shape& s) {
  if (const Box2D* b = s.as<Box2D>()) return {(b->x1 + b->x2) / 2, (b->y1 + b->y2) / 2};
  if (const Polygon* p = s.as<Polygon>()) {
    Vec2 c(0.0);
    for (const auto& v : p->points)
      c += v;
    return p->points.empty() ? c : c / double(p->points.size());
  }
  return Vec2(0.0);
}

}  // namespace

double center_distance(const Shape& a, const Shape& b) {
  if (const Cuboid* x = a.as<Cuboid>()) {
    if (const Cuboid* y = b.as<Cuboid>()) return glm::length(x->center - y->center);
    return 0.0;
  }
  return glm::length(center_2d(a) - center_2d(b));
}

double yaw_difference(const Shape& a, const Shape& b) {
  const Cuboid* x = a.as<Cuboid>();
  const Cuboid* y = b.as<Cuboid>();
  if (!x || !y) return 0.0;
  return std::abs(wrap_angle(x->yaw - y->yaw));
}

ShapeMatching match_shapes(const std::vector<QaShape>& a, const std::vector<QaShape>& b,
                           double min_iou, bool same_class_only) {
  ShapeMatching out;
  // Group indices by (sensor, kind).
  std::map<std::pair<std::string, int>, std::pair<std::vector<int>, std::vector<int>>> groups;
  for (size_t i = 0; i < a.size(); ++i)
    groups[{a[i].sensor, int(a[i].kind)}].first.push_back(int(i));
  for (size_t j = 0; j < b.size(); ++j)
    groups[{b[j].sensor, int(b[j].kind)}].second.push_back(int(j));
  for (const auto& [key, g] : groups) {
    const auto& ia = g.first;
    const auto& ib = g.second;
    std::vector<std::vector<double>> score(ia.size(), std::vector<double>(ib.size(), 0.0));
    std::vector<std::vector<double>> iou(ia.size(), std::vector<double>(ib.size(), 0.0));
    for (size_t r = 0; r < ia.size(); ++r)
      for (size_t c = 0; c < ib.size(); ++c) {
        const QaShape& x = a[size_t(ia[r])];
        const QaShape& y = b[size_t(ib[c])];
        const bool same = x.class_name == y.class_name;
        if (same_class_only && !same) continue;
        const double v = shape_iou(x.shape, y.shape);
        iou[r][c] = v;
        if (v >= min_iou && v > 0) score[r][c] = v + (same ? 1.0 : 0.0);
      }
    const std::vector<int> assign = max_score_assignment(score);
    std::vector<char> used_b(ib.size(), 0);
    for (size_t r = 0; r < ia.size(); ++r) {
      const int c = r < assign.size() ? assign[r] : -1;
      if (c >= 0 && score[r][size_t(c)] > 0) {
        out.pairs.push_back({ia[r], ib[size_t(c)], iou[r][size_t(c)]});
        used_b[size_t(c)] = 1;
      } else {
        out.unmatched_a.push_back(ia[r]);
      }
    }
    for (size_t c = 0; c < ib.size(); ++c)
      if (!used_b[c]) out.unmatched_b.push_back(ib[c]);
  }
  return out;
}

}  // namespace vantage::core
