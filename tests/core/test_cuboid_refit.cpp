// Cuboid propagation by re-fitting to each frame's LiDAR returns: a car
// driving past a parked sensor, simulated by ray casting, is followed frame
// by frame from one labelled keyframe.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "core/io/frame_points.h"
#include "core/io/native_format.h"
#include "core/io/point_cloud_io.h"
#include "core/tracking/cuboid_refit.h"
#include "core/tracking/interpolator.h"
#include "tests/support/synthetic_lidar.h"
#include "tests/support/test_support.h"

using namespace vantage::core;

namespace {

Cuboid car_at(int frame) {
  Cuboid c;
  c.center = {8.0 + 0.8 * frame, 4.0 + 0.1 * frame, -1.73 + 0.75};
  c.size = {4.4, 1.8, 1.5};
  c.yaw = 0.05 + 0.01 * frame;
  return c;
}

}  // namespace

TEST_CASE("Cuboid re-fit follows a moving car frame by frame", "[tracking][refit]") {
  vantage::test::TempDir dir;
  Document doc;
  doc.folder = dir.path();
  doc.schema = default_schema();
  Lidar lidar;
  lidar.name = "LIDAR";
  doc.sequence.rigs[0].lidars.push_back(lidar);
  const int frames = 6;
  for (int f = 0; f < frames; ++f) {
    vantage::test::SyntheticLidarOptions o;
    o.azimuth_steps = 1000;
    o.seed = static_cast<unsigned>(f + 1);
    o.boxes = {car_at(f)};
    const auto sweep = vantage::test::simulate_lidar(o);
    const std::string name = fmt::format("{:02d}.pcd", f);
    write_pcd(dir.path() / name, sweep.cloud, "binary");
    Frame fr;
    fr.timestamp_us = f * 100000;
    fr.files["LIDAR"] = name;
    doc.sequence.frames.push_back(fr);
  }
  PointCloud cloud;
  Vec3 sensor{1.0};
  REQUIRE(read_frame_points(doc, 0, cloud, &sensor));
  CHECK(sensor == Vec3(0.0));
  CHECK(cloud.size() > 10000);

  Object car;
  car.id = 1;
  car.class_name = "Car";
  Shape s;
  s.geometry = car_at(0);
  car.track_or_create(kSceneSensor, ShapeKind::Cuboid).set(0, s);
  doc.annotations.put(car);

  const Interpolator interp(doc.sequence);
  const auto proposals =
      propose_cuboid_refits(doc, interp, 1, 0, frames - 1, make_lidar_refitter(doc));
  REQUIRE(proposals.size() == static_cast<size_t>(frames - 1));
  for (const auto& p : proposals) {
    INFO("frame " << p.frame);
    const Cuboid& got = std::get<Cuboid>(p.shape.geometry);
    const Cuboid truth = car_at(p.frame);
    CHECK(glm::length(Vec2(got.center) - Vec2(truth.center)) < 0.2);
    CHECK(std::abs(wrap_angle(got.yaw - truth.yaw)) < 3.0 * kPi / 180.0);
    CHECK(got.size == truth.size);  // held from the keyframe
    CHECK(p.shape.source == ShapeSource::Tracker);
    CHECK_FALSE(p.shape.keyframe);
  }
  // A frame without LiDAR data ends the propagation.
  doc.sequence.frames[3].files.clear();
  const auto stopped =
      propose_cuboid_refits(doc, interp, 1, 0, frames - 1, make_lidar_refitter(doc));
  CHECK(stopped.size() == 2);
}
