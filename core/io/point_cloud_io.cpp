// Reader dispatch by file extension.
#include "core/io/point_cloud_io.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/util/error.h"

namespace vantage::core {

namespace {

std::string lower_extension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

}  // namespace

bool is_point_cloud_file(const std::filesystem::path& path) {
  const std::string ext = lower_extension(path);
  return ext == ".bin" || ext == ".pcd" || ext == ".ply";
}

PointCloud read_point_cloud(const std::filesystem::path& path,
                            const PointCloudReadOptions& options) {
  const std::string ext = lower_extension(path);
  if (ext == ".bin") return read_kitti_bin(path, options.bin_values_per_point);
  if (ext == ".pcd") return read_pcd(path);
  if (ext == ".ply") return read_ply(path);
  throw FileError(
      path.string(), "",
      fmt::format("unknown point cloud extension '{}' (expected .bin, .pcd or .ply)", ext));
}

}  // namespace vantage::core
