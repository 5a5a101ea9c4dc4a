#include "core/tracking/interpolation_eval.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/geometry/cuboid_projection.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

struct KeyPlan {
  std::set<int> keyframes;
  std::vector<FrameRange> outside;
};

KeyPlan plan_keyframes(const Object& o, int every) {
  std::set<int> frames;
  for (const Track& t : o.tracks)
    for (const FrameShape& fs : t.shapes)
      frames.insert(fs.frame);
  KeyPlan plan;
  if (frames.empty()) return plan;
  int segment_first = *frames.begin();
  int prev = segment_first;
  for (int f : frames) {
    if (f - prev - 1 >= every) {  // a long gap: the object left the view
      plan.keyframes.insert(prev);
      plan.outside.push_back({prev + 1, f - 1});
      segment_first = f;
    }
    if ((f - segment_first) % every == 0) plan.keyframes.insert(f);
    prev = f;
  }
  plan.keyframes.insert(prev);
  return plan;
}

}  // namespace

InterpolationEvalReport evaluate_interpolation(const Document& truth,
                                               const InterpolationEvalOptions& options) {
  if (options.every < 1) throw Error("--every must be at least 1");
  InterpolationEvalReport rep;
  rep.every = options.every;
  const Interpolator interp(truth.sequence, options.interpolation);
  double iou_sum = 0, yaw_sum = 0;
  size_t iou_good = 0;
  std::vector<double> center_errors;

  for (const Object& gt : truth.annotations.objects) {
    const auto& skip = options.skip_classes;
    if (std::find(skip.begin(), skip.end(), gt.class_name) != skip.end()) continue;
    const KeyPlan plan = plan_keyframes(gt, options.every);
    if (plan.keyframes.empty()) continue;
    rep.objects++;
    rep.outside_spans += plan.outside.size();
    // The object as an annotator would have left it: keyframes only.
    Object sparse = gt;
    sparse.outside = plan.outside;
    for (Track& t : sparse.tracks) {
      std::vector<FrameShape> kept;
      for (FrameShape& fs : t.shapes)
        if (plan.keyframes.count(fs.frame)) {
          fs.shape.keyframe = true;
          fs.shape.source = ShapeSource::Manual;
          kept.push_back(std::move(fs));
        }
      t.shapes = std::move(kept);
    }
    for (size_t i = 0; i < gt.tracks.size(); ++i) {
      const Track& gt_track = gt.tracks[i];
      const Track& sparse_track = sparse.tracks[i];
      if (gt_track.kind != ShapeKind::Box2D && gt_track.kind != ShapeKind::Cuboid) continue;
      rep.keyframes += sparse_track.shapes.size();
      for (const FrameShape& fs : gt_track.shapes) {
        if (plan.keyframes.count(fs.frame)) continue;
        const auto got = interp.evaluate(sparse, sparse_track, fs.frame);
        if (!got) {
          rep.missing++;
          continue;
        }
        if (const Box2D* want = fs.shape.as<Box2D>()) {
          const double iou = box_iou(std::get<Box2D>(got->geometry), *want);
          iou_sum += iou;
          iou_good += iou >= 0.7 ? 1 : 0;
          rep.boxes++;
        } else if (const Cuboid* want_c = fs.shape.as<Cuboid>()) {
          const Cuboid& c = std::get<Cuboid>(got->geometry);
          center_errors.push_back(glm::length(c.center - want_c->center));
          yaw_sum += std::abs(wrap_angle(c.yaw - want_c->yaw));
          rep.cuboids++;
        }
      }
    }
  }
  if (rep.boxes) {
    rep.mean_iou = iou_sum / rep.boxes;
    rep.share_iou_07 = static_cast<double>(iou_good) / rep.boxes;
  }
  if (rep.cuboids) {
    double sum = 0;
    for (double e : center_errors)
      sum += e;
    rep.mean_center_error_m = sum / rep.cuboids;
    auto mid = center_errors.begin() + static_cast<std::ptrdiff_t>(center_errors.size() / 2);
    std::nth_element(center_errors.begin(), mid, center_errors.end());
    rep.median_center_error_m = *mid;
    rep.mean_yaw_error_deg = yaw_sum / rep.cuboids * 180.0 / kPi;
  }
  return rep;
}

}  // namespace vantage::core
