#pragma once
// Planar polygon primitives in double precision: signed area and the exact
// intersection of two convex polygons (Sutherland–Hodgman). Used for
// bird's-eye-view IoU of rotated boxes, where both footprints are convex.

#include <vector>

#include "core/model/math.h"

namespace vantage::core {

// Shoelace area: positive for counter-clockwise rings, negative for clockwise.
double signed_area(const std::vector<Vec2>& ring);
inline double polygon_area(const std::vector<Vec2>& ring) {
  const double a = signed_area(ring);
  return a < 0 ? -a : a;
}

// Intersection of `subject` (any simple polygon) with the convex polygon
// `clip`. Both may be given in either orientation; the result is
// counter-clockwise and empty when they do not overlap. Exact up to
// floating-point rounding: no sampling, no float conversion.
std::vector<Vec2> clip_to_convex(const std::vector<Vec2>& subject, const std::vector<Vec2>& clip);

// Area of the intersection of two convex polygons.
double convex_intersection_area(const std::vector<Vec2>& a, const std::vector<Vec2>& b);

}  // namespace vantage::core
