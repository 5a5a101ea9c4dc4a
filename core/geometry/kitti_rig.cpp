#include "core/geometry/kitti_rig.h"

#include <fmt/format.h>

#include "core/util/error.h"

namespace vantage::core {

Transform kitti_velo_to_rect(const KittiCalibration& c) {
  Transform r0;
  for (int r = 0; r < 3; ++r)
    for (int col = 0; col < 3; ++col)
      r0.m[col][r] = c.R0_rect[static_cast<size_t>(r * 3 + col)];
  return r0 * Transform::from_row_major_3x4(c.Tr_velo_to_cam.data());
}

Camera kitti_camera(const KittiCalibration& c, int p_index, const std::string& name, int width,
                    int height) {
  if (p_index < 0 || p_index > 3)
    throw Error(fmt::format("KITTI has no projection matrix P{}", p_index));
  const auto& p = c.P[static_cast<size_t>(p_index)];
  // Row-major 3x4: p[r * 4 + c].
  if (p[4] != 0.0 || p[8] != 0.0 || p[9] != 0.0 || p[10] != 1.0 || p[0] == 0.0 || p[5] == 0.0)
    throw Error(fmt::format(
        "P{}'s left 3x3 block is not a pinhole matrix [fx s cx; 0 fy cy; 0 0 1]", p_index));
  Camera cam;
  cam.name = name;
  cam.width = width;
  cam.height = height;
  cam.intrinsics = {p[0], p[5], p[2], p[6], p[1]};
  // t = K^-1 * p[:, 3] by back substitution.
  const double tz = p[11];
  const double ty = (p[7] - p[6] * tz) / p[5];
  const double tx = (p[3] - p[1] * ty - p[2] * tz) / p[0];
  cam.projection_translation = {tx, ty, tz};
  const Transform shift = Transform::from_rotation_translation(Mat3(1.0), Vec3{tx, ty, tz});
  cam.camera_to_vehicle = (shift * kitti_velo_to_rect(c)).inverse();
  return cam;
}

SensorRig make_kitti_rig(const KittiCalibration& c, int width, int height, bool with_right_camera) {
  SensorRig rig;
  rig.cameras.push_back(kitti_camera(c, 2, kKittiLeftCamera, width, height));
  if (with_right_camera)
    rig.cameras.push_back(kitti_camera(c, 3, kKittiRightCamera, width, height));
  Lidar lidar;
  lidar.name = kKittiLidar;
  lidar.lidar_to_vehicle = Transform::identity();
  lidar.bin_values_per_point = 4;
  rig.lidars.push_back(lidar);
  rig.kitti = c;
  return rig;
}

KittiCalibration kitti_calibration_for_camera(const Camera& camera) {
  KittiCalibration c;
  const Intrinsics& k = camera.intrinsics;
  for (auto& p : c.P)
    p = {k.fx, k.skew, k.cx, 0, 0, k.fy, k.cy, 0, 0, 0, 1, 0};
  // The camera's reference frame plays rectified camera 0, and P2 carries
  // its projection translation (a stereo baseline) as KITTI's own does.
  c.P[2] = camera.projection_matrix();
  c.R0_rect = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  camera.reference_to_vehicle().inverse().to_row_major_3x4(c.Tr_velo_to_cam.data());
  c.Tr_imu_to_velo = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};
  return c;
}

}  // namespace vantage::core
