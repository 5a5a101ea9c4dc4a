#pragma once
// Overlap of cuboids: bird's-eye-view (BEV) IoU of their yaw-rotated
// footprints and 3D IoU, both exact (convex polygon clipping in double
// precision, no sampling).
//
// Pitch and roll are ignored: the footprint is the yaw-rotated l x w
// rectangle and the vertical extent is centre.z +- h/2. This is the
// convention of the KITTI and nuScenes benchmarks, whose boxes carry yaw
// only; for the small pitch/roll of boxes on sloped roads the error is second
// order.

#include <array>

#include "core/model/shape.h"

namespace vantage::core {

// Footprint corners (counter-clockwise): front-left, rear-left, rear-right,
// front-right in the xy plane.
std::array<Vec2, 4> cuboid_footprint(const Cuboid& c);

double bev_intersection_area(const Cuboid& a, const Cuboid& b);
// Intersection over union of the footprints; 0 when either footprint is empty.
double bev_iou(const Cuboid& a, const Cuboid& b);

// Intersection volume: BEV intersection area x vertical overlap.
double intersection_volume_3d(const Cuboid& a, const Cuboid& b);
// Intersection over union of the volumes; 0 when either volume is empty.
double iou_3d(const Cuboid& a, const Cuboid& b);

}  // namespace vantage::core
