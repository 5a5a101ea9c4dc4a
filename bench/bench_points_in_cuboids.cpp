// Points inside cuboids for a whole frame: 120k points x 200 cuboids, the
// GUI's colour-by-class load. Target: well under 5 ms. Baseline in the same
// run: every point against every cuboid with point_in_cuboid.
#include <benchmark/benchmark.h>

#include <random>

#include "core/geometry/cuboid_geometry.h"
#include "core/geometry/points_in_cuboids.h"
#include "tests/support/synthetic_lidar.h"

namespace {

using namespace vantage;

// 200 vehicles (70 %) and pedestrians within 60 m of the sensor.
std::vector<core::Cuboid> boxes() {
  std::vector<core::Cuboid> out;
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> pos(-60, 60), yaw(-core::kPi, core::kPi), u(0, 1);
  while (out.size() < 200) {
    core::Cuboid c;
    c.center = {pos(rng), pos(rng), 0.0};
    if (std::hypot(c.center.x, c.center.y) < 4) continue;
    const bool car = u(rng) < 0.7;
    c.size = car ? core::Vec3{4.2, 1.8, 1.6} : core::Vec3{0.8, 0.7, 1.75};
    c.center.z = -1.73 + c.size.z / 2;
    c.yaw = yaw(rng);
    out.push_back(c);
  }
  return out;
}

// A simulated 64-beam sweep (about 120k points) through those boxes.
const test::SyntheticSweep& sweep() {
  static const test::SyntheticSweep s = [] {
    test::SyntheticLidarOptions o;
    o.azimuth_steps = 2000;
    o.boxes = boxes();
    return test::simulate_lidar(o);
  }();
  return s;
}

void BM_PointsInCuboids_Grid_120kx200(benchmark::State& state) {
  const auto& s = sweep();
  const auto cs = boxes();
  core::PointsInCuboidsOptions o;
  // A margin as the GUI uses it: surface returns are then inside for sure
  // (with margin 0 half of them fall outside, unpredictably for the CPU).
  o.margin = state.range(0) / 100.0;
  core::PointCuboidMembership m;
  for (auto _ : state) {
    core::points_in_cuboids(s.cloud.points.data(), s.cloud.size(), cs, o, m);
    benchmark::DoNotOptimize(m.cuboid_of_point.data());
  }
  size_t inside = 0;
  for (int32_t k : m.cuboid_of_point)
    inside += k >= 0;
  state.counters["points"] = static_cast<double>(s.cloud.size());
  state.counters["inside"] = static_cast<double>(inside);
}
BENCHMARK(BM_PointsInCuboids_Grid_120kx200)->Arg(0)->Arg(5)->Unit(benchmark::kMillisecond);

void BM_PointsInCuboids_CountsOnly_120kx200(benchmark::State& state) {
  const auto& s = sweep();
  const auto cs = boxes();
  core::PointsInCuboidsOptions o;
  o.per_point = false;
  core::PointCuboidMembership m;
  for (auto _ : state) {
    core::points_in_cuboids(s.cloud.points.data(), s.cloud.size(), cs, o, m);
    benchmark::DoNotOptimize(m.points_per_cuboid.data());
  }
}
BENCHMARK(BM_PointsInCuboids_CountsOnly_120kx200)->Unit(benchmark::kMillisecond);

// Baseline: the naive double loop.
void BM_PointsInCuboids_BruteForce_120kx200(benchmark::State& state) {
  const auto& s = sweep();
  const auto cs = boxes();
  std::vector<int32_t> index(s.cloud.size());
  for (auto _ : state) {
    for (size_t i = 0; i < s.cloud.size(); ++i) {
      const core::Vec3 p{s.cloud.points[i].x, s.cloud.points[i].y, s.cloud.points[i].z};
      int32_t found = -1;
      for (size_t k = 0; k < cs.size() && found < 0; ++k)
        if (core::point_in_cuboid(cs[k], p, 0.05)) found = static_cast<int32_t>(k);
      index[i] = found;
    }
    benchmark::DoNotOptimize(index.data());
  }
}
BENCHMARK(BM_PointsInCuboids_BruteForce_120kx200)->Unit(benchmark::kMillisecond);

}  // namespace
