#include "core/synth/demo_rig.h"

#include <cmath>

namespace vantage::core {

Transform camera_mount(const Vec3& position, double yaw, double pitch) {
  const Vec3 forward{std::cos(yaw) * std::cos(pitch), std::sin(yaw) * std::cos(pitch),
                     -std::sin(pitch)};
  const Vec3 right{std::sin(yaw), -std::cos(yaw), 0.0};
  const Vec3 down = glm::cross(forward, right);
  return Transform::from_rotation_translation(Mat3(right, down, forward), position);
}

SensorRig make_demo_rig(int cameras) {
  SensorRig rig;
  Camera front;
  front.name = "CAM_FRONT";
  front.width = 1242;
  front.height = 375;
  front.intrinsics = {721.5377, 721.5377, 609.5593, 172.854, 0.0};
  front.camera_to_vehicle = camera_mount({0.27, 0.0, 1.65}, 0.0, 0.0);
  rig.cameras.push_back(front);

  struct Surround {
    const char* name;
    Vec3 position;
    double yaw_deg;
  };
  static constexpr double kDeg = kPi / 180;
  const Surround surround[] = {
      {"CAM_FRONT_LEFT", {1.1, 0.55, 1.55}, 55},    {"CAM_FRONT_RIGHT", {1.1, -0.55, 1.55}, -55},
      {"CAM_BACK", {-2.0, 0.0, 1.5}, 180},          {"CAM_BACK_LEFT", {-0.4, 0.85, 1.5}, 110},
      {"CAM_BACK_RIGHT", {-0.4, -0.85, 1.5}, -110},
  };
  const int extra = cameras >= 6 ? 5 : cameras >= 3 ? 2 : 0;
  for (int i = 0; i < extra; ++i) {
    Camera c;
    c.name = surround[i].name;
    c.width = 960;
    c.height = 600;
    c.intrinsics = {520.0, 520.0, 481.3, 298.6, 0.0};
    c.distortion = {-0.28, 0.075, 0.0004, -0.0003, 0.0};
    c.camera_to_vehicle = camera_mount(surround[i].position, surround[i].yaw_deg * kDeg, 4 * kDeg);
    rig.cameras.push_back(c);
  }

  Lidar lidar;
  lidar.name = kDemoLidarName;
  lidar.lidar_to_vehicle =
      Transform::from_rotation_translation(Mat3(1.0), {0.0, 0.0, kDemoLidarHeight});
  lidar.bin_values_per_point = 4;
  rig.lidars.push_back(lidar);
  return rig;
}

LidarConfig make_demo_lidar(int beams) {
  LidarConfig c;
  c.beams = beams;
  c.azimuth_steps = 1600;
  return c;
}

}  // namespace vantage::core
