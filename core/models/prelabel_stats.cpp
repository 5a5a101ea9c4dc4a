#include "core/models/prelabel_stats.h"

#include <algorithm>
#include <map>
#include <vector>

#include "core/geometry/cuboid_iou.h"
#include "core/geometry/cuboid_projection.h"
#include "core/geometry/polygon_iou.h"

namespace vantage::core {

namespace {

constexpr int64_t kMaxGapMs = 120000;
constexpr size_t kMinGaps = 5;

double geometry_iou(const Geometry& a, const Geometry& b) {
  if (a.index() != b.index()) return 0.0;
  if (const Box2D* x = std::get_if<Box2D>(&a)) return box_iou(*x, std::get<Box2D>(b));
  if (const Cuboid* x = std::get_if<Cuboid>(&a)) return iou_3d(*x, std::get<Cuboid>(b));
  if (const Polygon* x = std::get_if<Polygon>(&a)) return polygon_iou(*x, std::get<Polygon>(b));
  return a == b ? 1.0 : 0.0;
}

double median_gap(std::map<std::string, std::vector<int64_t>>& times, size_t* count) {
  std::vector<double> gaps;
  for (auto& [who, t] : times) {
    std::sort(t.begin(), t.end());
    for (size_t i = 1; i < t.size(); ++i) {
      const int64_t g = t[i] - t[i - 1];
      if (g > 0 && g <= kMaxGapMs) gaps.push_back(double(g) / 1000.0);
    }
  }
  *count = gaps.size();
  if (gaps.empty()) return 0;
  std::nth_element(gaps.begin(), gaps.begin() + long(gaps.size() / 2), gaps.end());
  return gaps[gaps.size() / 2];
}

}  // namespace

PrelabelStats compute_prelabel_stats(const Document& doc) {
  PrelabelStats st;
  const Annotations& a = doc.annotations;
  // Timings.
  std::map<ShapeKind, std::map<std::string, std::vector<int64_t>>> created;
  for (const Object& o : a.objects)
    for (const Track& t : o.tracks)
      for (const FrameShape& fs : t.shapes) {
        if (fs.shape.source == ShapeSource::Model) ++st.pending;
        if (fs.shape.source == ShapeSource::Manual && fs.shape.keyframe && fs.shape.model.empty() &&
            fs.shape.created_ms > 0)
          created[t.kind][fs.shape.annotator].push_back(fs.shape.created_ms);
      }
  const std::map<ShapeKind, double> defaults = {{ShapeKind::Box2D, 7.0},
                                                {ShapeKind::Polygon, 25.0},
                                                {ShapeKind::Polyline, 15.0},
                                                {ShapeKind::Keypoints, 20.0},
                                                {ShapeKind::Cuboid, 30.0}};
  std::map<ShapeKind, double> draw;
  st.timings_measured = true;
  for (const auto& [k, def] : defaults) {
    size_t n = 0;
    const double m = created.count(k) ? median_gap(created[k], &n) : 0.0;
    draw[k] = n >= kMinGaps ? m : def;
    st.draw_seconds[to_string(k)] = draw[k];
  }
  std::map<std::string, std::vector<int64_t>> decided_at;
  for (const PrelabelDecision& d : a.review.prelabel_decisions)
    decided_at[d.who].push_back(d.time_ms);
  size_t n = 0;
  const double review = median_gap(decided_at, &n);
  st.review_seconds = n >= kMinGaps ? review : 2.0;
  bool any_default = n < kMinGaps;
  for (const PrelabelDecision& d : a.review.prelabel_decisions) {
    const ShapeKind kind = kind_of(d.proposed);
    size_t m = 0;
    if (created.count(kind)) median_gap(created[kind], &m);
    if (m < kMinGaps) any_default = true;
  }
  st.timings_measured = !any_default;

  for (const PrelabelDecision& d : a.review.prelabel_decisions) {
    const ShapeKind kind = kind_of(d.proposed);
    const Object* o = a.find(d.object);
    const Shape* final_shape = o ? o->shape(d.frame, d.sensor, kind) : nullptr;
    const std::string cls = o ? o->class_name : d.model_class;
    const double t_draw = draw[kind];
    PrelabelFigures delta;
    delta.decided = 1;
    if (d.action == PrelabelAction::Rejected) {
      delta.rejected = 1;
      delta.seconds_saved = -st.review_seconds;
    } else {
      delta.accepted = 1;
      double iou = 1.0;
      if (final_shape) {
        iou = geometry_iou(d.proposed, final_shape->geometry);
        delta.iou_pairs = 1;
        delta.sum_iou = iou;
      }
      const bool changed_class = o && !d.model_class.empty() && d.model_class != o->class_name;
      delta.class_changed = changed_class;
      const bool corrected = changed_class || iou < 0.99;
      delta.corrected = corrected;
      double cost = st.review_seconds;
      if (corrected) cost += changed_class ? t_draw : t_draw * (1.0 - iou);
      delta.seconds_saved = t_draw - cost;
    }
    for (PrelabelFigures* f : {&st.overall, &st.per_class[cls], &st.per_model[d.model]}) {
      f->decided += delta.decided;
      f->accepted += delta.accepted;
      f->corrected += delta.corrected;
      f->rejected += delta.rejected;
      f->class_changed += delta.class_changed;
      f->iou_pairs += delta.iou_pairs;
      f->sum_iou += delta.sum_iou;
      f->seconds_saved += delta.seconds_saved;
    }
  }
  return st;
}

}  // namespace vantage::core
