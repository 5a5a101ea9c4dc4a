// Cuboid auto-fit against simulated scenes with exact ground truth (the boxes
// the rays were cast against), the L-shape fit against the minimum-area
// rectangle it replaces, and the accuracy on the real KITTI frames.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <random>

#include "core/geometry/cuboid_fit.h"
#include "core/geometry/cuboid_fit_eval.h"
#include "core/geometry/cuboid_iou.h"
#include "core/io/native_format.h"
#include "core/io/point_cloud_io.h"
#include "tests/support/kitti_frames.h"
#include "tests/support/synthetic_lidar.h"
#include "tests/support/test_support.h"

using namespace vantage::core;
using vantage::test::SyntheticLidarOptions;

namespace {

constexpr double kDeg = kPi / 180.0;

Cuboid car(double x, double y, double yaw, double ground = -1.73) {
  Cuboid c;
  c.size = {4.2, 1.8, 1.5};
  c.center = {x, y, ground + c.size.z / 2};
  c.yaw = yaw;
  return c;
}

// Yaw difference modulo pi, in [0, pi/2].
double axis_error(double a, double b) {
  const double d = std::abs(wrap_angle(a - b));
  return std::min(d, kPi - d);
}

struct Scene {
  vantage::test::SyntheticSweep sweep;
  GroundEstimate ground;
};

Scene simulate(const std::vector<Cuboid>& boxes,
               const std::function<double(double, double)>& terrain = nullptr) {
  SyntheticLidarOptions o;
  o.azimuth_steps = 2000;
  o.noise = 0.02;
  o.boxes = boxes;
  if (terrain) o.terrain = terrain;
  Scene s{vantage::test::simulate_lidar(o), {}};
  s.ground = estimate_ground(s.sweep.cloud);
  return s;
}

// Points on the two faces of a rectangle visible from the origin (an "L"),
// with noise.
std::vector<Vec2> l_shape(const Vec2& c, double l, double w, double yaw, std::mt19937& rng) {
  std::normal_distribution<double> n(0.0, 0.03);
  const Vec2 ax{std::cos(yaw), std::sin(yaw)}, ay{-std::sin(yaw), std::cos(yaw)};
  // The corner nearest the origin and its two edges.
  Vec2 best{0.0};
  double best_d = INFINITY;
  int bi = 0, bj = 0;
  for (int i : {-1, 1})
    for (int j : {-1, 1}) {
      const Vec2 k = c + ax * (i * l / 2) + ay * (j * w / 2);
      if (glm::length(k) < best_d) best_d = glm::length(k), best = k, bi = i, bj = j;
    }
  std::vector<Vec2> pts;
  for (double t = 0; t <= l; t += 0.08)
    pts.push_back(best - ax * (bi * t) + Vec2{n(rng), n(rng)});
  for (double t = 0.08; t <= w; t += 0.08)
    pts.push_back(best - ay * (bj * t) + Vec2{n(rng), n(rng)});
  return pts;
}

}  // namespace

TEST_CASE("L-shape fitting recovers orientation where the minimum-area rectangle fails",
          "[geometry][fit]") {
  std::mt19937 rng(12);
  std::uniform_real_distribution<double> yaw(-kPi, kPi), pos(8, 30), ang(-kPi, kPi);
  std::vector<double> closeness, variance, area;
  for (int i = 0; i < 200; ++i) {
    const double r = pos(rng), a = ang(rng), y = yaw(rng);
    const auto pts = l_shape({r * std::cos(a), r * std::sin(a)}, 4.4, 1.8, y, rng);
    RectFitOptions o;
    closeness.push_back(axis_error(fit_oriented_rect(pts, o).angle, y) / kDeg);
    o.criterion = RectCriterion::Variance;
    variance.push_back(axis_error(fit_oriented_rect(pts, o).angle, y) / kDeg);
    o.criterion = RectCriterion::MinArea;
    area.push_back(axis_error(fit_oriented_rect(pts, o).angle, y) / kDeg);
  }
  // Orientation is defined modulo 90 degrees for a rectangle fit.
  auto fold = [](std::vector<double>& v) {
    for (double& e : v)
      e = std::min(e, 90.0 - e);
    std::sort(v.begin(), v.end());
  };
  fold(closeness), fold(variance), fold(area);
  CHECK(closeness[100] < 1.0);  // median
  CHECK(closeness[180] < 3.0);  // 90th percentile
  CHECK(variance[100] < 1.5);
  // The minimum-area rectangle often hugs the L's diagonal instead.
  CHECK(area[180] > 10.0);
}

TEST_CASE("Oriented rectangle of a full rectangle outline is exact", "[geometry][fit]") {
  std::vector<Vec2> pts;
  const double yaw = 0.3;
  const Vec2 ax{std::cos(yaw), std::sin(yaw)}, ay{-std::sin(yaw), std::cos(yaw)}, c{10, -4};
  for (double t = -2; t <= 2; t += 0.05)
    pts.push_back(c + ax * t + ay * 0.9), pts.push_back(c + ax * t - ay * 0.9);
  for (double t = -0.9; t <= 0.9; t += 0.05)
    pts.push_back(c + ax * 2.0 + ay * t), pts.push_back(c - ax * 2.0 + ay * t);
  const OrientedRect r = fit_oriented_rect(pts);
  CHECK(r.angle == Approx(yaw).margin(0.2 * kDeg));
  CHECK(std::max(r.size.x, r.size.y) == Approx(4.0).margin(0.02));
  CHECK(std::min(r.size.x, r.size.y) == Approx(1.8).margin(0.02));
  CHECK(r.center.x == Approx(10).margin(0.02));
  CHECK(r.center.y == Approx(-4).margin(0.02));
}

TEST_CASE("Fit from a seed at simulated cars: box, height on the ground, ambiguous heading",
          "[geometry][fit]") {
  const std::vector<Cuboid> cars = {car(12, 4, 0.4), car(18, -6, -1.2), car(-15, 3, 2.6),
                                    car(25, 9, 0.05)};
  const Scene s = simulate(cars);
  CuboidFitOptions o;
  o.size_prior = default_size_prior("Car");
  for (const Cuboid& truth : cars) {
    INFO("car at " << truth.center.x << ", " << truth.center.y);
    const CuboidFitResult r = fit_cuboid_at(s.sweep.cloud, s.ground.model, truth.center, o);
    REQUIRE(r.fit);
    const CuboidFit& f = *r.fit;
    CHECK(bev_iou(f.cuboid, truth) > 0.75);
    CHECK(iou_3d(f.cuboid, truth) > 0.65);
    CHECK(axis_error(f.cuboid.yaw, truth.yaw) < 3 * kDeg);
    CHECK(f.cuboid.center.z - f.cuboid.size.z / 2 == Approx(-1.73).margin(0.05));  // on the ground
    CHECK(f.cuboid.size.z == Approx(1.5).margin(0.1));
    // Front and back are a guess: flagged, the other choice offered, and the
    // guess faces forward.
    CHECK(f.heading_ambiguous);
    CHECK(std::abs(wrap_angle(f.flipped.yaw - f.cuboid.yaw)) == Approx(kPi));
    CHECK(std::cos(f.cuboid.yaw) >= 0);
    CHECK(f.points.size() > 30);
    // The segmented points are the car's returns.
    for (uint32_t i : f.points)
      REQUIRE(s.sweep.hit[i] >= 0);
    // A seed half a metre off gives the same box.
    const auto off =
        fit_cuboid_at(s.sweep.cloud, s.ground.model, truth.center + Vec3(0.5, -0.3, 0), o);
    REQUIRE(off.fit);
    CHECK(bev_iou(off.fit->cuboid, f.cuboid) > 0.95);
  }
}

TEST_CASE("A prior yaw resolves the heading", "[geometry][fit]") {
  const Cuboid truth = car(-14, -5, 2.5);  // facing backwards-left
  const Scene s = simulate({truth});
  CuboidFitOptions o;
  o.size_prior = default_size_prior("Car");
  const auto guess = fit_cuboid_at(s.sweep.cloud, s.ground.model, truth.center, o);
  REQUIRE(guess.fit);
  CHECK(std::abs(wrap_angle(guess.fit->cuboid.yaw - truth.yaw)) >
        kPi / 2);  // forward guess: wrong way
  CHECK(std::abs(wrap_angle(guess.fit->flipped.yaw - truth.yaw)) < 3 * kDeg);
  o.prior_yaw = truth.yaw + 0.4;  // e.g. the previous frame's box
  const auto resolved = fit_cuboid_at(s.sweep.cloud, s.ground.model, truth.center, o);
  REQUIRE(resolved.fit);
  CHECK_FALSE(resolved.fit->heading_ambiguous);
  CHECK(std::abs(wrap_angle(resolved.fit->cuboid.yaw - truth.yaw)) < 3 * kDeg);
}

TEST_CASE("The size prior fills in the hidden side, away from the sensor", "[geometry][fit]") {
  // A van straight ahead, facing away and taller than the sensor: only its
  // rear face is seen, 1.9 m wide and a few centimetres deep.
  Cuboid truth;
  truth.size = {5.0, 1.9, 2.2};
  truth.center = {22, 0.3, -1.73 + 1.1};
  const Scene s = simulate({truth});
  CuboidFitOptions o;
  const auto bare = fit_cuboid_at(s.sweep.cloud, s.ground.model, truth.center, o);
  REQUIRE(bare.fit);
  CHECK(bare.fit->cuboid.size.x < 2.0);  // the points alone: the face, as if it were the length
  CHECK_FALSE(bare.fit->size_padded);
  o.size_prior = default_size_prior("Van");
  const auto padded = fit_cuboid_at(s.sweep.cloud, s.ground.model, truth.center, o);
  REQUIRE(padded.fit);
  const Cuboid& f = padded.fit->cuboid;
  CHECK(padded.fit->size_padded);
  CHECK(axis_error(f.yaw, truth.yaw) < 3 * kDeg);  // the prior says the face is the width
  CHECK(f.size.x == Approx(5.08).margin(0.01));
  CHECK(f.size.y == Approx(1.9).margin(0.1));
  // The rear face stays where it was measured; the box grows away from the sensor.
  CHECK(f.center.x - f.size.x / 2 == Approx(truth.center.x - truth.size.x / 2).margin(0.1));
  CHECK(bev_iou(f, truth) > 0.85);
  CHECK(bev_iou(bare.fit->cuboid, truth) < 0.3);
}

TEST_CASE("Fit inside a rough box takes its heading; neighbours stay out", "[geometry][fit]") {
  // Two cars side by side, 0.8 m apart.
  const Cuboid a = car(14, 3.0, 0.1), b = car(14.2, 5.6, 0.1);
  const Scene s = simulate({a, b});
  CuboidFitOptions o;
  o.size_prior = default_size_prior("Car");
  const auto seeded = fit_cuboid_at(s.sweep.cloud, s.ground.model, a.center, o);
  REQUIRE(seeded.fit);
  CHECK(bev_iou(seeded.fit->cuboid, a) > 0.7);
  CHECK(bev_iou(seeded.fit->cuboid, b) < 0.05);
  // A sloppy box: 0.6 m off, 15 degrees off, facing backwards, too big.
  Cuboid rough = a;
  rough.center += Vec3(0.6, -0.3, 0.4);
  rough.yaw = a.yaw + kPi + 15 * kDeg;
  rough.size = {5.5, 2.0, 2.0};
  const auto boxed = fit_cuboid_in(s.sweep.cloud, s.ground.model, rough, o);
  REQUIRE(boxed.fit);
  CHECK_FALSE(boxed.fit->heading_ambiguous);
  CHECK(std::abs(wrap_angle(boxed.fit->cuboid.yaw - (a.yaw + kPi))) <
        3 * kDeg);  // the rough box's way round
  CHECK(bev_iou(boxed.fit->cuboid, a) > 0.7);
}

TEST_CASE("Fit on a slope puts the bottom on the sloped ground", "[geometry][fit]") {
  auto terrain = [](double x, double) { return -1.73 + (x > 8 ? 0.08 * (x - 8) : 0.0); };
  const Cuboid truth = car(20, -3, 0.2, terrain(20, -3));
  const Scene s = simulate({truth}, terrain);
  CuboidFitOptions o;
  o.size_prior = default_size_prior("Car");
  const auto r = fit_cuboid_at(s.sweep.cloud, s.ground.model, truth.center, o);
  REQUIRE(r.fit);
  const Cuboid& f = r.fit->cuboid;
  CHECK(f.center.z - f.size.z / 2 == Approx(terrain(f.center.x, f.center.y)).margin(0.1));
  CHECK(iou_3d(f, truth) > 0.6);
}

TEST_CASE("Fit failures say why", "[geometry][fit]") {
  const Scene s = simulate({car(12, 4, 0.4)});
  const auto r = fit_cuboid_at(s.sweep.cloud, s.ground.model, {-20, -20, 0});
  CHECK_FALSE(r.fit);
  CHECK_THAT(r.failure, Catch::Contains("no returns above the ground"));
  Cuboid empty_region = car(-20, -20, 0);
  const auto b = fit_cuboid_in(s.sweep.cloud, s.ground.model, empty_region);
  CHECK_FALSE(b.fit);
  CHECK_THAT(b.failure, Catch::Contains("inside the box"));
  CHECK_FALSE(fit_cuboid_at(PointCloud{}, GroundModel{}, {0, 0, 0}).fit);
}

TEST_CASE("Size priors by class name", "[geometry][fit]") {
  REQUIRE(default_size_prior("car"));
  CHECK(default_size_prior("Car")->typical.x == Approx(3.88));
  CHECK(default_size_prior("PEDESTRIAN")->typical.z == Approx(1.76));
  CHECK_FALSE(default_size_prior("Misc"));
  CHECK_FALSE(default_size_prior("DontCare"));
  const SizePrior p = size_prior_from_range({{2, 1, 1}, {6, 3, 2}});
  CHECK(p.typical == Vec3(4, 2, 1.5));
  CHECK(p.min == Vec3(2, 1, 1));
}

TEST_CASE("Fit evaluation statistics", "[geometry][fit]") {
  FitEvalSample a, b, c;
  a.fitted = b.fitted = true;
  a.centre_error = 0.2, b.centre_error = 0.6;
  a.yaw_error = 2 * kDeg, b.yaw_error = 10 * kDeg;
  a.bev_iou = 0.8, b.bev_iou = 0.6;
  a.iou_3d = 0.7, b.iou_3d = 0.4;
  b.flip_needed = true;
  c.fitted = false;  // counts as IoU 0
  const FitEvalStats st = summarize_fit_samples({&a, &b, &c});
  CHECK(st.samples == 3);
  CHECK(st.fitted == 2);
  CHECK(st.mean_centre_error == Approx(0.4));
  CHECK(st.median_centre_error == Approx(0.4));
  CHECK(st.mean_yaw_error_deg == Approx(6.0));
  CHECK(st.flip_rate == Approx(0.5));
  CHECK(st.mean_bev_iou == Approx(1.4 / 3));
  CHECK(st.mean_iou_3d == Approx(1.1 / 3));
  CHECK(st.bev_iou_over_05 == Approx(2.0 / 3));
  CHECK(st.bev_iou_over_07 == Approx(1.0 / 3));
}

TEST_CASE("Fit evaluation on simulated cars", "[geometry][fit]") {
  const std::vector<Cuboid> cars = {car(12, 4, 0.4), car(18, -6, -1.2), car(-15, 3, 2.6)};
  const Scene s = simulate(cars);
  FitEvaluator ev;
  std::vector<FitEvalObject> objs;
  for (size_t i = 0; i < cars.size(); ++i)
    objs.push_back({"f0", static_cast<int64_t>(i), "Car", cars[i]});
  ev.add_frame("f0", s.sweep.cloud, objs, Vec3(0.0));
  const FitEvalReport r = ev.report();
  CHECK(r.frames == 1);
  CHECK(r.objects == 3);
  CHECK(r.samples.size() == 18);  // centre, 4 offsets and centre with a prior yaw, each
  const FitEvalStats& centre = r.stats.at("centre").at("");
  CHECK(centre.samples == 3);
  CHECK(centre.fitted == 3);
  CHECK(centre.mean_bev_iou > 0.75);
  CHECK(centre.mean_yaw_error_deg < 3.0);
  CHECK(centre.flip_rate == Approx(1.0 / 3));  // the car facing backwards
  CHECK(r.stats.at("offset").at("Car").samples == 12);
  // A prior yaw 30 degrees off resolves the heading of the backward car.
  const FitEvalStats& prior = r.stats.at("prior").at("");
  CHECK(prior.flip_rate == 0.0);
  CHECK(prior.mean_yaw_error_deg < 3.0);
}

TEST_CASE("Fit accuracy on the real KITTI frames", "[geometry][fit][data]") {
  FitEvaluator ev;
  for (const auto& f : vantage::test::load_kitti_frames(vantage::test::shared_data())) {
    std::vector<FitEvalObject> objs;
    for (size_t i = 0; i < f.objects.size(); ++i)
      objs.push_back({f.name, static_cast<int64_t>(i), f.objects[i].type, f.objects[i].box});
    ev.add_frame(f.name, f.cloud, objs, Vec3(0.0));
  }
  const FitEvalReport r = ev.report();
  CHECK(r.objects == 9);
  CHECK(r.too_few_points == 1);  // the car 60 m away with a handful of returns
  const FitEvalStats& all = r.stats.at("centre").at("");
  CHECK(all.fitted == all.samples);
  CHECK(all.mean_bev_iou > 0.5);
  CHECK(all.median_centre_error < 0.4);
  // The van of tracking 0000 frame 0, 13 m away and well seen.
  const FitEvalStats& van = r.stats.at("centre").at("Van");
  CHECK(van.mean_bev_iou > 0.8);
  CHECK(van.mean_yaw_error_deg < 5.0);
  CHECK(r.stats.at("offset").at("").fitted == r.stats.at("offset").at("").samples);
}

TEST_CASE("vantage fit-eval on a native sequence with a mounted LiDAR", "[geometry][fit][cli]") {
  // Cars simulated in the LiDAR frame (1.73 m above the road, 0.8 m ahead of
  // the vehicle origin); labels in the vehicle frame.
  const Vec3 mount{0.8, 0.0, 1.73};
  const std::vector<Cuboid> cars = {car(12, 4, 0.4), car(18, -6, -1.2), car(-15, 3, 2.6)};
  const Scene s = simulate(cars);
  vantage::test::TempDir dir;
  Document doc;
  doc.schema = default_schema();
  Lidar lidar;
  lidar.name = "LIDAR_TOP";
  lidar.lidar_to_vehicle = Transform::from_rotation_translation(Mat3(1.0), mount);
  doc.sequence.rigs[0].lidars.push_back(lidar);
  Frame fr;
  fr.files["LIDAR_TOP"] = "lidar/000000.pcd";
  doc.sequence.frames.push_back(fr);
  std::filesystem::create_directories(dir / "lidar");
  write_pcd(dir / "lidar" / "000000.pcd", s.sweep.cloud);
  for (size_t i = 0; i < cars.size(); ++i) {
    Object o;
    o.id = static_cast<ObjectId>(i + 1);
    o.class_name = "Car";
    Shape sh;
    Cuboid c = cars[i];
    c.center += mount;
    sh.geometry = c;
    o.track_or_create(kSceneSensor, ShapeKind::Cuboid).set(0, sh);
    doc.annotations.put(o);
  }
  save_native(doc, dir.path());

  const auto r =
      vantage::test::run_vantage("fit-eval " + dir.path().string() + " --json --samples");
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["frames"] == 1);
  CHECK(j["objects"] == 3);
  CHECK(j["scored_objects"] == 3);
  CHECK(j["seeds"]["centre"]["all"]["fitted"] == 3);
  CHECK(j["seeds"]["centre"]["all"]["mean_bev_iou"].get<double>() > 0.75);
  CHECK(j["seeds"]["offset"]["classes"]["Car"]["samples"] == 12);
  CHECK(j["samples"].size() == 18);
  const auto text =
      vantage::test::run_vantage("fit-eval " + dir.path().string() + " --no-prior --offset 0");
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("Seed at the labelled centre") && Catch::Contains("Car"));
  CHECK_THAT(text.out, !Catch::Contains("off the centre"));
  CHECK(vantage::test::run_vantage("fit-eval " + (dir / "missing").string()).exit_code == 2);
}

TEST_CASE("vantage fit-eval on the nuScenes sample", "[geometry][fit][cli][data]") {
  const auto r = vantage::test::run_vantage(
      "fit-eval " + (vantage::test::shared_data() / "nuscenes_sample").string() + " --json");
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["objects"] == 69);
  CHECK(j["scored_objects"].get<int>() >= 10);
  const auto& all = j["seeds"]["centre"]["all"];
  CHECK(all["fitted"] == all["samples"]);
  // The truck and the cars are fitted well; barriers face the road (their
  // heading is across their long side) and the prior knows it.
  CHECK(j["seeds"]["centre"]["classes"]["Car"]["mean_bev_iou"].get<double>() > 0.6);
  CHECK(j["seeds"]["centre"]["classes"]["Barrier"]["median_yaw_error_deg"].get<double>() < 10.0);
}

TEST_CASE("vantage fit-eval on the KITTI object and tracking folders",
          "[geometry][fit][cli][data]") {
  const auto data = vantage::test::shared_data();
  const auto obj =
      vantage::test::run_vantage("fit-eval " + (data / "kitti_object").string() + " --json");
  REQUIRE(obj.exit_code == 0);
  const auto jo = nlohmann::json::parse(obj.out);
  CHECK(jo["frames"] == 3);
  CHECK(jo["objects"] == 6);  // DontCare rows are not objects
  CHECK(jo["scored_objects"] == 5);
  CHECK(jo["seeds"]["centre"]["all"]["fitted"] == 5);
  CHECK(jo["seeds"]["centre"]["classes"]["Truck"]["mean_bev_iou"].get<double>() > 0.6);
  const auto tr = vantage::test::run_vantage(
      "fit-eval " + (data / "kitti_tracking" / "training").string() + " --sequence 0000 --json");
  REQUIRE(tr.exit_code == 0);
  const auto jt = nlohmann::json::parse(tr.out);
  CHECK(jt["frames"] == 1);  // only frame 0 has a scan
  CHECK(jt["frames_with_cuboids_but_no_lidar"] == 153);
  CHECK(jt["seeds"]["centre"]["classes"]["Van"]["mean_bev_iou"].get<double>() > 0.8);
}
