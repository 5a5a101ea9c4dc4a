#pragma once
// Planes in 3D and robust fitting: RANSAC with an uprightness constraint
// (ground is never steeper than a few tens of degrees) followed by a
// least-squares refinement on the inliers.

#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include "core/model/math.h"

namespace vantage::core {

// normal . p + d = 0, with |normal| = 1 and normal.z >= 0 (pointing up).
struct Plane {
  Vec3 normal{0, 0, 1};
  double d = 0;

  static Plane horizontal(double z) { return {{0, 0, 1}, -z}; }
  // Through p with the given (not necessarily unit) normal; nullopt when the
  // normal is degenerate.
  static std::optional<Plane> from_point_normal(const Vec3& p, Vec3 normal);
  static std::optional<Plane> through(const Vec3& a, const Vec3& b, const Vec3& c);

  double signed_distance(const Vec3& p) const { return glm::dot(normal, p) + d; }
  // Height of the plane at (x, y); infinite for vertical planes.
  double z_at(double x, double y) const { return -(normal.x * x + normal.y * y + d) / normal.z; }
  double slope_rad() const;  // angle between the normal and +z
};

// Least-squares z = a x + b y + c through the points (vertical residuals: the
// right error for near-horizontal ground). nullopt with fewer than 3 points
// or when they are collinear.
//
// With a prior plane and prior_weight w > 0 (m^2), the slopes are pulled
// toward the prior's (ridge regression: w is added to the points' spread
// sum x^2 and y^2 about their centroid). Points spread over a few metres
// outweigh it; a thin strip of returns along one ring, or a single line,
// cannot tilt the plane across itself.
std::optional<Plane> fit_plane_least_squares(const std::vector<Vec3>& points,
                                             const Plane* prior = nullptr,
                                             double prior_weight = 0.0);

struct PlaneRansacOptions {
  int iterations = 60;
  double inlier_threshold = 0.1;  // metres, perpendicular distance
  // Hypotheses (and the refined plane) must have their normal within
  // max_tilt_rad of `up`: +z for ground, or a predicted ground normal.
  Vec3 up{0, 0, 1};
  double max_tilt_rad = 0.44;  // about 25 degrees
  // Refinement prior (see fit_plane_least_squares).
  std::optional<Plane> prior;
  double prior_weight = 0.0;
  // Hypotheses are drawn from the first `seed_count` points (callers put the
  // most likely ground points first, e.g. the lowest); 0 = all.
  size_t seed_count = 0;
  // Inliers are counted on at most this many points (evenly strided) to
  // bound the cost; the refinement uses all of them.
  size_t max_score_points = 512;
  int refinements = 2;
};

struct PlaneFit {
  Plane plane;
  size_t inliers = 0;
};

// nullopt when no hypothesis satisfies the slope constraint.
std::optional<PlaneFit> fit_plane_ransac(const std::vector<Vec3>& points,
                                         const PlaneRansacOptions& options, std::mt19937& rng);

}  // namespace vantage::core
