// write_kitti_bin: raw little-endian float32 x y z intensity, 16 bytes per
// point, the layout KITTI's velodyne .bin files use.
#include <cstdint>
#include <cstring>
#include <string>

#include "core/io/file_util.h"
#include "core/io/point_cloud_io.h"

namespace vantage::core {

void write_kitti_bin(const std::filesystem::path& path, const PointCloud& cloud) {
  std::string bytes(cloud.points.size() * 16, '\0');
  char* out = bytes.data();
  for (const glm::vec4& p : cloud.points) {
    const float v[4] = {p.x, p.y, p.z, cloud.has_intensity ? p.w : 0.0f};
    for (float f : v) {
      uint32_t u;
      std::memcpy(&u, &f, 4);
      // Little-endian whatever the host is.
      out[0] = static_cast<char>(u & 0xff);
      out[1] = static_cast<char>((u >> 8) & 0xff);
      out[2] = static_cast<char>((u >> 16) & 0xff);
      out[3] = static_cast<char>((u >> 24) & 0xff);
      out += 4;
    }
  }
  // Atomic (never a half-written sweep) but not fsynced: sweeps are bulk data
  // written by the thousand, and a crash leaves the previous file or none.
  AtomicWriteOptions options;
  options.keep_backup = false;
  options.sync = false;
  write_file_atomic(path, bytes, options);
}

}  // namespace vantage::core
