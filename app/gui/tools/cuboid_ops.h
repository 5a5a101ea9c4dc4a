#pragma once
// Cuboid placement helpers of the cuboid tool and the cuboid actions: the
// ground under the cursor, the LiDAR return under it, the class's size
// prior, footprint boxes and auto-fit.

#include <optional>
#include <string>

#include "app/gui/viewport.h"
#include "core/geometry/size_prior.h"
#include "core/model/shape.h"

namespace vantage::gui {

class Workspace;

namespace tools {

// Where the ray through `screen` meets the frame's estimated ground.
std::optional<core::Vec3> ground_point(Workspace& ws, const SceneViewport& vp, ImVec2 screen);
// The object return under the cursor (nearest the eye within 8 px, above
// the ground), else the ground point.
core::Vec3 seed_point(Workspace& ws, const SceneViewport& vp, ImVec2 screen);

// Size prior of a class: the schema's plausible range, else the built-in
// statistics, else a generic 1 m box.
core::SizePrior class_size_prior(const core::Schema& schema, const std::string& class_name);

// The cuboid a footprint drag from `a` to `b` (ground points) places: length
// |b - a| along the drag, heading a -> b, width and height from the class
// prior, bottom on the ground under the centre. nullopt for a zero drag.
std::optional<core::Cuboid> footprint_cuboid(Workspace& ws, const core::Vec3& a,
                                             const core::Vec3& b, const std::string& class_name);

// Auto-fit (core::fit_cuboid_at) from a seed on the current frame's returns
// with the class's size prior; `why` says why not.
std::optional<core::Cuboid> auto_fit_at(Workspace& ws, const core::Vec3& seed,
                                        const std::string& class_name, std::string* why);

// The cuboid with its bottom on the frame's ground under its centre.
core::Cuboid snapped_to_ground(Workspace& ws, core::Cuboid c);

}  // namespace tools
}  // namespace vantage::gui
