// Batch points-in-cuboids against the one-at-a-time point_in_cuboid (brute
// force over every point and cuboid), and against the simulator's own record
// of which box each ray hit.
#include <catch2/catch.hpp>

#include <random>

#include "core/geometry/cuboid_geometry.h"
#include "core/geometry/points_in_cuboids.h"
#include "tests/support/synthetic_lidar.h"

using namespace vantage::core;

namespace {

struct Expected {
  std::vector<int32_t> index;
  std::vector<uint32_t> counts;
};

Expected brute_force(const std::vector<glm::vec4>& pts, const std::vector<Cuboid>& cs,
                     double margin, const Transform& t) {
  Expected e{std::vector<int32_t>(pts.size(), -1), std::vector<uint32_t>(cs.size(), 0)};
  for (size_t i = 0; i < pts.size(); ++i) {
    const Vec3 p = t.apply(Vec3{pts[i].x, pts[i].y, pts[i].z});
    double best_volume = INFINITY;
    for (size_t k = 0; k < cs.size(); ++k) {
      if (!point_in_cuboid(cs[k], p, margin)) continue;
      ++e.counts[k];
      const double v = cs[k].size.x * cs[k].size.y * cs[k].size.z;
      if (v < best_volume) best_volume = v, e.index[i] = static_cast<int32_t>(k);
    }
  }
  return e;
}

std::vector<Cuboid> random_cuboids(std::mt19937& rng, int n, double spread) {
  std::uniform_real_distribution<double> pos(-spread, spread), len(0.5, 6), ang(-kPi, kPi),
      tilt(-0.2, 0.2);
  std::vector<Cuboid> cs;
  for (int i = 0; i < n; ++i) {
    Cuboid c;
    c.center = {pos(rng), pos(rng), std::abs(pos(rng)) * 0.05};
    c.size = {len(rng), len(rng) * 0.5, len(rng) * 0.4};
    c.yaw = ang(rng);
    c.pitch = tilt(rng);
    c.roll = tilt(rng);
    cs.push_back(c);
  }
  return cs;
}

}  // namespace

TEST_CASE("Points in cuboids match point_in_cuboid point for point",
          "[geometry][points_in_cuboids]") {
  std::mt19937 rng(4);
  const std::vector<Cuboid> cs = random_cuboids(rng, 60, 15);  // dense: many overlaps
  std::uniform_real_distribution<float> px(-20, 20), pz(-2, 3);
  std::vector<glm::vec4> pts;
  for (int i = 0; i < 60000; ++i)
    pts.emplace_back(px(rng), px(rng), pz(rng), 0.f);

  for (const double margin : {0.0, 0.25}) {
    PointsInCuboidsOptions o;
    o.margin = margin;
    PointCuboidMembership m;
    points_in_cuboids(pts.data(), pts.size(), cs, o, m);
    const Expected e = brute_force(pts, cs, margin, Transform::identity());
    CHECK(m.cuboid_of_point == e.index);
    CHECK(m.points_per_cuboid == e.counts);
    size_t inside = 0, multiple = 0;
    for (size_t i = 0; i < pts.size(); ++i)
      inside += e.index[i] >= 0;
    for (uint32_t c : e.counts)
      multiple += c;
    CHECK(inside > 2000);      // the test exercises real hits...
    CHECK(multiple > inside);  // ...and overlapping cuboids
    // Counts only.
    o.per_point = false;
    points_in_cuboids(pts.data(), pts.size(), cs, o, m);
    CHECK(m.cuboid_of_point.empty());
    CHECK(m.points_per_cuboid == e.counts);
  }
}

TEST_CASE("Points in cuboids with a sensor-to-vehicle transform", "[geometry][points_in_cuboids]") {
  std::mt19937 rng(8);
  const std::vector<Cuboid> cs = random_cuboids(rng, 30, 12);
  std::uniform_real_distribution<float> px(-15, 15), pz(-3, 2);
  std::vector<glm::vec4> pts;
  for (int i = 0; i < 30000; ++i)
    pts.emplace_back(px(rng), px(rng), pz(rng), 0.f);
  // LiDAR 1.8 m up, rotated 30 degrees and tilted a little.
  Cuboid pose;
  pose.yaw = kPi / 6;
  pose.pitch = 0.03;
  const Transform lidar_to_vehicle =
      Transform::from_rotation_translation(cuboid_rotation(pose), {1.2, 0.1, 1.8});
  PointsInCuboidsOptions o;
  o.points_to_cuboids = lidar_to_vehicle;
  const PointCloud cloud{pts, {}, {}, false};
  const PointCuboidMembership m = points_in_cuboids(cloud, cs, o);
  const Expected e = brute_force(pts, cs, 0.0, lidar_to_vehicle);
  CHECK(m.cuboid_of_point == e.index);
  CHECK(m.points_per_cuboid == e.counts);
}

TEST_CASE("Points on a face count; empty inputs and NaN points are harmless",
          "[geometry][points_in_cuboids]") {
  Cuboid c;
  c.center = {1, 2, 0.5};
  c.size = {2, 2, 1};
  const std::vector<glm::vec4> pts = {
      {2, 2, 0.5, 0}, {0, 3, 1, 0}, {2.001f, 2, 0.5, 0}, {NAN, 2, 0.5, 0}};
  const PointCuboidMembership m = points_in_cuboids(PointCloud{pts, {}, {}, false}, {c});
  CHECK(m.cuboid_of_point == std::vector<int32_t>{0, 0, -1, -1});
  CHECK(m.points_per_cuboid == std::vector<uint32_t>{2});
  CHECK(points_in_cuboids(PointCloud{pts, {}, {}, false}, {}).cuboid_of_point ==
        std::vector<int32_t>(4, -1));
  CHECK(points_in_cuboids(PointCloud{}, {c}).points_per_cuboid == std::vector<uint32_t>{0});
}

TEST_CASE("Points in cuboids find the simulated LiDAR returns of each box",
          "[geometry][points_in_cuboids]") {
  vantage::test::SyntheticLidarOptions o;
  o.azimuth_steps = 900;
  o.noise = 0.0;
  for (int i = 0; i < 8; ++i) {
    Cuboid c;
    c.center = {6.0 + 4 * i, (i % 2 ? 1 : -1) * (3.0 + i), -1.73 + 0.8};
    c.size = {4.2, 1.8, 1.6};
    c.yaw = 0.3 * i;
    o.boxes.push_back(c);
  }
  const auto sweep = vantage::test::simulate_lidar(o);
  PointsInCuboidsOptions opt;
  opt.margin = 1e-4;  // surface returns lie on the faces, up to rounding to float
  const PointCuboidMembership m = points_in_cuboids(sweep.cloud, o.boxes, opt);
  size_t agree = 0, box_hits = 0;
  for (size_t i = 0; i < sweep.hit.size(); ++i) {
    if (sweep.hit[i] >= 0) ++box_hits;
    agree += (sweep.hit[i] >= 0 ? sweep.hit[i] : -1) == m.cuboid_of_point[i];
  }
  CHECK(box_hits > 1000);
  // Only ground returns right under a box's bottom face can disagree.
  CHECK(static_cast<double>(agree) / sweep.hit.size() > 0.999);
}
