#pragma once
// A small, exactly known document for the QA tests: one camera looking
// forward along the vehicle's x axis, cars whose 2D boxes are the projections
// of their cuboids (so box/cuboid consistency holds by construction), the
// default schema.

#include "core/geometry/camera_model.h"
#include "core/geometry/cuboid_projection.h"
#include "core/io/native_format.h"
#include "core/model/document.h"

namespace vantage::test {

inline constexpr const char* kQaCamera = "CAM_FRONT";
inline constexpr const char* kQaLidar = "LIDAR_TOP";

inline core::Camera qa_camera() {
  core::Camera c;
  c.name = kQaCamera;
  c.width = 1242;
  c.height = 375;
  c.intrinsics = {700.0, 700.0, 621.0, 187.5, 0.0};
  // camera x (right) = vehicle -y, camera y (down) = vehicle -z, camera z = vehicle x.
  core::Mat3 r(0.0);
  r[0] = core::Vec3(0, -1, 0);  // column 0: image of camera x in vehicle coordinates
  r[1] = core::Vec3(0, 0, -1);
  r[2] = core::Vec3(1, 0, 0);
  c.camera_to_vehicle = core::Transform::from_rotation_translation(r, core::Vec3(0, 0, 1.6));
  return c;
}

inline core::Document make_qa_document(int frames = 10) {
  core::Document doc;
  doc.schema = core::default_schema();
  doc.sequence.name = "qa";
  doc.sequence.rigs[0].cameras.push_back(qa_camera());
  core::Lidar l;
  l.name = kQaLidar;
  doc.sequence.rigs[0].lidars.push_back(l);
  for (int f = 0; f < frames; ++f) {
    core::Frame fr;
    fr.timestamp_us = f * 100000;
    doc.sequence.frames.push_back(fr);
  }
  return doc;
}

inline core::Cuboid qa_car_cuboid(double x, double y) {
  core::Cuboid c;
  c.center = {x, y, 0.8};
  c.size = {4.2, 1.8, 1.6};
  c.yaw = 0.1;
  return c;
}

// Adds a car with a cuboid and its projected box on frames [first, last].
inline core::Object& add_qa_car(core::Document& doc, core::ObjectId id, double x, double y,
                                int first, int last, const std::string& cls = "Car") {
  core::Object o;
  o.id = id;
  o.class_name = cls;
  const core::CameraModel cam(qa_camera());
  for (int f = first; f <= last; ++f) {
    core::Shape s;
    s.geometry = qa_car_cuboid(x, y);
    o.track_or_create(core::kSceneSensor, core::ShapeKind::Cuboid).set(f, s);
    const auto pc = core::project_cuboid(cam, qa_car_cuboid(x, y));
    if (pc.box) {
      core::Shape b;
      b.geometry = *pc.box;
      o.track_or_create(kQaCamera, core::ShapeKind::Box2D).set(f, b);
    }
  }
  return doc.annotations.put(o);
}

}  // namespace vantage::test
