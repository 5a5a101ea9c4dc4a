#include "core/models/detection_eval.h"

#include <algorithm>

#include "core/geometry/camera_model.h"
#include "core/geometry/cuboid_iou.h"
#include "core/geometry/points_in_cuboids.h"
#include "core/io/frame_points.h"
#include "core/tracking/interpolator.h"

namespace vantage::core {

namespace {

struct FrameCuboid {
  Cuboid cuboid;
  Shape shape;
};

std::vector<FrameCuboid> class_cuboids(const Interpolator& interp, const Annotations& a, int frame,
                                       const std::string& cls) {
  std::vector<FrameCuboid> out;
  for (const EvaluatedShape& e : interp.evaluate_frame(a, frame)) {
    if (e.track->kind != ShapeKind::Cuboid) continue;
    const Object* o = a.find(e.object);
    const Cuboid* c = e.shape.as<Cuboid>();
    if (!o || !c || o->class_name != cls) continue;
    out.push_back({*c, e.shape});
  }
  return out;
}

bool in_view(const Interpolator& interp, const Sequence& seq, int frame, const Cuboid& c) {
  for (const Camera& cam : seq.rig(frame).cameras) {
    const CameraModel* m = interp.camera(frame, cam.name);
    if (!m) continue;
    const auto p = m->project(c.center);
    if (p && p->x >= 0 && p->y >= 0 && p->x < cam.width && p->y < cam.height) return true;
  }
  return false;
}

double range_of(const Cuboid& c) {
  return std::hypot(c.center.x, c.center.y);
}

void add(Annotations& a, const std::string& cls, int frame, Shape s) {
  Object o;
  o.id = a.next_id();
  o.class_name = cls;
  s.keyframe = true;
  s.source = ShapeSource::Manual;  // scored as delivered, whatever made it
  o.track_or_create(kSceneSensor, ShapeKind::Cuboid).set(frame, std::move(s));
  a.objects.push_back(std::move(o));
}

}  // namespace

CuboidEvalResult evaluate_cuboid_detections(const Document& truth, const Annotations& predicted,
                                            const CuboidEvalOptions& o) {
  CuboidEvalResult r;
  Document gold, scored;
  gold.sequence = scored.sequence = truth.sequence;
  gold.schema = scored.schema = truth.schema;
  const Interpolator interp(truth.sequence);
  const int n = truth.sequence.frame_count();
  int first = 0, last = n - 1;
  if (o.frames) first = std::max(0, o.frames->first), last = std::min(n - 1, o.frames->last);
  std::vector<char> scored_frame(size_t(std::max(n, 0)), 0);
  PointCloud cloud;
  PointCuboidMembership members;
  PointsInCuboidsOptions pio;
  pio.per_point = false;
  for (int f = first; f <= last; ++f) {
    if (!read_frame_points(truth, f, cloud)) continue;
    scored_frame[size_t(f)] = 1;
    ++r.frames;
    const auto gt = class_cuboids(interp, truth.annotations, f, o.class_name);
    std::vector<Cuboid> boxes;
    for (const auto& g : gt)
      boxes.push_back(g.cuboid);
    points_in_cuboids(cloud.points.data(), cloud.points.size(), boxes, pio, members);
    std::vector<Cuboid> ignored, counted;
    for (size_t i = 0; i < gt.size(); ++i) {
      if (range_of(gt[i].cuboid) > o.max_range) continue;
      if (o.camera_fov && !in_view(interp, truth.sequence, f, gt[i].cuboid)) continue;
      if (int(members.points_per_cuboid[i]) < o.min_points) {
        ignored.push_back(gt[i].cuboid);
        ++r.ignored_truth;
      } else {
        counted.push_back(gt[i].cuboid);
        add(gold.annotations, o.class_name, f, gt[i].shape);
      }
    }
    for (const auto& p : class_cuboids(interp, predicted, f, o.class_name)) {
      // A little beyond the range: a detection of a counted car just inside
      // it may be centred just outside.
      if (range_of(p.cuboid) > o.max_range + 1.0) continue;
      if (o.camera_fov && !in_view(interp, truth.sequence, f, p.cuboid)) continue;
      double best_counted = 0, best_ignored = 0;
      for (const Cuboid& c : counted)
        best_counted = std::max(best_counted, bev_iou(p.cuboid, c));
      for (const Cuboid& c : ignored)
        best_ignored = std::max(best_ignored, bev_iou(p.cuboid, c));
      if (range_of(p.cuboid) > o.max_range && best_counted < o.tp_iou) continue;
      if (best_ignored > 0.1 && best_ignored >= best_counted) {
        ++r.ignored_predictions;
        continue;
      }
      add(scored.annotations, o.class_name, f, p.shape);
    }
  }
  GoldOptions go;
  go.tp_iou = o.tp_iou;
  r.report = score_against_gold(gold, scored, go);
  const auto it = r.report.per_class.find(o.class_name);
  if (it != r.report.per_class.end()) r.score = it->second;
  return r;
}

}  // namespace vantage::core
