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

// Chooses the reader by extension (.bin, .pcd, .ply; ".pcd.bin" is raw
// float32 like .bin, with options.bin_values_per_point values).
PointCloud read_point_cloud(const std::filesystem::path& path,
                            const PointCloudReadOptions& options = {});
// Raw little-endian float32, `values_per_point` (3..64) per point: x y z, then
// intensity, then (5th value, nuScenes) the ring index; further values are
// ignored. The file size must be a multiple of the point size.
PointCloud read_kitti_bin(const std::filesystem::path& path, int values_per_point = 4);
// Fields by name (case-insensitive): x y z; intensity / reflectance / i;
// ring; rgb / rgba packed in 32 bits, or r g b / red green blue. The first
// field of a kind wins; other fields are skipped. The point count comes from
// POINTS (or WIDTH x HEIGHT), never from the file size.
PointCloud read_pcd(const std::filesystem::path& path);
// The vertex element's properties, named as for PCD. Floating-point colour
// channels are 0..1, 16-bit channels keep their high byte.
PointCloud read_ply(const std::filesystem::path& path);
// True for the extensions read_point_cloud understands.
bool is_point_cloud_file(const std::filesystem::path& path);

// Writers used by the demo generator, tests and converters.
void write_kitti_bin(const std::filesystem::path& path, const PointCloud& cloud);
// encoding: "ascii", "binary" or "binary_compressed". Writes x y z, then
// intensity (when has_intensity), ring (U2) and rgb (packed F4, as PCL) when
// present; atomically. Throws Error on a bad encoding or mismatched sizes.
void write_pcd(const std::filesystem::path& path, const PointCloud& cloud,
               const std::string& encoding = "binary");

}  // namespace vantage::core
