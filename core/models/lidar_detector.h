#pragma once
// builtin:lidar-objects, per sweep: a CPU 3D detector built from the auto-fit
// pieces (core/geometry).
//
//   1. Ground: local planes (ground_estimation.h).
//   2. Candidates: returns 0.2-4 m above the ground within max_range (BEV),
//      outside the ego vehicle's own footprint, thinned to one per voxel.
//   3. Clusters: Euclidean clustering with a tolerance that grows with range
//      (euclidean_cluster.h). A vehicle-high cluster too long for any one
//      vehicle (cars parked bumper to bumper) is split again with tighter
//      tolerances.
//   4. Classification by size and shape: the cluster's L-shape rectangle
//      (l_shape_fit.h) and height above ground against each class's
//      plausible range. A LiDAR sees one or two faces, so observed extents
//      are lower bounds: only the height and upper limits decide; the
//      number of returns and how much of the expected outline they cover set
//      the confidence. The best class's probability is the score, the
//      runner-up's gives the margin.
//   5. Cuboid: fit_cuboid_to_points with the class's size prior, so hidden
//      sides are padded from the visible faces away from the sensor.
//
// Tracking over frames is object_tracker.h.

#include <string>
#include <vector>

#include "core/geometry/euclidean_cluster.h"
#include "core/geometry/ground_estimation.h"
#include "core/models/detection.h"
#include "core/model/point_cloud.h"

namespace vantage::core {

struct LidarDetectorOptions {
  double max_range = 80.0;  // BEV distance from the sensor, metres
  double min_height = 0.2;  // above the ground
  double max_height = 4.6;
  double voxel = 0.1;  // thinning before clustering (0: off)
  ClusterOptions cluster{0.6, 0.012, Vec3(0.0)};
  int min_points = 5;          // fewer returns: not an object
  double min_score = 0.05;     // candidates below are dropped (the prelabel threshold is later)
  // Ego footprint (vehicle frame): returns inside are the ego's own body.
  Vec2 ego_half_extent{2.6, 1.2};
  GroundOptions ground;
};

// Feature vector layout of Detection3D::features (for the trained classifier).
enum LidarFeature : int {
  kFeatPoints = 0,   // log(1 + returns)
  kFeatRange,        // BEV distance, metres
  kFeatLength,       // observed (unpadded) rectangle, longer side
  kFeatWidth,        // shorter side
  kFeatHeight,       // top above ground
  kFeatZSpread,      // standard deviation of return heights
  kFeatTopShare,     // share of returns in the upper half of the height
  kFeatIntensity,    // mean intensity
  kFeatDensity,      // returns per square metre of rectangle, times range^2 / 100
  kFeatFill,         // share of the rectangle's outline cells with returns
  kFeatLowest,       // lowest return above ground
  kFeatClassProb,    // the size/shape class probabilities (lidar_detector_classes() order)
  kLidarFeatureCount = kFeatClassProb + 6
};

struct LidarFrameResult {
  std::vector<Detection3D> detections;  // best first
  GroundModel ground;
  size_t candidate_points = 0;
  size_t clusters = 0;
};

// `cloud` in the vehicle frame; `sensor` the LiDAR position in it.
LidarFrameResult detect_lidar_objects(const PointCloud& cloud, const Vec3& sensor,
                                      const LidarDetectorOptions& options = {});

// Refits a detection's cuboid for `class_name` (its size prior) from the
// cluster it keeps; then drops the cluster. No-op without a cluster.
void refit_detection(Detection3D& detection, const std::string& class_name);

// The classes the detector can name, and its class probabilities for a
// cluster's (observed length, width, height, returns, range): what step 4
// computes, exposed for tests.
const std::vector<std::string>& lidar_detector_classes();
std::vector<double> lidar_class_probabilities(double length, double width, double height,
                                              int points, double range);

}  // namespace vantage::core
