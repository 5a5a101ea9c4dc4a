#pragma once
// A LiDAR sweep in the sensor's own frame. Positions are float: sensor-relative
// coordinates stay within a few hundred metres, and x y z intensity packed in
// 16 bytes is what the GPU buffer and KITTI's .bin use, so reads and uploads
// are plain copies.

#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

namespace vantage::core {

struct PointCloud {
  std::vector<glm::vec4> points;  // x, y, z, intensity (0 when absent)
  std::vector<uint16_t> ring;     // laser ring per point; empty when absent
  std::vector<uint32_t> rgb;      // 0xRRGGBB per point; empty when absent
  bool has_intensity = false;

  size_t size() const { return points.size(); }
  bool empty() const { return points.empty(); }
  size_t bytes() const {
    return points.size() * sizeof(glm::vec4) + ring.size() * sizeof(uint16_t) +
           rgb.size() * sizeof(uint32_t);
  }
};

}  // namespace vantage::core
