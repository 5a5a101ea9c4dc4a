#pragma once
// Ground estimation for a LiDAR sweep: a surface of local planes that follows
// slopes and crests, a per-point "ground" flag, and height above ground at any
// (x, y).
//
// Why local planes grown outward: a single plane fits a flat car park, but a
// road that starts climbing 20 m ahead is off by a metre at 40 m, enough to
// cut a car's wheels off or sink its box. One plane per 8 m cell follows the
// terrain; the cells are fitted in order of distance from the sensor (where
// the returns are densest and the ground is surely ground), each starting
// from the ground its already-fitted neighbours predict. Only points within a
// band around that prediction are candidates, so a cell filled by a bus or a
// wall cannot pull its plane onto the roof; RANSAC hypotheses are drawn from
// the lowest candidates (ground is what is lowest, outliers below it aside)
// and constrained to plausible slopes; a cell whose fit jumps or tilts too
// far from the prediction, or has too few returns, keeps the prediction; the
// least-squares refinement is pulled toward the predicted slope so returns
// that cover only a strip of the cell (the rest hidden behind a car) set the
// height there but cannot tilt the plane across the hidden part. The
// surface is the bilinear blend of the cells' planes, so height above ground
// is continuous across cell borders.

#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include "core/geometry/plane_fit.h"
#include "core/model/point_cloud.h"

namespace vantage::core {

struct GroundOptions {
  double cell_size = 8.0;       // metres; local plane patches
  double max_range = 80.0;      // BEV radius covered by local planes
  double max_slope_deg = 25.0;  // steepest ground accepted
  // Largest tilt and step of a cell against its neighbours' prediction.
  double max_slope_change_deg = 5.0;
  double max_step = 0.4;         // metres, at the cell centre
  double band = 0.4;             // candidates: within this of the prediction...
  double band_per_metre = 0.08;  // ...plus this per metre from the predicting neighbours
  // Pull of the predicted slope on a cell's fit (m^2; see
  // fit_plane_least_squares): a few square metres of spread outweigh it.
  double slope_prior_weight = 20.0;
  double inlier_threshold = 0.1;  // RANSAC / refinement distance
  double ground_threshold = 0.2;  // per-point flag: |height above ground| <= this
  int min_points = 20;            // fewer candidates: keep the prediction
  int iterations = 60;
  uint32_t seed = 1;
  Vec2 sensor_xy{0.0};  // where the sweep was taken (fitting starts there)
};

// The estimated ground surface. Default: the plane z = 0.
class GroundModel {
 public:
  struct Cell {
    Plane plane;
    bool fitted = false;  // false: predicted from neighbours (no usable returns)
    uint32_t inliers = 0;
  };

  GroundModel() = default;
  explicit GroundModel(const Plane& global) : global_(global) {}
  GroundModel(const Plane& global, Vec2 origin, double cell_size, int nx, int ny,
              std::vector<Cell> cells);

  // Ground height at (x, y): the local planes blended bilinearly; the global
  // plane outside the covered area.
  double ground_z(double x, double y) const;
  // Vertical height of p above the ground (negative below).
  double height_above_ground(const Vec3& p) const { return p.z - ground_z(p.x, p.y); }
  // The plane of the cell containing (x, y) (global outside the grid).
  const Plane& plane_at(double x, double y) const;

  // The single robust plane of the whole sweep.
  const Plane& global_plane() const { return global_; }
  // Grid, for drawing and tests: cell (i, j) spans origin + cell_size * [i, i+1) x [j, j+1).
  Vec2 origin() const { return origin_; }
  double cell_size() const { return cell_size_; }
  int nx() const { return nx_; }
  int ny() const { return ny_; }
  const std::vector<Cell>& cells() const { return cells_; }

 private:
  const Cell* cell(int i, int j) const;

  Plane global_;
  Vec2 origin_{0.0};
  double cell_size_ = 1.0;
  int nx_ = 0, ny_ = 0;
  std::vector<Cell> cells_;  // row-major, j * nx + i
};

struct GroundEstimate {
  GroundModel model;
  std::vector<uint8_t> is_ground;  // per point: 1 ground, 0 not
  size_t ground_points = 0;
};

// Points in the frame the ground is wanted in, z up (for KITTI the Velodyne
// frame). Deterministic for a given seed. NaN points are never ground.
GroundEstimate estimate_ground(const glm::vec4* points, size_t count,
                               const GroundOptions& options = {});
inline GroundEstimate estimate_ground(const PointCloud& cloud, const GroundOptions& options = {}) {
  return estimate_ground(cloud.points.data(), cloud.points.size(), options);
}

}  // namespace vantage::core
