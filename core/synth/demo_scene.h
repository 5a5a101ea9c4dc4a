#pragma once
// One generated demo: the street, its agents' motion, the sensor rig, and the
// world as the sensors see it at each frame.

#include <cstdint>
#include <vector>

#include "core/model/sensor.h"
#include "core/model/shape.h"
#include "core/synth/lidar_sim.h"
#include "core/synth/street_layout.h"
#include "core/synth/traffic.h"

namespace vantage::core {

struct DemoOptions {
  int frames = 100;  // at 10 Hz
  uint64_t seed = 1;
  int cameras = 1;         // 1, 3 or 6
  int beams = 64;          // 32, 64 or 128
  int keyframes_only = 0;  // > 0: the working annotations keep every K-th frame per object
  // Exact semantic and instance masks for every camera image and labels for
  // every LiDAR point (ground_truth/seg/).
  bool segmentation = true;
};

// Objects exist (get a cuboid, are drawn and scanned) while within this
// distance of the ego vehicle: beyond the LiDAR's 120 m, so distant objects
// have cuboids without points.
constexpr double kLabelRange = 130.0;
// Scenery farther than this from the ego is not drawn (haze hides it).
constexpr double kSceneryRange = 600.0;

class DemoScene {
 public:
  explicit DemoScene(const DemoOptions& options);

  const DemoOptions& options() const { return options_; }
  const StreetLayout& layout() const { return layout_; }
  const Traffic& traffic() const { return traffic_; }
  const SensorRig& rig() const { return rig_; }
  const LidarConfig& lidar() const { return lidar_; }
  int frames() const { return options_.frames; }

  // Ego pose at a frame: vehicle -> world.
  Transform ego_pose(int frame) const;
  // Agent (index into traffic().agents, the ego excluded) exists at a frame.
  bool present(size_t agent, int frame) const;
  // The agent's box in the world frame.
  SceneBox agent_box(size_t agent, int frame) const;
  // Its cuboid in the vehicle frame.
  Cuboid agent_cuboid(size_t agent, int frame) const;
  // Everything solid at a frame: nearby scenery and the present agents.
  std::vector<SceneBox> frame_boxes(int frame) const;

 private:
  DemoOptions options_;
  StreetLayout layout_;
  Traffic traffic_;
  SensorRig rig_;
  LidarConfig lidar_;
};

}  // namespace vantage::core
