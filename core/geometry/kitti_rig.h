#pragma once
// Sensors from a KITTI calibration. The vehicle frame of a KITTI document IS
// the Velodyne frame (x forward, y left, z up), so the LiDAR's extrinsic is the
// identity and every camera is placed so that projecting a Velodyne point X
// through Vantage's camera model gives exactly KITTI's
//   x = P_i * R0_rect * Tr_velo_to_cam * X.
// P_i = K_i [I | K_i^-1 p_i]: camera i is the rectified camera-0 frame shifted
// by t_i = K_i^-1 p_i (the stereo baseline), so its vehicle -> camera
// transform is T(t_i) * R0_rect * Tr_velo_to_cam and its intrinsics are K_i.

#include <string>

#include "core/model/sensor.h"

namespace vantage::core {

// Sensor names in KITTI documents (the object benchmark's folder names; the
// tracking benchmark's image_02 is the same left colour camera).
inline constexpr const char* kKittiLeftCamera = "image_2";   // P2
inline constexpr const char* kKittiRightCamera = "image_3";  // P3
inline constexpr const char* kKittiLidar = "velodyne";

// R0_rect * Tr_velo_to_cam as a 4x4: Velodyne -> rectified camera 0, the
// frame KITTI labels are written in.
Transform kitti_velo_to_rect(const KittiCalibration& calibration);

// Camera for projection matrix P_index (0..3). Throws core::Error when P's
// left 3x3 block is not an upper-triangular pinhole matrix (KITTI's always is).
Camera kitti_camera(const KittiCalibration& calibration, int p_index, const std::string& name,
                    int width, int height);

// LiDAR "velodyne" (identity, 4 floats per point), camera "image_2" (P2) and,
// when asked, "image_3" (P3), all images width x height; rig.kitti keeps the
// calibration verbatim for exports.
SensorRig make_kitti_rig(const KittiCalibration& calibration, int width, int height,
                         bool with_right_camera = false);

// A KITTI calibration for a sequence that has none (exporting native,
// OpenLABEL or nuScenes data to KITTI): the vehicle frame plays the Velodyne
// frame, the camera's reference frame plays rectified camera 0 (R0_rect = I,
// Tr_velo_to_cam = vehicle -> reference), P2 = K [I | t] with the camera's
// projection translation t (zero for most cameras, the baseline for a
// rectified stereo camera), P0, P1, P3 = [K | 0] and Tr_imu_to_velo = I.
// Projection through make_kitti_rig of the result equals the camera's own,
// except for lens distortion, which KITTI (rectified images) cannot hold.
KittiCalibration kitti_calibration_for_camera(const Camera& camera);

}  // namespace vantage::core
