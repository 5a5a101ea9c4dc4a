#pragma once
// Point selections for LiDAR labelling (core, no GL): inside a cuboid, the
// ground, a height band, a screen-space lasso or box under a view-projection
// matrix, and a 3D brush (sphere). Each returns sorted point indices that
// label_points() writes into a sweep's layer; "label every point inside this
// object's cuboid" does it for each frame of its track in one command.
//
// Screen space follows ImGui: pixel (0, 0) is the top-left corner of the
// viewport, x right, y down; a clip-space point (x, y, z, w) with w > 0 lands
// at ((x/w + 1) / 2 * width, (1 - y/w) / 2 * height).

#include <cstdint>
#include <functional>
#include <vector>

#include <glm/glm.hpp>

#include "core/commands/command.h"
#include "core/geometry/ground_estimation.h"
#include "core/model/document.h"
#include "core/model/point_cloud.h"
#include "core/segmentation/segmentation_commands.h"

namespace vantage::core {

using PointIndices = std::vector<uint32_t>;

// Points (in the LiDAR frame) inside a cuboid (vehicle frame).
PointIndices select_in_cuboid(const PointCloud& cloud, const Transform& lidar_to_vehicle,
                              const Cuboid& cuboid, double margin = 0.0);
// Points the ground estimate flags (in the vehicle frame, z up).
PointIndices select_ground(const PointCloud& cloud, const Transform& lidar_to_vehicle,
                           const GroundOptions& options = {});
// Points whose height (vehicle z, or height above `ground` when given) is in
// [z_min, z_max].
PointIndices select_height_band(const PointCloud& cloud, const Transform& lidar_to_vehicle,
                                double z_min, double z_max, const GroundModel* ground = nullptr);
// Points inside a screen polygon. `points_to_clip` maps the cloud's frame to
// clip space (projection * view * model).
PointIndices select_lasso(const glm::vec4* points, size_t count, const glm::mat4& points_to_clip,
                          int viewport_w, int viewport_h, const std::vector<glm::vec2>& lasso);
// Points inside a screen rectangle (corners in any order).
PointIndices select_screen_box(const glm::vec4* points, size_t count,
                               const glm::mat4& points_to_clip, int viewport_w, int viewport_h,
                               glm::vec2 a, glm::vec2 b);
// Points within `radius` of `centre` (the cloud's frame).
PointIndices select_sphere(const glm::vec4* points, size_t count, const glm::vec3& centre,
                           float radius);
// Drops points whose current label `hide` says to (hide labelled points).
PointIndices filter_points(const PointIndices& in, const std::function<bool(uint32_t)>& keep);

// Writes `value` to the selected points (clipped to the layer). Returns how
// many changed.
size_t label_points(LayerEdit& edit, const PointIndices& points, uint16_t value,
                    const ProtectRule& keep = {});

// Reads the sweep of `lidar` at `frame` in the LiDAR's own frame; false when
// the frame has no file for it.
bool read_sweep(const Document& doc, const std::string& lidar, int frame, PointCloud& out);

// Labels every point inside the object's cuboid, in every frame of its
// cuboid track that has a sweep, as one undoable step (nullptr when nothing
// changes). `sweep(frame, cloud)` supplies the clouds (read_sweep by
// default).
using SweepReader = std::function<bool(int frame, PointCloud& cloud)>;
CommandPtr label_object_points(const Document& doc, ObjectId object, const std::string& lidar,
                               double margin = 0.0, const ProtectRule& keep = {},
                               const SweepReader& sweep = {});

}  // namespace vantage::core
