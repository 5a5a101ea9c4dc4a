#pragma once
// The demo vehicle's sensors: a roof LiDAR and a KITTI-like pinhole front
// camera (1242x375, no distortion); with 3 or 6 cameras, surround cameras
// with wide lenses and OpenCV radial-tangential distortion.
//
// Vehicle frame: origin on the ground below the LiDAR, x forward, y left,
// z up, so ground-truth cuboids have their bottom at z = 0 on flat ground.

#include "core/model/sensor.h"
#include "core/synth/lidar_sim.h"

namespace vantage::core {

inline constexpr const char* kDemoLidarName = "LIDAR_TOP";
inline constexpr double kDemoLidarHeight = 1.8;  // metres above the ground

// cameras: 1, 3 or 6.
SensorRig make_demo_rig(int cameras);
// Beams: 32, 64 or 128, between +2 and -25 degrees.
LidarConfig make_demo_lidar(int beams);

// camera -> vehicle for a camera at `position` looking along `yaw` (about z,
// 0 = forward) tilted down by `pitch` (radians).
Transform camera_mount(const Vec3& position, double yaw, double pitch);

}  // namespace vantage::core
