#pragma once
// Oriented rectangle fitting in bird's-eye view for LiDAR objects.
//
// A LiDAR sees an object from one side: its returns trace one or two faces
// (an "L"), never the far ones. The minimum-area rectangle of such points is
// wrong: for a single face it has no preferred orientation, and for an L it
// tilts to hug the diagonal. The search-based L-shape fit (Zhang et al.,
// "Efficient L-Shape Fitting for Vehicle Detection Using Laser Scanners",
// IV 2017) instead tries every orientation and scores how close the points
// lie to the rectangle's edges; its closeness criterion is robust to partial
// and noisy views and is the default. The variance criterion and the
// minimum-area rectangle are kept for comparison (fit-eval --criterion).

#include <vector>

#include "core/model/math.h"

namespace vantage::core {

enum class RectCriterion { Closeness, Variance, MinArea };

struct OrientedRect {
  Vec2 center{0.0};
  // Extent along axis (cos angle, sin angle) and along the perpendicular.
  Vec2 size{0.0};
  double angle = 0;  // [0, pi/2): the two axes are interchangeable
};

struct RectFitOptions {
  RectCriterion criterion = RectCriterion::Closeness;
  double coarse_step_deg = 1.0;  // search step, refined tenfold around the best
  double min_distance = 0.05;    // closeness: distances below this count as this (noise level)
};

// Needs at least one point; a single point gives a zero-size rectangle.
OrientedRect fit_oriented_rect(const std::vector<Vec2>& points, const RectFitOptions& options = {});

}  // namespace vantage::core
