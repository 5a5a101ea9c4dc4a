#pragma once
// Euclidean clustering (region growing) of 3D points: two points belong to
// the same cluster when a chain of points links them with every step shorter
// than the tolerance. A hash grid with cells of the tolerance keeps each
// neighbour query to 27 cells.

#include <cstdint>
#include <vector>

#include "core/model/math.h"

namespace vantage::core {

struct ClusterOptions {
  double tolerance = 0.5;  // metres, at the sensor
  // LiDAR returns spread apart with range (about 0.4 degrees between rings
  // on a 64-beam sensor): the tolerance grows by this much per metre of
  // distance from `sensor`.
  double tolerance_per_metre = 0.0;
  Vec3 sensor{0.0};
};

// Indices of the points connected to any of `seeds` (seeds included), sorted.
std::vector<uint32_t> grow_cluster(const std::vector<Vec3>& points,
                                   const std::vector<uint32_t>& seeds,
                                   const ClusterOptions& options);

// All clusters, largest first; each sorted.
std::vector<std::vector<uint32_t>> euclidean_clusters(const std::vector<Vec3>& points,
                                                      const ClusterOptions& options);

}  // namespace vantage::core
