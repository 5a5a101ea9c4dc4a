// Ground estimation and cuboid auto-fit on a simulated 64-beam sweep (about
// 120k points) through a street with 200 objects. Baseline in the same run:
// one global RANSAC plane over the same points (what the local model adds).
#include <benchmark/benchmark.h>

#include <random>

#include "core/geometry/cuboid_fit.h"
#include "core/geometry/cuboid_iou.h"
#include "core/geometry/ground_estimation.h"
#include "tests/support/synthetic_lidar.h"

namespace {

using namespace vantage;

std::vector<core::Cuboid> street() {
  std::vector<core::Cuboid> out;
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> pos(-60, 60), yaw(-core::kPi, core::kPi), u(0, 1);
  while (out.size() < 200) {
    core::Cuboid c;
    c.center = {pos(rng), pos(rng), 0.0};
    if (std::hypot(c.center.x, c.center.y) < 4) continue;
    c.size = u(rng) < 0.7 ? core::Vec3{4.2, 1.8, 1.5} : core::Vec3{0.8, 0.7, 1.75};
    c.center.z = -1.73 + 0.2 + c.size.z / 2;
    c.yaw = yaw(rng);
    // No two objects closer than 0.6 m, as on a real street.
    core::Cuboid grown = c;
    grown.size += core::Vec3(1.2, 1.2, 0.0);
    bool clear = true;
    for (const auto& o : out) clear = clear && core::bev_intersection_area(grown, o) == 0.0;
    if (clear) out.push_back(c);
  }
  return out;
}

const test::SyntheticSweep& sweep() {
  static const test::SyntheticSweep s = [] {
    test::SyntheticLidarOptions o;
    o.azimuth_steps = 2000;
    o.outlier_fraction = 0.005;
    // A road that climbs 6 % from 10 m ahead.
    o.terrain = [](double x, double) { return -1.73 + (x > 10 ? 0.06 * (x - 10) : 0.0); };
    o.boxes = street();
    for (auto& b : o.boxes)
      b.center.z += o.terrain(b.center.x, b.center.y) + 1.73;
    return test::simulate_lidar(o);
  }();
  return s;
}

void BM_GroundEstimation_LocalPlanes_120k(benchmark::State& state) {
  const auto& s = sweep();
  for (auto _ : state) {
    const core::GroundEstimate g = core::estimate_ground(s.cloud);
    benchmark::DoNotOptimize(g.ground_points);
  }
  state.counters["points"] = static_cast<double>(s.cloud.size());
}
BENCHMARK(BM_GroundEstimation_LocalPlanes_120k)->Unit(benchmark::kMillisecond);

// Baseline: a single RANSAC plane over every point.
void BM_GroundEstimation_GlobalPlaneBaseline_120k(benchmark::State& state) {
  const auto& s = sweep();
  std::vector<core::Vec3> pts;
  for (const auto& p : s.cloud.points)
    pts.emplace_back(p.x, p.y, p.z);
  for (auto _ : state) {
    std::mt19937 rng(1);
    core::PlaneRansacOptions o;
    o.iterations = 200;
    o.max_score_points = 4000;
    benchmark::DoNotOptimize(core::fit_plane_ransac(pts, o, rng));
  }
}
BENCHMARK(BM_GroundEstimation_GlobalPlaneBaseline_120k)->Unit(benchmark::kMillisecond);

// One click: fit a car from a seed at its centre (ground already estimated,
// as the GUI keeps it per frame).
void BM_CuboidFit_Seed(benchmark::State& state) {
  const auto& s = sweep();
  static const core::GroundEstimate g = core::estimate_ground(s.cloud);
  std::vector<core::Cuboid> cars;
  for (const auto& b : street())
    if (b.size.x > 4) cars.push_back(b);
  core::CuboidFitOptions o;
  o.size_prior = core::default_size_prior("Car");
  size_t k = 0, fitted = 0;
  for (auto _ : state) {
    const auto& b = cars[k++ % cars.size()];
    const auto r = core::fit_cuboid_at(s.cloud, g.model, b.center, o);
    fitted += r.fit.has_value();
    benchmark::DoNotOptimize(r.fit);
  }
  // Cars hidden behind others have no returns and fail (as they should).
  state.counters["fitted_share"] =
      static_cast<double>(fitted) / static_cast<double>(std::max<size_t>(k, 1));
}
BENCHMARK(BM_CuboidFit_Seed)->Unit(benchmark::kMillisecond);

}  // namespace
