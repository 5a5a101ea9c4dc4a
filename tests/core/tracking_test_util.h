#pragma once
// Small scenes for the tracking tests: a KITTI-like front camera ("image_2",
// 1242x375, no distortion) looking along vehicle +x, frames with optional ego
// poses, and shorthands for shapes.

#include "core/geometry/cuboid_projection.h"
#include "core/model/document.h"

namespace vantage::test {

inline core::Camera kitti_like_camera() {
  core::Camera cam;
  cam.name = "image_2";
  cam.width = 1242;
  cam.height = 375;
  cam.intrinsics = {721.5377, 721.5377, 609.5593, 172.854, 0.0};
  core::Mat3 r(0.0);  // camera z = vehicle x, camera x = -vehicle y, camera y = -vehicle z
  r[2][0] = 1.0;
  r[0][1] = -1.0;
  r[1][2] = -1.0;
  cam.camera_to_vehicle = core::Transform::from_rotation_translation(r, {0.27, 0.0, -0.08});
  return cam;
}

// `frames` frames; with ego_speed != 0 every frame gets an ego pose: driving
// along world x at ego_speed m/frame while turning by ego_yaw_rate rad/frame.
inline core::Document tracking_document(int frames, double ego_speed = 0.0,
                                        double ego_yaw_rate = 0.0) {
  core::Document doc;
  doc.sequence.name = "tracking-test";
  doc.sequence.rigs[0].cameras.push_back(kitti_like_camera());
  for (int f = 0; f < frames; ++f) {
    core::Frame fr;
    fr.timestamp_us = int64_t(f) * 100'000;
    if (ego_speed != 0.0 || ego_yaw_rate != 0.0) {
      const double yaw = ego_yaw_rate * f;
      fr.ego_pose = core::Transform::from_quaternion(glm::angleAxis(yaw, core::Vec3(0, 0, 1)),
                                                     {ego_speed * f, 0.3 * f, 0.0});
    }
    doc.sequence.frames.push_back(fr);
  }
  return doc;
}

inline core::Shape shape_of(core::Geometry g, bool key = true) {
  core::Shape s;
  s.geometry = std::move(g);
  s.keyframe = key;
  return s;
}

inline core::Box2D offset_box(const core::Box2D& b, double dx1, double dy1, double dx2,
                              double dy2) {
  return {b.x1 + dx1, b.y1 + dy1, b.x2 + dx2, b.y2 + dy2};
}

}  // namespace vantage::test
