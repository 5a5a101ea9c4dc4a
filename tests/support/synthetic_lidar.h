#pragma once
// A ray-cast spinning LiDAR over synthetic terrain and boxes, for the geometry
// tests and benchmarks: every point knows what it hit, so ground flags and
// object segmentation have exact ground truth. Header-only so tests and
// benchmarks can use it without extra build wiring.
//
// The sensor sits at the origin of its frame (x forward, y left, z up), like
// KITTI's Velodyne; beams are spread in elevation like an HDL-64E.

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <vector>

#include "core/geometry/cuboid_geometry.h"
#include "core/model/point_cloud.h"

namespace vantage::test {

struct SyntheticLidarOptions {
  int beams = 64;
  int azimuth_steps = 2000;
  double min_elevation_deg = -24.8;
  double max_elevation_deg = 2.0;
  double max_range = 80.0;
  double noise = 0.02;            // Gaussian range noise, metres
  double outlier_fraction = 0.0;  // share of rays replaced by random points
  unsigned seed = 1;
  // Ground height z at (x, y) in the sensor frame; flat road 1.73 m below by default.
  std::function<double(double, double)> terrain = [](double, double) { return -1.73; };
  std::vector<core::Cuboid> boxes;
};

// What a point hit.
constexpr int kHitGround = -1;
constexpr int kHitOutlier = -2;

struct SyntheticSweep {
  core::PointCloud cloud;
  std::vector<int> hit;  // box index, kHitGround or kHitOutlier, per point
};

namespace detail {

// A box prepared for ray casting from the sensor origin.
struct RayBox {
  core::Mat3 to_local;
  core::Vec3 origin_local;  // the sensor in box coordinates
  core::Vec3 half;
  core::Vec3 center;
  double radius = 0;
};

inline RayBox prepare_box(const core::Cuboid& c) {
  return {glm::transpose(core::cuboid_rotation(c)), core::to_cuboid_local(c, core::Vec3(0.0)),
          c.size * 0.5, c.center, 0.5 * glm::length(c.size)};
}

// Ray (origin 0, unit direction d) against an oriented box: entry distance or -1.
inline double ray_box(const RayBox& b, const core::Vec3& d) {
  const double along = glm::dot(b.center, d);
  if (along < -b.radius || glm::dot(b.center, b.center) - along * along > b.radius * b.radius)
    return -1;
  const core::Vec3 dl = b.to_local * d;
  double t0 = 0.0, t1 = 1e30;
  for (int a = 0; a < 3; ++a) {
    if (std::abs(dl[a]) < 1e-12) {
      if (std::abs(b.origin_local[a]) > b.half[a]) return -1;
      continue;
    }
    double ta = (-b.half[a] - b.origin_local[a]) / dl[a],
           tb = (b.half[a] - b.origin_local[a]) / dl[a];
    if (ta > tb) std::swap(ta, tb);
    t0 = std::max(t0, ta);
    t1 = std::min(t1, tb);
    if (t0 > t1) return -1;
  }
  return t0 > 0 ? t0 : -1;
}

// First crossing of the terrain along the ray, by marching then bisection.
inline double ray_terrain(const std::function<double(double, double)>& terrain, const core::Vec3& d,
                          double max_range) {
  auto above = [&](double t) { return t * d.z - terrain(t * d.x, t * d.y); };
  double prev = 0.0;
  if (above(0.0) <= 0) return -1;  // sensor below ground
  // Steps grow with range: a 2 cm step per metre still resolves slopes.
  for (double t = 0.25; t <= max_range; t += 0.25 + 0.02 * t) {
    if (above(t) <= 0) {
      double lo = prev, hi = t;
      for (int i = 0; i < 40; ++i) {
        const double mid = 0.5 * (lo + hi);
        (above(mid) > 0 ? lo : hi) = mid;
      }
      return 0.5 * (lo + hi);
    }
    prev = t;
  }
  return -1;
}

}  // namespace detail

inline SyntheticSweep simulate_lidar(const SyntheticLidarOptions& o) {
  SyntheticSweep s;
  std::mt19937 rng(o.seed);
  std::normal_distribution<double> noise(0.0, o.noise);
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  const double deg = core::kPi / 180.0;
  s.cloud.has_intensity = true;
  std::vector<detail::RayBox> boxes;
  for (const auto& c : o.boxes)
    boxes.push_back(detail::prepare_box(c));
  for (int b = 0; b < o.beams; ++b) {
    const double el = (o.min_elevation_deg +
                       (o.max_elevation_deg - o.min_elevation_deg) * b / std::max(1, o.beams - 1)) *
                      deg;
    for (int a = 0; a < o.azimuth_steps; ++a) {
      const double az = 2 * core::kPi * a / o.azimuth_steps;
      const core::Vec3 d{std::cos(el) * std::cos(az), std::cos(el) * std::sin(az), std::sin(el)};
      if (o.outlier_fraction > 0 && u01(rng) < o.outlier_fraction) {
        // Spurious returns: anywhere along the ray, above or below the ground.
        const core::Vec3 p = d * (2.0 + u01(rng) * 40.0) + core::Vec3(0, 0, (u01(rng) - 0.5) * 6.0);
        s.cloud.points.emplace_back(p.x, p.y, p.z, 0.1f);
        s.hit.push_back(kHitOutlier);
        continue;
      }
      double best = detail::ray_terrain(o.terrain, d, o.max_range);
      int what = best > 0 ? kHitGround : kHitOutlier;
      for (size_t k = 0; k < boxes.size(); ++k) {
        const double t = detail::ray_box(boxes[k], d);
        if (t > 0 && t <= o.max_range && (best < 0 || t < best)) {
          best = t;
          what = static_cast<int>(k);
        }
      }
      if (best <= 0) continue;  // into the sky
      const core::Vec3 p = d * (best + noise(rng));
      s.cloud.points.emplace_back(p.x, p.y, p.z, what == kHitGround ? 0.3f : 0.6f);
      s.hit.push_back(what);
    }
  }
  return s;
}

}  // namespace vantage::test
