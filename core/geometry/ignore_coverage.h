#pragma once
// How much of a detection lies inside ignore regions, and the KITTI devkit's
// rule built on it: a detection is ignored (neither a true nor a false
// positive) when more than half of its box lies inside one ignore region of
// its camera. evaluate_object.cpp assigns a detection to a DontCare region
// when the intersection over the *detection's* area exceeds 0.5; COCO's
// crowd rule is the same quantity (IoU with a crowd region uses the
// detection's area as the union).

#include <string>
#include <vector>

#include "core/model/ignore_region.h"

namespace vantage::core {

// Share of `box`'s area inside `region` (0..1): exact for boxes and polygons
// (with holes), per pixel for masks. 0 for an empty box.
double ignore_coverage(const IgnoreRegion& region, const Box2D& box);

inline constexpr double kIgnoreCoverage = 0.5;

// Whether `box` in camera `sensor` is ignored by one of `regions`: coverage
// strictly above `min_coverage`.
bool ignored_by_regions(const std::vector<IgnoreRegion>& regions, const std::string& sensor,
                        const Box2D& box, double min_coverage = kIgnoreCoverage);

}  // namespace vantage::core
