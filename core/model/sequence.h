#pragma once
// A recorded sequence: ordered frames, the sensors that recorded them, and
// where each sensor's data file for a frame lives.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/sensor.h"

namespace vantage::core {

struct Frame {
  int64_t timestamp_us = 0;
  std::optional<Transform> ego_pose;  // vehicle -> world
  // Sensor name -> file path relative to the sequence folder (or absolute).
  // A sensor without an entry has no data at this frame (shown as missing).
  std::map<std::string, std::string> files;
  uint32_t rig = 0;  // index into Sequence::rigs

  bool operator==(const Frame& o) const {
    return timestamp_us == o.timestamp_us && ego_pose == o.ego_pose && files == o.files &&
           rig == o.rig;
  }
};

struct Sequence {
  std::string name;
  std::vector<SensorRig> rigs{1};  // at least one
  std::vector<Frame> frames;

  int frame_count() const { return static_cast<int>(frames.size()); }
  const SensorRig& rig(int frame) const;
  const SensorRig& default_rig() const { return rigs.front(); }
  const Camera* camera(int frame, const std::string& name) const;
  const Lidar* lidar(int frame, const std::string& name) const;
  // Names of all cameras / LiDARs over every rig, in first-seen order.
  std::vector<std::string> camera_names() const;
  std::vector<std::string> lidar_names() const;
  bool has_ego_poses() const;

  bool operator==(const Sequence& o) const {
    return name == o.name && rigs == o.rigs && frames == o.frames;
  }
};

}  // namespace vantage::core
