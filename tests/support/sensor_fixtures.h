#pragma once
// Sequences with real sensor files on disk (small synthetic PNG images and
// KITTI-style .bin clouds) for the frame cache tests and IO benchmarks.

#include <filesystem>
#include <vector>

#include "core/model/sequence.h"

namespace vantage::test {

inline constexpr const char* kTestCamera = "CAM";
inline constexpr const char* kTestLidar = "LIDAR";

struct SensorSequenceOptions {
  int frames = 10;
  int points = 1000;            // per cloud
  int width = 64, height = 48;  // image size
  bool noise = false;           // random pixels (realistic PNG decode cost) instead of a gradient
  unsigned seed = 1;
};

// Writes `folder`/NNNNNN.png and NNNNNN.bin per frame (frame index encoded in
// the first pixel and the first point's x) and returns the sequence: camera
// "CAM", LiDAR "LIDAR", file paths relative to `folder`.
core::Sequence write_sensor_sequence(const std::filesystem::path& folder,
                                     const SensorSequenceOptions& options);

}  // namespace vantage::test
