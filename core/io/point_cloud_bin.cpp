// Raw float32 point files: KITTI's velodyne .bin (x y z reflectance) and
// nuScenes' .pcd.bin (x y z intensity ring). Little-endian, no header.
#include <fmt/format.h>

#include <cmath>
#include <memory>

#include "core/io/point_cloud_io.h"
#include "core/io/raw_file.h"
#include "core/util/error.h"

namespace vantage::core {

PointCloud read_kitti_bin(const std::filesystem::path& path, int values_per_point) {
  if (values_per_point < 3 || values_per_point > 64)
    throw FileError(path.string(), "",
                    fmt::format("{} values per point is not supported (3 to 64: x y z [intensity "
                                "[ring ...]])",
                                values_per_point));
  RawFile file(path);
  const size_t vpp = static_cast<size_t>(values_per_point);
  const size_t point_size = vpp * sizeof(float);
  if (file.size() % point_size != 0)
    throw FileError(file.name(), fmt::format("byte {}", file.size() - file.size() % point_size),
                    fmt::format("size {} bytes is not a multiple of the point size {} ({} float32 "
                                "values per point): truncated or wrong values per point",
                                file.size(), point_size, vpp));
  const size_t n = static_cast<size_t>(file.size() / point_size);
  PointCloud cloud;
  cloud.has_intensity = vpp >= 4;
  if (vpp == 4) {
    // Same layout as PointCloud::points: read straight into it.
    cloud.points.resize(n);
    file.read_exact(0, cloud.points.data(), n * point_size, "point data");
    return cloud;
  }
  std::unique_ptr<float[]> raw(new float[n * vpp]);
  file.read_exact(0, raw.get(), n * point_size, "point data");
  cloud.points.resize(n);
  if (vpp >= 5) cloud.ring.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const float* v = raw.get() + i * vpp;
    cloud.points[i] = glm::vec4(v[0], v[1], v[2], vpp >= 4 ? v[3] : 0.0f);
    if (vpp >= 5) {
      // nuScenes stores the ring index as a float.
      const float r = v[4];
      cloud.ring[i] = r > 0 && r < 65535.5f ? static_cast<uint16_t>(std::lround(r)) : uint16_t{0};
    }
  }
  return cloud;
}

}  // namespace vantage::core
