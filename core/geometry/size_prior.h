#pragma once
// Plausible object sizes for cuboid fitting: when a LiDAR sees only one or two
// sides of an object, the hidden extent is filled in from the class's typical
// size instead of the sliver of points that happens to be visible.

#include <optional>
#include <string>

#include "core/model/math.h"
#include "core/model/schema.h"

namespace vantage::core {

struct SizePrior {
  Vec3 min{0.0};      // (l, w, h): an observed extent below this was not fully seen
  Vec3 typical{0.0};  // what a side that was not fully seen is padded to
};

// Mean sizes of common driving classes (KITTI and nuScenes statistics), by
// case-insensitive class name ("Car", "pedestrian", "Truck", ...). nullopt for
// classes without a typical size (Misc, DontCare, unknown names).
std::optional<SizePrior> default_size_prior(const std::string& class_name);

// From a schema class's plausible range: typical = the middle of the range.
SizePrior size_prior_from_range(const SizeRange& range);

}  // namespace vantage::core
