#include "core/io/frame_points.h"

#include <filesystem>

#include "core/io/point_cloud_io.h"

namespace vantage::core {

void cloud_to_vehicle(PointCloud& cloud, const Transform& lidar_to_vehicle) {
  if (lidar_to_vehicle == Transform::identity()) return;
  for (glm::vec4& p : cloud.points) {
    const Vec3 v = lidar_to_vehicle.apply({p.x, p.y, p.z});
    p = glm::vec4(static_cast<float>(v.x), static_cast<float>(v.y), static_cast<float>(v.z), p.w);
  }
}

bool read_frame_points(const Document& doc, int f, PointCloud& out, Vec3* sensor) {
  out = {};
  if (f < 0 || f >= doc.sequence.frame_count()) return false;
  const Frame& frame = doc.sequence.frames[static_cast<size_t>(f)];
  const SensorRig& rig = doc.sequence.rig(f);
  bool any = false;
  for (const Lidar& lidar : rig.lidars) {
    const auto it = frame.files.find(lidar.name);
    if (it == frame.files.end()) continue;
    std::filesystem::path file = it->second;
    if (file.is_relative()) file = doc.folder / file;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) continue;
    PointCloudReadOptions ro;
    ro.bin_values_per_point = lidar.bin_values_per_point;
    PointCloud c = read_point_cloud(file, ro);
    cloud_to_vehicle(c, lidar.lidar_to_vehicle);
    if (!any) {
      if (sensor) *sensor = lidar.lidar_to_vehicle.translation();
      out = std::move(c);
    } else {
      // Merge: keep per-point extras only when every cloud has them.
      const size_t n0 = out.points.size();
      out.points.insert(out.points.end(), c.points.begin(), c.points.end());
      if (out.ring.size() == n0 && c.ring.size() == c.points.size())
        out.ring.insert(out.ring.end(), c.ring.begin(), c.ring.end());
      else
        out.ring.clear();
      if (out.rgb.size() == n0 && c.rgb.size() == c.points.size())
        out.rgb.insert(out.rgb.end(), c.rgb.begin(), c.rgb.end());
      else
        out.rgb.clear();
      out.has_intensity = out.has_intensity && c.has_intensity;
    }
    any = true;
  }
  return any;
}

}  // namespace vantage::core
