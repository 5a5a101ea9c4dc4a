#pragma once
// nuScenes samples as mmdetection3d 1.x describes them in its info files
// (decoded to JSON: `*.mmdet3d_info.json`): six cameras with intrinsics and
// extrinsics, LIDAR_TOP as 5-value .pcd.bin, ego poses, and the 3D boxes as
// cuboids in the vehicle (ego) frame.

#include <filesystem>
#include <optional>

#include "core/model/document.h"

namespace vantage::core {

// The info JSON `path` designates: the file itself (a .json with mmdet3d's
// "metainfo" and "data_list"), or the one `*.mmdet3d_info.json` in a folder.
std::optional<std::filesystem::path> find_nuscenes_info(const std::filesystem::path& path);
bool is_nuscenes_sample(const std::filesystem::path& path);

// One frame per data_list entry. Sensor files are looked up next to the JSON
// (as given, samples/<SENSOR>/, samples/cams/, sweeps/<SENSOR>/, then anywhere
// below); files that are not found are left out of the frame (shown as
// missing). A camera's extrinsic is its pose in the ego frame at the LiDAR
// timestamp (lidar2ego * inverse(lidar2cam), which includes the ego motion
// between the camera and LiDAR captures; cam2ego only when lidar2cam is
// absent), so frames may get their own rig. Boxes: bbox_3d [x y z l w h yaw] in the LiDAR frame
// with z at the box centre and yaw counter-clockwise from LiDAR +x (mmdet3d >= 1.0) become cuboids
// in the ego frame through lidar2ego. Throws FileError naming the JSON pointer of a bad value.
Document open_nuscenes(const std::filesystem::path& path);

}  // namespace vantage::core
