#pragma once
// Cuboid auto-fit: from one seed point (a click) or a rough box, find the
// object's LiDAR returns above the ground and fit a box to them.
//
//   1. Segment: returns between min_height and max_height above the ground
//      (GroundModel) near the seed, grown from the returns nearest to it by
//      Euclidean clustering (tolerance growing with range, as rings spread).
//      With a rough box: the returns inside it (plus a margin), largest cluster.
//   2. Bird's-eye view: an oriented rectangle by L-shape fitting (see
//      l_shape_fit.h: robust to the one- or two-sided views a LiDAR gives).
//   3. Size prior (optional): a side shorter than the class minimum was not
//      fully seen; it is extended to the typical size away from the sensor
//      (the visible face stays where it was measured).
//   4. Height: bottom on the ground under the box centre, top at the highest
//      return. Pitch and roll stay 0.
//   5. Heading along the longer side. Front and back cannot be told apart
//      from the points alone: with a prior yaw (the rough box's, a previous
//      frame's) the closer of the two is taken; without one the fit faces
//      forward (|yaw| <= pi/2, the ego's direction of travel, the more
//      common case on roads), heading_ambiguous is set and `flipped` holds
//      the other choice for the user to pick.
//
// All positions (points, seed, rough box, ground) are in one frame, z up:
// the vehicle frame, or the LiDAR's own for KITTI where they coincide.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/euclidean_cluster.h"
#include "core/geometry/ground_estimation.h"
#include "core/geometry/l_shape_fit.h"
#include "core/geometry/size_prior.h"
#include "core/model/point_cloud.h"
#include "core/model/shape.h"

namespace vantage::core {

struct CuboidFitOptions {
  // Seed mode: returns within this BEV distance of the seed are candidates.
  // 0 = automatic: 4 m, or enough for the size prior's typical size.
  double search_radius = 0.0;
  // The cluster starts from the returns within this distance of the one
  // nearest to the seed (in BEV).
  double seed_radius = 0.3;
  // Rough-box mode: the box is grown by this on every side.
  double box_margin = 0.3;
  ClusterOptions cluster{0.45, 0.008, Vec3(0.0)};
  double min_height = 0.3;  // above ground; lower returns count as ground
  double max_height = 4.5;  // above ground; higher returns are trees, signs, bridges
  int min_points = 4;
  RectFitOptions rect;
  std::optional<SizePrior> size_prior;
  std::optional<double> prior_yaw;
  // Where the returns come from (the LiDAR in the points' frame): hidden
  // sides are the ones facing away from it.
  Vec3 sensor{0.0};
};

struct CuboidFit {
  Cuboid cuboid;                  // heading along the longer side (or as the prior decided)
  Cuboid flipped;                 // the same box facing the other way (yaw + pi)
  bool heading_ambiguous = true;  // no prior yaw decided front from back
  bool size_padded = false;       // the size prior extended a side not fully seen
  double ground_z = 0;            // ground height under the box centre (its bottom)
  std::vector<uint32_t> points;   // the object's returns: indices into the cloud
};

struct CuboidFitResult {
  std::optional<CuboidFit> fit;
  std::string failure;  // why there is no fit, for the user
};

CuboidFitResult fit_cuboid_at(const PointCloud& cloud, const GroundModel& ground, const Vec3& seed,
                              const CuboidFitOptions& options = {});
CuboidFitResult fit_cuboid_in(const PointCloud& cloud, const GroundModel& ground,
                              const Cuboid& rough, const CuboidFitOptions& options = {});

// Box fitting only, on already segmented returns (steps 2-5).
CuboidFit fit_cuboid_to_points(const std::vector<Vec3>& points, const GroundModel& ground,
                               const CuboidFitOptions& options);

}  // namespace vantage::core
