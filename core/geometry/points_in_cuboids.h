#pragma once
// Which points of a sweep lie inside which cuboids, for a whole frame at once:
// colour-by-class in the 3D view (120k points x 200 cuboids per frame) and
// QA's "fewer than N points" rule.
//
// The cuboids' bird's-eye-view bounding boxes are binned into a coarse grid,
// so each point is tested only against the few cuboids whose bounds cover its
// cell; points outside every cuboid's bounds (most of a sweep) cost one
// lookup. The inside test is exactly point_in_cuboid's (double precision,
// faces inclusive), so results agree with it point for point.

#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include "core/model/math.h"
#include "core/model/point_cloud.h"
#include "core/model/shape.h"

namespace vantage::core {

struct PointsInCuboidsOptions {
  // Grows every cuboid by this much on each side (metres).
  double margin = 0.0;
  // Maps the points' frame into the cuboids' frame (e.g. the LiDAR's
  // lidar_to_vehicle); identity for KITTI, where both are the Velodyne frame.
  Transform points_to_cuboids = Transform::identity();
  // Fill PointCuboidMembership::cuboid_of_point; off when only counts are needed.
  bool per_point = true;
};

struct PointCuboidMembership {
  // Per point: index of the containing cuboid, or -1. A point inside several
  // overlapping cuboids goes to the smallest one (a rider inside a bus box
  // belongs to the rider), ties to the lower index. Empty when per_point is off.
  std::vector<int32_t> cuboid_of_point;
  // Per cuboid: how many points it contains. Overlaps count in every cuboid.
  std::vector<uint32_t> points_per_cuboid;
};

// `out` is reused between frames to avoid reallocating per call.
void points_in_cuboids(const glm::vec4* points, size_t count, const std::vector<Cuboid>& cuboids,
                       const PointsInCuboidsOptions& options, PointCuboidMembership& out);

inline PointCuboidMembership points_in_cuboids(const PointCloud& cloud,
                                               const std::vector<Cuboid>& cuboids,
                                               const PointsInCuboidsOptions& options = {}) {
  PointCuboidMembership out;
  points_in_cuboids(cloud.points.data(), cloud.points.size(), cuboids, options, out);
  return out;
}

}  // namespace vantage::core
