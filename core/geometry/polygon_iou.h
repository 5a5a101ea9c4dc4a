#pragma once
// Exact overlap of two image polygons, convex or not, with holes: used by QA
// to compare annotations (consensus, gold checks).
//
// The intersection area comes from Green's theorem: the boundary of A ∩ B is
// the part of A's boundary inside B plus the part of B's boundary inside A, so
// its area is the sum of the shoelace terms of those edge pieces. Each edge is
// split where it meets the other polygon's edges; a piece counts when its
// midpoint is inside the other polygon. Edges that coincide count once when
// both regions lie on the same side (identical polygons give IoU 1) and not at
// all when they lie on opposite sides (neighbours sharing a border give 0).
// O(n m) for n and m vertices: fine for annotation polygons.
//
// Rings must be simple (not self-intersecting), holes inside the outer ring;
// either orientation is accepted.

#include "core/model/shape.h"

namespace vantage::core {

// Outer area minus the holes' areas.
double polygon_area(const Polygon& p);
double polygon_intersection_area(const Polygon& a, const Polygon& b);
// 0 when either polygon is empty.
double polygon_iou(const Polygon& a, const Polygon& b);

}  // namespace vantage::core
