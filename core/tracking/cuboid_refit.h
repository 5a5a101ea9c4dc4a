#pragma once
// The LiDAR side of cuboid propagation: a CuboidFitter (propagation.h) that
// re-fits the object's cuboid to a frame's returns, starting from the pose
// carried over from the previous frame.

#include <string>

#include "core/geometry/cuboid_fit.h"
#include "core/tracking/propagation.h"

namespace vantage::core {

// Reads the frame's points (core/io/frame_points.h), estimates the ground and
// fits inside the carried-over box. The heading prior is the carried-over
// yaw, so the fit never flips front and back between frames, and the size is
// held at the starting cuboid's (a rigid object keeps its size; a partial
// view would otherwise shrink it): only centre and yaw follow the points.
// `doc` must outlive the fitter.
CuboidFitter make_lidar_refitter(const Document& doc, CuboidFitOptions options = {});

// One re-fit, for tests and tools: nullopt when the frame has no LiDAR data
// or the fit fails.
std::optional<Cuboid> refit_cuboid(const Document& doc, int frame, const Cuboid& initial,
                                   const CuboidFitOptions& options = {});

}  // namespace vantage::core
