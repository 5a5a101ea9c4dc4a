#include "core/synth/lidar_sim.h"

#include <algorithm>
#include <cmath>

#include "core/synth/demo_random.h"
#include "core/synth/surface_paint.h"

namespace vantage::core {

namespace {

constexpr int kAzimuthBins = 720;

struct Candidate {
  const SceneBox* box;
  double near;  // lower bound of the distance to any point of the box
  double cos_yaw, sin_yaw;
  int cutout_side;  // the one face a cut-out shows, -1 for solid boxes
};

// Boxes per azimuth bin (world azimuth around the sensor), nearest first, so
// a ray stops testing once the next box cannot be closer than its hit.
std::vector<std::vector<Candidate>> bin_boxes(const std::vector<SceneBox>& boxes, const Vec3& o,
                                              double range) {
  std::vector<Candidate> near;
  for (const SceneBox& b : boxes) {
    const double dist = glm::length(Vec2(b.center) - Vec2(o));
    const double r = 0.5 * std::hypot(b.size.x, b.size.y);
    if (dist - r > range) continue;
    near.push_back({&b, std::max(0.0, dist - r), std::cos(b.yaw), std::sin(b.yaw),
                    is_cutout(b.surface) ? cutout_face(b, o) : -1});
  }
  std::stable_sort(near.begin(), near.end(),
                   [](const Candidate& a, const Candidate& b) { return a.near < b.near; });
  std::vector<std::vector<Candidate>> bins(kAzimuthBins);
  const double per_bin = 2 * kPi / kAzimuthBins;
  for (const Candidate& c : near) {
    const SceneBox& b = *c.box;
    const Vec3 local = b.to_local(o);
    const bool inside =
        std::abs(local.x) <= b.size.x / 2 + 0.05 && std::abs(local.y) <= b.size.y / 2 + 0.05;
    int first = 0, last = kAzimuthBins - 1;
    if (!inside) {
      const double ac = std::atan2(b.center.y - o.y, b.center.x - o.x);
      double lo = 0, hi = 0;
      for (int k = 0; k < 4; ++k) {
        const Vec3 corner =
            b.to_world({(k & 1 ? 0.5 : -0.5) * b.size.x, (k & 2 ? 0.5 : -0.5) * b.size.y, 0});
        const double a = wrap_angle(std::atan2(corner.y - o.y, corner.x - o.x) - ac);
        lo = std::min(lo, a);
        hi = std::max(hi, a);
      }
      first = static_cast<int>(std::floor((ac + lo + 2 * kPi) / per_bin)) - 1;
      last = static_cast<int>(std::floor((ac + hi + 2 * kPi) / per_bin)) + 1;
    }
    for (int k = first; k <= last; ++k)
      bins[static_cast<size_t>(((k % kAzimuthBins) + kAzimuthBins) % kAzimuthBins)].push_back(c);
  }
  return bins;
}

// Range noise in [-3 sigma, 3 sigma] with standard deviation sigma (sum of
// three uniforms): bounded, so tests can check points against surfaces.
double range_noise(uint64_t seed, uint64_t ray, double sigma) {
  const double u = hash_unit(seed, ray, 1) + hash_unit(seed, ray, 2) + hash_unit(seed, ray, 3);
  return (u - 1.5) * 2.0 * sigma;
}

}  // namespace

PointCloud simulate_lidar(const LidarConfig& cfg, const Transform& lidar_to_world,
                          const GroundMap& ground, const std::vector<SceneBox>& boxes,
                          uint64_t noise_seed, LidarTruth* truth) {
  if (truth) *truth = {};
  const Vec3 o = lidar_to_world.translation();
  const Mat3 r = lidar_to_world.rotation();
  const auto bins = bin_boxes(boxes, o, cfg.max_range);
  PointCloud cloud;
  cloud.has_intensity = true;
  cloud.points.reserve(static_cast<size_t>(cfg.beams) * cfg.azimuth_steps * 8 / 10);
  cloud.ring.reserve(cloud.points.capacity());
  std::vector<double> ce(static_cast<size_t>(cfg.beams)), se(static_cast<size_t>(cfg.beams));
  for (int b = 0; b < cfg.beams; ++b) {
    const double e = cfg.elevation_deg(b) * kPi / 180;
    ce[static_cast<size_t>(b)] = std::cos(e);
    se[static_cast<size_t>(b)] = std::sin(e);
  }
  const double per_bin = 2 * kPi / kAzimuthBins;
  for (int b = 0; b < cfg.beams; ++b) {
    for (int a = 0; a < cfg.azimuth_steps; ++a) {
      const double az = 2 * kPi * a / cfg.azimuth_steps;
      const Vec3 dl{ce[static_cast<size_t>(b)] * std::cos(az),
                    ce[static_cast<size_t>(b)] * std::sin(az), se[static_cast<size_t>(b)]};
      const Vec3 d = r * dl;
      double best = cfg.max_range;
      float refl = 0;
      double cos_inc = 1;
      bool hit = false;
      const SceneBox* hit_box = nullptr;
      Vec3 ground_hit{0.0};
      if (d.z < -1e-9) {
        const double t = -o.z / d.z;
        if (t < best) {
          best = t;
          hit = true;
          const Vec3 p = o + d * t;
          ground_hit = p;
          refl = ground.reflectivity(p.x, p.y);
          cos_inc = -d.z;
        }
      }
      const double world_az = std::atan2(d.y, d.x);
      const auto bin = static_cast<size_t>(
          static_cast<int>(std::floor((world_az + 2 * kPi) / per_bin)) % kAzimuthBins);
      const auto& cands = bins[bin];
      for (const Candidate& c : cands) {
        if (c.near > best) break;
        BoxHit entry, exit;
        if (!intersect_box(*c.box, c.cos_yaw, c.sin_yaw, o, d, cfg.min_range, best, entry, exit))
          continue;
        if (c.cutout_side >= 0 && entry.face != c.cutout_side) continue;
        const SurfaceSample sample = paint_surface(*c.box, entry.face, entry.local);
        if (!sample.solid) continue;
        best = entry.t;
        hit = true;
        hit_box = c.box;
        refl = sample.reflectivity;
        cos_inc = std::abs(glm::dot(c.box->face_normal(entry.face), d));
      }
      if (!hit || best < cfg.min_range) continue;
      const uint64_t ray = static_cast<uint64_t>(b) * static_cast<uint64_t>(cfg.azimuth_steps) +
                           static_cast<uint64_t>(a);
      // Dark glass returns weakly: drop some of its rays.
      if (refl < 0.07f && hash_unit(noise_seed, ray, 4) < 0.5) continue;
      const double range = best + range_noise(noise_seed, ray, cfg.noise_sigma);
      const Vec3 p = dl * range;
      const double intensity = std::clamp(
          refl * (0.35 + 0.65 * cos_inc) * (0.92 + 0.16 * hash_unit(noise_seed, ray, 5)), 0.0, 1.0);
      cloud.points.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y),
                                static_cast<float>(p.z), static_cast<float>(intensity));
      cloud.ring.push_back(static_cast<uint16_t>(b));
      if (truth) {
        truth->surface.push_back(
            hit_box ? static_cast<uint8_t>(kSurfaceBox + static_cast<int>(hit_box->surface))
                    : static_cast<uint8_t>(kSurfaceGround +
                                           static_cast<int>(ground.material(ground_hit.x,
                                                                            ground_hit.y))));
        truth->object.push_back(hit_box ? hit_box->object : -1);
      }
    }
  }
  return cloud;
}

}  // namespace vantage::core
