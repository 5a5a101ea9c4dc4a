#pragma once
// A spinning multi-beam LiDAR ray-cast against the demo world: the flat
// ground (material from the GroundMap) and the scene boxes. One sweep is
// instantaneous (no rolling shutter), so every point of an agent lies on its
// ground-truth cuboid. Range noise is bounded (|noise| <= 3 sigma), which is
// what lets tests check points against cuboid faces exactly.

#include <cstdint>
#include <vector>

#include "core/model/point_cloud.h"
#include "core/synth/ground_map.h"
#include "core/synth/scene_box.h"

namespace vantage::core {

struct LidarConfig {
  int beams = 64;
  int azimuth_steps = 1600;  // rays per beam per revolution
  double elevation_max_deg = 2.0;
  double elevation_min_deg = -25.0;
  double max_range = 120.0;
  double min_range = 1.5;
  double noise_sigma = 0.01;  // metres, along the ray
  double noise_limit() const { return 3.0 * noise_sigma; }

  double elevation_deg(int beam) const {
    return beams == 1
               ? elevation_max_deg
               : elevation_max_deg + (elevation_min_deg - elevation_max_deg) * beam / (beams - 1);
  }
};

// What each return hit: the segmentation ground truth of a sweep.
struct LidarTruth {
  std::vector<uint8_t> surface;  // kSurfaceGround + material or kSurfaceBox + surface
  std::vector<int64_t> object;   // ground-truth object id, -1 for ground and scenery
};

// Points in the LiDAR's own frame (x forward, y left, z up), with intensity
// (0..1) and ring (beam index, 0 = highest). `noise_seed` makes the noise
// differ per frame while staying reproducible. `truth`, when given, receives
// what each point hit.
PointCloud simulate_lidar(const LidarConfig& config, const Transform& lidar_to_world,
                          const GroundMap& ground, const std::vector<SceneBox>& boxes,
                          uint64_t noise_seed, LidarTruth* truth = nullptr);

}  // namespace vantage::core
