#pragma once
// The image box of a projected cuboid without the drawable segments: the same
// result as project_cuboid(camera, cuboid, edge_samples).box, computed
// without allocating. Interpolation projects thousands of cuboids per frame
// and needs only their bounds.

#include <optional>

#include "core/geometry/camera_model.h"
#include "core/model/shape.h"

namespace vantage::core {

struct CuboidBoxProjection {
  std::optional<Box2D> unclipped_box;  // bounds of the near-clipped projection
  std::optional<Box2D> box;            // clipped to the image; nullopt when it misses
};

// edge_samples as in project_cuboid: 0 chooses 1 without distortion, 16 with.
CuboidBoxProjection project_cuboid_box(const CameraModel& camera, const Cuboid& cuboid,
                                       int edge_samples = 0);

}  // namespace vantage::core
