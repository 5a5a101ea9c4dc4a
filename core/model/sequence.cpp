#include "core/model/sequence.h"

#include <algorithm>

namespace vantage::core {

const Camera* SensorRig::camera(const std::string& name) const {
  for (const auto& c : cameras)
    if (c.name == name) return &c;
  return nullptr;
}

const Lidar* SensorRig::lidar(const std::string& name) const {
  for (const auto& l : lidars)
    if (l.name == name) return &l;
  return nullptr;
}

const SensorRig& Sequence::rig(int frame) const {
  if (frame < 0 || frame >= frame_count()) return rigs.front();
  const uint32_t r = frames[static_cast<size_t>(frame)].rig;
  return r < rigs.size() ? rigs[r] : rigs.front();
}

const Camera* Sequence::camera(int frame, const std::string& name) const {
  return rig(frame).camera(name);
}

const Lidar* Sequence::lidar(int frame, const std::string& name) const {
  return rig(frame).lidar(name);
}

std::vector<std::string> Sequence::camera_names() const {
  std::vector<std::string> out;
  for (const auto& r : rigs)
    for (const auto& c : r.cameras)
      if (std::find(out.begin(), out.end(), c.name) == out.end()) out.push_back(c.name);
  return out;
}

std::vector<std::string> Sequence::lidar_names() const {
  std::vector<std::string> out;
  for (const auto& r : rigs)
    for (const auto& l : r.lidars)
      if (std::find(out.begin(), out.end(), l.name) == out.end()) out.push_back(l.name);
  return out;
}

bool Sequence::has_ego_poses() const {
  return std::any_of(frames.begin(), frames.end(),
                     [](const Frame& f) { return f.ego_pose.has_value(); });
}

}  // namespace vantage::core
