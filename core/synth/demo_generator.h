#pragma once
// `vantage demo`: writes a complete native sequence folder from a seed.
//
//   OUT/sequence.json                  rig (LiDAR + cameras), frames, ego poses
//   OUT/schema.json                    the default schema
//   OUT/annotations.json               the ground truth, or with keyframes_only
//                                      the annotator's working file (keyframes)
//   OUT/ground_truth/annotations.json  the full ground truth, always
//   OUT/lidar/LIDAR_TOP/000000.bin     KITTI-style float32 x y z intensity
//   OUT/images/CAM_FRONT/000000.png    one folder per camera
//   OUT/ground_truth/seg/...           segmentation ground truth: a label PNG
//                                      per camera and frame, a .vlabel per
//                                      sweep (core/segmentation)
//
// The folder is built next to OUT and renamed into place when complete, so a
// crash never leaves a half-written demo behind. Same options, same bytes:
// no clock, no unordered iteration, frames rendered in parallel but each
// into its own files.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "core/model/point_cloud.h"
#include "core/model/sequence.h"
#include "core/synth/camera_render.h"
#include "core/synth/demo_scene.h"
#include "core/synth/lidar_sim.h"

namespace vantage::core {

struct DemoReport {
  int frames = 0;
  size_t objects = 0;
  size_t cuboids = 0;
  size_t boxes = 0;
  size_t points = 0;  // LiDAR points over all sweeps
  size_t bytes = 0;   // data files written
};

// Called from worker threads (serialised) with frames done so far.
using DemoProgress = std::function<void(int done, int total)>;

// Throws core::Error for invalid options or when OUT exists, is not empty and
// `overwrite` is false.
DemoReport generate_demo(const DemoOptions& options, const std::filesystem::path& out,
                         bool overwrite = false, const DemoProgress& progress = {});

// Building blocks, also used by tests and benchmarks.
void validate_demo_options(const DemoOptions& options);
Sequence demo_sequence(const DemoScene& scene);
std::vector<CameraRenderer> make_demo_renderers(const DemoScene& scene);

struct DemoFrame {
  PointCloud cloud;                  // LiDAR frame
  LidarTruth cloud_truth;            // what each point hit
  std::vector<CameraRender> images;  // rig camera order
};
DemoFrame render_demo_frame(const DemoScene& scene, const std::vector<CameraRenderer>& renderers,
                            int frame);

}  // namespace vantage::core
