#pragma once
// Sensors of a recording rig: cameras and LiDARs, each with its extrinsic
// calibration to the vehicle frame.
//
// Frames used throughout Vantage:
//   vehicle  - the ego vehicle's body frame at a frame's timestamp: x forward,
//              y left, z up. Cuboids are stored in this frame. For KITTI data
//              the vehicle frame is the Velodyne frame.
//   lidar    - a LiDAR's own frame; points are read in it.
//   camera   - OpenCV convention: x right, y down, z forward (optical axis),
//              origin at the optical centre.
//   camera reference - the frame a camera's 3x4 projection P = K [I | t]
//              applies to: the camera frame moved by -t. The same as the
//              camera frame unless P carries a translation, as rectified
//              stereo rigs do (KITTI's P2 holds camera 2's baseline from
//              rectified camera 0, the frame KITTI labels are written in).
//              docs/coordinate-frames.md has every sensor and format.
//   world    - fixed frame reached through the ego pose (vehicle -> world).

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/model/math.h"

namespace vantage::core {

// Pinhole intrinsics; skew is kept because some calibrations have it.
struct Intrinsics {
  double fx = 0, fy = 0, cx = 0, cy = 0, skew = 0;
  bool operator==(const Intrinsics& o) const {
    return fx == o.fx && fy == o.fy && cx == o.cx && cy == o.cy && skew == o.skew;
  }
};

// OpenCV's radial-tangential model, coefficients in OpenCV order.
struct Distortion {
  double k1 = 0, k2 = 0, p1 = 0, p2 = 0, k3 = 0;
  bool is_zero() const { return k1 == 0 && k2 == 0 && p1 == 0 && p2 == 0 && k3 == 0; }
  bool operator==(const Distortion& o) const {
    return k1 == o.k1 && k2 == o.k2 && p1 == o.p1 && p2 == o.p2 && k3 == o.k3;
  }
};

struct Camera {
  std::string name;
  int width = 0;
  int height = 0;
  Intrinsics intrinsics;
  Distortion distortion;
  // Extrinsic: the pose of the optical centre. Everything that projects,
  // casts rays or draws uses this frame (CameraModel).
  Transform camera_to_vehicle;
  // t of the projection P = K [I | t] that the camera's calibration gives
  // for points of its reference frame: the optical centre sits at -t in the
  // reference frame's axes (p_camera = p_reference + t). Non-zero only for
  // calibrations whose 3x4 matrix has a fourth column (KITTI P2/P3,
  // OpenLABEL camera_matrix_3x4 as VCD writes it). Imports and exports of
  // such formats go through reference_to_vehicle() and projection_matrix(),
  // so the baseline is never mistaken for a shift of the labels.
  Vec3 projection_translation{0.0};

  // The reference frame (camera axes, origin moved back by t).
  Transform reference_to_vehicle() const;
  // P = K [I | t], row-major 3x4: pixels (up to scale) of reference-frame
  // points, lens distortion aside.
  std::array<double, 12> projection_matrix() const;
  bool has_projection_translation() const { return projection_translation != Vec3(0.0); }

  bool operator==(const Camera& o) const {
    return name == o.name && width == o.width && height == o.height &&
           intrinsics == o.intrinsics && distortion == o.distortion &&
           camera_to_vehicle == o.camera_to_vehicle &&
           projection_translation == o.projection_translation;
  }
};

// A camera for the 3x4 projection `p` (row-major) of points in the frame
// whose pose is `reference_to_vehicle`: K from p's left 3x3 block (which must
// be upper triangular with p[10] = 1, as every pinhole calibration is), t =
// K^-1 p[:, 3], and the optical centre's pose derived from both. Throws
// core::Error when p is not of that form.
Camera camera_from_projection(const std::string& name, int width, int height, const double* p,
                              const Transform& reference_to_vehicle);

// How a LiDAR's files store points when the extension alone does not say
// (raw float32 `.bin`: KITTI has 4 values per point, nuScenes 5).
struct Lidar {
  std::string name;
  Transform lidar_to_vehicle;  // extrinsic
  int bin_values_per_point = 4;

  bool operator==(const Lidar& o) const {
    return name == o.name && lidar_to_vehicle == o.lidar_to_vehicle &&
           bin_values_per_point == o.bin_values_per_point;
  }
};

// KITTI's calibration as read from a calib file, kept verbatim so KITTI
// exports write exactly what was read and labels convert to the rectified
// camera-0 frame that KITTI's label files use.
struct KittiCalibration {
  std::array<std::array<double, 12>, 4> P{};  // P0..P3, row-major 3x4
  std::array<double, 9> R0_rect{};            // row-major 3x3
  std::array<double, 12> Tr_velo_to_cam{};    // row-major 3x4
  std::array<double, 12> Tr_imu_to_velo{};    // row-major 3x4
  bool operator==(const KittiCalibration& o) const {
    return P == o.P && R0_rect == o.R0_rect && Tr_velo_to_cam == o.Tr_velo_to_cam &&
           Tr_imu_to_velo == o.Tr_imu_to_velo;
  }
};

// One calibrated set of sensors. Most sequences have one rig; KITTI object
// folders mix drives, so each frame names the rig it was recorded with.
struct SensorRig {
  std::vector<Camera> cameras;
  std::vector<Lidar> lidars;
  std::optional<KittiCalibration> kitti;

  const Camera* camera(const std::string& name) const;
  const Lidar* lidar(const std::string& name) const;
  bool operator==(const SensorRig& o) const {
    return cameras == o.cameras && lidars == o.lidars && kitti == o.kitti;
  }
};

}  // namespace vantage::core
