#pragma once
// A 2D path on the ground (x, y in the world frame) parameterised by arc
// length: road centrelines, lanes, and the routes agents follow. A densely
// sampled polyline; headings are blended between vertices so agents turn
// smoothly along it.

#include <cstdint>
#include <vector>

#include "core/model/math.h"

namespace vantage::core {

class RoadPath {
 public:
  RoadPath() = default;
  explicit RoadPath(std::vector<Vec2> points);

  // Corners joined by straight lines, each interior corner i rounded with a
  // circular arc of radius radii[i] (0: sharp), arcs sampled every `step` m.
  static RoadPath with_fillets(const std::vector<Vec2>& corners, const std::vector<double>& radii,
                               double step = 0.25);

  bool empty() const { return points_.size() < 2; }
  double length() const { return arc_.empty() ? 0.0 : arc_.back(); }
  const std::vector<Vec2>& points() const { return points_; }
  const std::vector<double>& stations() const { return arc_; }  // arc length at each point

  // Position, unit tangent, heading and signed curvature (1/m, left turn
  // positive) at arc length s, clamped to the path.
  Vec2 point(double s) const;
  Vec2 tangent(double s) const;
  double heading(double s) const;
  double curvature(double s) const;
  // Largest |curvature| over [s0, s1].
  double max_curvature(double s0, double s1) const;

  struct Projection {
    double s = 0;         // arc length of the closest point
    double d = 0;         // signed lateral offset (left of the path positive)
    double distance = 0;  // |offset| to the closest point
    bool valid = false;
  };
  // Closest point on the part of the path within [s_min, s_max].
  Projection project(const Vec2& p, double s_min, double s_max) const;
  Projection project(const Vec2& p) const { return project(p, 0.0, length()); }

  // The path shifted sideways by d (left positive).
  RoadPath offset(double d) const;
  RoadPath reversed() const;
  RoadPath slice(double s0, double s1) const;
  // This path followed by `other` (its first point joined by a straight piece).
  RoadPath joined(const RoadPath& other) const;

 private:
  size_t segment_at(double s) const;
  Vec2 vertex_tangent(size_t i) const;

  std::vector<Vec2> points_;
  std::vector<double> arc_;        // cumulative length at each vertex
  std::vector<double> curvature_;  // per vertex
  std::vector<Vec2> tangents_;     // per vertex, unit
  std::vector<uint32_t> bucket_;   // first segment reaching each whole metre: O(1) lookups
};

}  // namespace vantage::core
