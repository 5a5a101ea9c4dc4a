#include "tests/support/fixtures.h"

#include <fmt/format.h>

#include <random>

#include "core/io/native_format.h"

namespace vantage::test {

using namespace core;

Document make_synthetic_document(const SyntheticOptions& opt) {
  Document doc;
  doc.schema = default_schema();
  Sequence& s = doc.sequence;
  s.name = "synthetic";
  Camera cam;
  cam.name = "CAM_FRONT";
  cam.width = 1242;
  cam.height = 375;
  cam.intrinsics = {721.5377, 721.5377, 609.5593, 172.854, 0.0};
  cam.distortion = {-0.01, 0.002, 0.0001, -0.0002, 0.0};
  // Camera looks along vehicle +x: camera z = vehicle x, camera x = -vehicle y, camera y = -vehicle z.
  Mat3 r(0.0);
  r[2][0] = 1.0;   // vehicle x <- camera z
  r[0][1] = -1.0;  // vehicle y <- -camera x
  r[1][2] = -1.0;  // vehicle z <- -camera y
  cam.camera_to_vehicle = Transform::from_rotation_translation(r, {1.5, 0.0, 1.6});
  s.rigs[0].cameras.push_back(cam);
  Lidar lidar;
  lidar.name = "LIDAR_TOP";
  lidar.lidar_to_vehicle = Transform::from_rotation_translation(Mat3(1.0), {0.8, 0.0, 1.9});
  s.rigs[0].lidars.push_back(lidar);
  for (int f = 0; f < opt.frames; ++f) {
    Frame fr;
    fr.timestamp_us = 1'600'000'000'000'000 + int64_t(f) * 100'000;
    fr.ego_pose = Transform::from_quaternion(glm::angleAxis(0.001 * f, Vec3(0, 0, 1)), {10.0 * f / 3.0, 0.5 * f, 0.0});
    fr.files["CAM_FRONT"] = fmt::format("images/CAM_FRONT/{:06d}.png", f);
    fr.files["LIDAR_TOP"] = fmt::format("lidar/LIDAR_TOP/{:06d}.bin", f);
    s.frames.push_back(std::move(fr));
  }

  std::mt19937 rng(opt.seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const char* classes[] = {"Car", "Pedestrian", "Cyclist", "Truck", "Van"};
  for (int i = 0; i < opt.objects; ++i) {
    Object o;
    o.id = i + 1;
    o.class_name = classes[i % 5];
    if (opt.extras && o.class_name == "Car") o.attributes["parked"] = (i % 2) == 0;
    const double x0 = 5 + 60 * u(rng), y0 = -20 + 40 * u(rng), vx = u(rng) - 0.5, vy = 0.1 * (u(rng) - 0.5);
    const double yaw0 = (u(rng) - 0.5) * 6.0;
    const Vec3 size{3.5 + u(rng), 1.6 + 0.3 * u(rng), 1.4 + 0.2 * u(rng)};
    for (int f = 0; f < opt.frames; ++f) {
      const bool key = (f % 10 == 0) || f == opt.frames - 1;
      if (opt.cuboids) {
        Shape sh;
        sh.geometry = Cuboid{{x0 + vx * f, y0 + vy * f, -0.9 + 0.01 * u(rng)}, size, wrap_angle(yaw0 + 0.01 * f), 0.0, 0.0};
        sh.keyframe = key;
        sh.source = key ? ShapeSource::Manual : ShapeSource::Interpolated;
        sh.annotator = "ann1";
        sh.created_ms = 1'700'000'000'000 + f;
        sh.modified_ms = sh.created_ms + 5;
        o.track_or_create(kSceneSensor, ShapeKind::Cuboid).shapes.push_back({f, std::move(sh)});
      }
      if (opt.boxes) {
        Shape sh;
        const double x1 = 1000 * u(rng), y1 = 150 + 100 * u(rng);
        sh.geometry = Box2D{x1, y1, x1 + 20 + 100 * u(rng), y1 + 10 + 50 * u(rng)};
        sh.keyframe = key;
        sh.occlusion = static_cast<uint8_t>(f % 3);
        sh.truncation = (f % 7) / 10.0;
        sh.annotator = "ann2";
        if (opt.extras && o.class_name == "Car") sh.attributes["activity"] = std::string("moving");
        o.track_or_create("CAM_FRONT", ShapeKind::Box2D).shapes.push_back({f, std::move(sh)});
      }
    }
    if (opt.extras && i % 5 == 1) {  // pedestrians get keypoints
      Keypoints kp;
      for (int k = 0; k < 17; ++k) kp.points.push_back({{500 + k * 1.25, 200 + k * 2.5}, static_cast<uint8_t>(k % 3)});
      Shape sh;
      sh.geometry = kp;
      o.track_or_create("CAM_FRONT", ShapeKind::Keypoints).set(0, sh);
    }
    doc.annotations.objects.push_back(std::move(o));
  }
  if (opt.extras) {
    Object lane;
    lane.id = opt.objects + 1;
    lane.class_name = "Lane_marking";
    Shape pl;
    pl.geometry = Polyline{{{100.5, 370.25}, {400.125, 250.0}, {600.0, 190.0}}};
    lane.track_or_create("CAM_FRONT", ShapeKind::Polyline).set(0, pl);
    doc.annotations.objects.push_back(lane);
    Object road;
    road.id = opt.objects + 2;
    road.class_name = "Drivable_area";
    Shape pg;
    pg.geometry = Polygon{{{0, 375}, {500, 200}, {700, 200}, {1242, 375}}, {{{600, 300}, {650, 300}, {620, 330}}}};
    pg.source = ShapeSource::Model;
    pg.score = 0.875;
    road.track_or_create("CAM_FRONT", ShapeKind::Polygon).set(1, pg);
    road.outside.push_back({3, 5});
    doc.annotations.objects.push_back(road);
    doc.annotations.frame_tags[0] = {"clear", "day", "urban"};
    doc.annotations.excluded_frames = {2};
    Review& rv = doc.annotations.review;
    rv.frames[0] = {ReviewStatus::Accepted, "rev1", 1'700'000'100'000, ""};
    rv.frames[1] = {ReviewStatus::Rejected, "rev1", 1'700'000'100'500, "boxes too loose"};
    rv.objects[1] = {ReviewStatus::Done, "ann1", 1'700'000'000'100, ""};
    rv.comments.push_back({1, 1, ObjectId(1), "CAM_FRONT", Vec2{512.5, 200.25}, "rev1", "Box misses the mirror", 1'700'000'100'600, false});
    rv.batches.push_back({"batch-1", {0, opt.frames - 1}, "ann1", "rev1"});
    doc.annotations.metadata.extra["project"] = "tests";
  }
  doc.annotations.metadata.tool = "vantage-test";
  doc.annotations.metadata.schema_version = doc.schema.version;
  doc.annotations.metadata.created_ms = 1'700'000'000'000;
  doc.annotations.metadata.modified_ms = 1'700'000'000'999;
  doc.annotations.metadata.annotators = {"ann1", "ann2"};
  return doc;
}

}  // namespace vantage::test
