#pragma once
// The LiDAR returns of one frame in the vehicle frame, all LiDARs merged:
// what auto-fit, cuboid propagation and QA's point counts work on.

#include "core/model/document.h"
#include "core/model/point_cloud.h"

namespace vantage::core {

// Transforms a cloud from a LiDAR's frame into the vehicle frame in place
// (a no-op for the identity extrinsic, as in KITTI).
void cloud_to_vehicle(PointCloud& cloud, const Transform& lidar_to_vehicle);

// Reads every LiDAR file of `frame` (paths relative to doc.folder unless
// absolute) into `out` in the vehicle frame; `sensor` gets the first LiDAR's
// position (where the returns come from). False when the frame has no LiDAR
// data (no file listed, or the listed file is absent: KITTI tracking ships
// labels for every frame but LiDAR for few). Unreadable files throw
// FileError.
bool read_frame_points(const Document& doc, int frame, PointCloud& out, Vec3* sensor = nullptr);

}  // namespace vantage::core
