#pragma once
// Point cloud readers: KITTI-style raw float32 .bin (values per point
// configurable: KITTI 4, nuScenes 5), PCD v0.7 (ascii, binary,
// binary_compressed; any FIELDS/SIZE/TYPE/COUNT) and PLY (ascii, binary little
// and big endian). Bad files throw FileError naming the file and the field or
// byte offset.

#include <filesystem>
#include <string>

#include "core/model/point_cloud.h"

namespace vantage::core {

struct PointCloudReadOptions {
  // Values per point for raw .bin files (x y z intensity [ring ...]).
  int bin_values_per_point = 4;
};

// Chooses the reader by extension (.bin, .pcd, .ply).
PointCloud read_point_cloud(const std::filesystem::path& path, const PointCloudReadOptions& options = {});
PointCloud read_kitti_bin(const std::filesystem::path& path, int values_per_point = 4);
PointCloud read_pcd(const std::filesystem::path& path);
PointCloud read_ply(const std::filesystem::path& path);

// Writers used by the demo generator, tests and converters.
void write_kitti_bin(const std::filesystem::path& path, const PointCloud& cloud);
void write_pcd(const std::filesystem::path& path, const PointCloud& cloud, const std::string& encoding = "binary");

}  // namespace vantage::core
