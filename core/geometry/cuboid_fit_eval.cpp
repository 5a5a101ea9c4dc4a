#include "core/geometry/cuboid_fit_eval.h"

#include <algorithm>
#include <cmath>

#include "core/geometry/cuboid_iou.h"
#include "core/geometry/points_in_cuboids.h"

namespace vantage::core {

namespace {

double median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  const size_t m = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(m), v.end());
  if (v.size() % 2) return v[m];
  const double hi = v[m];
  return 0.5 * (hi + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(m)));
}

void score(FitEvalSample& s, const CuboidFit& fit, const Cuboid& truth) {
  s.fitted = true;
  s.fit = fit.cuboid;
  s.heading_ambiguous = fit.heading_ambiguous;
  s.size_padded = fit.size_padded;
  s.centre_error = glm::length(fit.cuboid.center - truth.center);
  s.centre_error_bev =
      glm::length(Vec2{fit.cuboid.center.x - truth.center.x, fit.cuboid.center.y - truth.center.y});
  const double d = std::abs(wrap_angle(fit.cuboid.yaw - truth.yaw));
  s.flip_needed = d > kPi / 2;
  s.yaw_error = std::min(d, kPi - d);
  s.bev_iou = bev_iou(fit.cuboid, truth);
  s.iou_3d = iou_3d(fit.cuboid, truth);
}

}  // namespace

void FitEvaluator::add_frame(const std::string& name, const PointCloud& cloud,
                             const std::vector<FitEvalObject>& objects, const Vec3& sensor) {
  ++frames_;
  objects_ += static_cast<int>(objects.size());
  if (objects.empty()) return;
  GroundOptions go = options_.ground;
  go.sensor_xy = {sensor.x, sensor.y};
  const GroundEstimate ground = estimate_ground(cloud, go);

  std::vector<Cuboid> truths;
  for (const auto& o : objects)
    truths.push_back(o.truth);
  PointsInCuboidsOptions po;
  po.per_point = false;
  const PointCuboidMembership inside = points_in_cuboids(cloud, truths, po);

  for (size_t k = 0; k < objects.size(); ++k) {
    const FitEvalObject& obj = objects[k];
    if (inside.points_per_cuboid[k] <
        static_cast<uint32_t>(std::max(0, options_.min_truth_points))) {
      ++too_few_;
      continue;
    }
    CuboidFitOptions fo;
    fo.sensor = sensor;
    fo.rect.criterion = options_.criterion;
    if (options_.class_prior) fo.size_prior = default_size_prior(obj.class_name);

    struct Seed {
      std::string kind;
      Vec3 at;
      std::optional<double> prior_yaw;
    };
    std::vector<Seed> seeds = {{"centre", obj.truth.center, std::nullopt}};
    if (options_.perturbation > 0)
      for (int a = 0; a < 4; ++a)
        seeds.push_back(
            {"offset",
             obj.truth.center +
                 options_.perturbation * Vec3{std::cos(a * kPi / 2), std::sin(a * kPi / 2), 0.0},
             std::nullopt});
    if (options_.prior_yaw_error_deg >= 0)
      seeds.push_back(
          {"prior", obj.truth.center, obj.truth.yaw + options_.prior_yaw_error_deg * kPi / 180});
    for (const Seed& seed : seeds) {
      FitEvalSample s;
      s.frame = name;
      s.object_id = obj.object_id;
      s.class_name = obj.class_name;
      s.seed = seed.kind;
      s.truth_points = inside.points_per_cuboid[k];
      fo.prior_yaw = seed.prior_yaw;
      const CuboidFitResult r = fit_cuboid_at(cloud, ground.model, seed.at, fo);
      if (r.fit)
        score(s, *r.fit, obj.truth);
      else
        s.failure = r.failure;
      samples_.push_back(std::move(s));
    }
  }
}

FitEvalStats summarize_fit_samples(const std::vector<const FitEvalSample*>& samples) {
  FitEvalStats st;
  std::vector<double> centre, yaw;
  int flips = 0, bev05 = 0, bev07 = 0, iou05 = 0;
  double bev = 0, iou = 0, centre_bev = 0;
  for (const FitEvalSample* s : samples) {
    ++st.samples;
    if (!s->fitted) continue;
    ++st.fitted;
    centre.push_back(s->centre_error);
    centre_bev += s->centre_error_bev;
    yaw.push_back(s->yaw_error * 180.0 / kPi);
    flips += s->flip_needed;
    bev += s->bev_iou;
    iou += s->iou_3d;
    bev05 += s->bev_iou >= 0.5;
    bev07 += s->bev_iou >= 0.7;
    iou05 += s->iou_3d >= 0.5;
  }
  if (st.fitted) {
    const double n = st.fitted;
    for (double c : centre)
      st.mean_centre_error += c / n;
    for (double y : yaw)
      st.mean_yaw_error_deg += y / n;
    st.mean_centre_error_bev = centre_bev / n;
    st.median_centre_error = median(centre);
    st.median_yaw_error_deg = median(yaw);
    st.flip_rate = flips / n;
  }
  if (st.samples) {
    const double n = st.samples;
    st.mean_bev_iou = bev / n;
    st.mean_iou_3d = iou / n;
    st.bev_iou_over_05 = bev05 / n;
    st.bev_iou_over_07 = bev07 / n;
    st.iou_3d_over_05 = iou05 / n;
  }
  return st;
}

FitEvalReport FitEvaluator::report() const {
  FitEvalReport r;
  r.frames = frames_;
  r.objects = objects_;
  r.too_few_points = too_few_;
  r.samples = samples_;
  std::map<std::string, std::map<std::string, std::vector<const FitEvalSample*>>> groups;
  for (const FitEvalSample& s : samples_) {
    groups[s.seed][""].push_back(&s);
    groups[s.seed][s.class_name].push_back(&s);
  }
  for (const auto& [seed, by_class] : groups)
    for (const auto& [cls, list] : by_class)
      r.stats[seed][cls] = summarize_fit_samples(list);
  return r;
}

}  // namespace vantage::core
