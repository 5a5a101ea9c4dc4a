#pragma once
// KITTI 3D boxes (rectified camera-0 frame) <-> Vantage cuboids (vehicle =
// Velodyne frame), exact both ways.
//
// KITTI box: location = centre of the BOTTOM face in the rectified camera-0
// frame (x right, y down, z forward); dimensions h w l; rotation_y about the
// camera's y axis, 0 = the box's length along camera +x. Box axes: length
// along (cos ry, 0, -sin ry), width along (sin ry, 0, cos ry) (the object's
// left), height up (-y).
//
// Vantage cuboid: geometric centre, size (l, w, h), R = Rz(yaw) Ry(pitch)
// Rx(roll) in the Velodyne frame.
//
// The rectified camera frame is not level with the Velodyne frame
// (R0_rect * Tr_velo_to_cam is a rotation of about half a degree away from
// the axis swap), so an upright KITTI box is slightly tilted in the vehicle
// frame: the conversion keeps the full rotation (pitch and roll are small but
// non-zero), and KITTI -> vehicle -> KITTI returns the same numbers to about
// 1e-15 relative. Orientation uses the rotation nearest to R0_rect *
// Tr_velo_to_cam (its polar factor: the calibration's 3x3 block is orthonormal
// only to ~1e-7), the centre uses the exact affine map, as points do.
//
// Vehicle -> KITTI keeps the centre exactly and the heading as rotation_y:
// KITTI boxes can only turn about the camera's y axis, so the tilt of a
// cuboid relative to that axis (its pitch and roll in the camera frame) is
// lost. rotation_y is the direction of the cuboid's length axis projected
// onto the camera's x-z plane; the bottom-face centre is taken below the
// geometric centre along camera +y, as for an upright box.

#include <array>

#include "core/model/sensor.h"
#include "core/model/shape.h"

namespace vantage::core {

// The 3D part of a KITTI label line.
struct KittiBox3D {
  double height = 0, width = 0, length = 0;
  Vec3 location{0.0};  // bottom-face centre, rectified camera 0
  double rotation_y = 0;
  bool operator==(const KittiBox3D& o) const {
    return height == o.height && width == o.width && length == o.length && location == o.location &&
           rotation_y == o.rotation_y;
  }
};

// Converts with one calibration's transforms, computed once.
class KittiBoxConverter {
 public:
  explicit KittiBoxConverter(const KittiCalibration& calibration);

  Cuboid to_cuboid(const KittiBox3D& box) const;
  // Only rotation_y survives of the cuboid's orientation (see above).
  KittiBox3D to_kitti(const Cuboid& cuboid) const;

  // The observation angle as KITTI's ground truth computes it: rotation_y
  // plus the azimuth of the box's location seen from the Velodyne, in the
  // Velodyne's ground plane: alpha = ry + atan2(y_v, x_v), (x_v, y_v, z_v) =
  // the bottom-face centre in the Velodyne frame; wrapped to (-pi, pi].
  // It reproduces every alpha of the label_02 sample files to within their
  // printing precision (1e-6); kitti_alpha() below does not (up to 0.09 rad
  // off for objects a few metres away).
  double alpha(const KittiBox3D& box) const;

  const Transform& velo_to_rect() const { return velo_to_rect_; }
  const Transform& rect_to_velo() const { return rect_to_velo_; }
  // Orthonormal rotation Velodyne -> rectified camera 0 used for orientations.
  const Mat3& rotation_velo_to_rect() const { return q_; }

 private:
  Transform velo_to_rect_;
  Transform rect_to_velo_;
  Mat3 q_{1.0};
};

// The devkit readme's textbook observation angle: rotation_y minus the
// azimuth of the ray from camera 0 to the box, alpha = rotation_y - atan2(x,
// z), wrapped to (-pi, pi]. Prefer KittiBoxConverter::alpha, which matches
// the datasets' own values; this one needs no calibration.
double kitti_alpha(double rotation_y, const Vec3& location);

// The 8 corners of a KITTI box in the rectified camera-0 frame, in the devkit's
// order (bottom face 0-3, top face 4-7).
std::array<Vec3, 8> kitti_box_corners(const KittiBox3D& box);

// Nearest rotation to a near-orthonormal matrix (polar decomposition).
Mat3 nearest_rotation(const Mat3& m);

}  // namespace vantage::core
