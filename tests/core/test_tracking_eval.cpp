// eval-interp: the harness on synthetic scenes (exact expectations) and on
// the real KITTI tracking labels.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/io/native_format.h"
#include "core/tracking/interpolation_eval.h"
#include "tests/core/tracking_test_util.h"
#include "tests/support/test_support.h"

using namespace vantage::core;
using vantage::test::shape_of;

namespace {

// A car approaching the camera, labelled on every frame 0..20 (box = its
// projection plus a constant offset), and a parked car labelled 0..10 and
// again 25..30 after leaving the view.
Document labelled_scene() {
  Document doc = vantage::test::tracking_document(31);
  const CameraModel cam(doc.sequence.rigs[0].cameras[0]);
  Object a;
  a.id = 0;
  a.class_name = "Car";
  for (int f = 0; f <= 20; ++f) {
    const Cuboid c{{50.0 - 2.0 * f, -2.0, -0.9}, {4.0, 1.7, 1.5}, 0.05 * f, 0, 0};
    a.track_or_create(kSceneSensor, ShapeKind::Cuboid).set(f, shape_of(c));
    a.track_or_create("image_2", ShapeKind::Box2D)
        .set(f, shape_of(vantage::test::offset_box(*project_cuboid(cam, c).box, 1, -1, 2, 0)));
  }
  doc.annotations.put(a);
  Object b;
  b.id = 5;
  b.class_name = "Car";
  for (int f = 0; f <= 30; ++f) {
    if (f > 10 && f < 25) continue;
    b.track_or_create("image_2", ShapeKind::Box2D)
        .set(f, shape_of(Box2D{500.0 + f, 150, 560.0 + f, 190}));
  }
  doc.annotations.put(b);
  Object dc;
  dc.id = 9;
  dc.class_name = "DontCare";
  dc.track_or_create("image_2", ShapeKind::Box2D).set(3, shape_of(Box2D{0, 0, 5, 5}));
  doc.annotations.put(dc);
  return doc;
}

}  // namespace

TEST_CASE("eval-interp keeps every K-th frame and scores the rest", "[tracking]") {
  const Document doc = labelled_scene();
  InterpolationEvalOptions opt;
  opt.every = 5;
  opt.interpolation.box = InterpolationOptions::Box::Linear;
  const auto lin = evaluate_interpolation(doc, opt);
  CHECK(lin.objects == 2);  // DontCare skipped
  // Object 0: keyframes 0,5,10,15,20 in two tracks; object 5: 0,5,10 | 25,30.
  CHECK(lin.keyframes == 10 + 5);
  CHECK(lin.outside_spans == 1);
  CHECK(lin.boxes == 16 + (8 + 4));
  CHECK(lin.cuboids == 16);
  CHECK(lin.missing == 0);
  // Linear motion in 3D: centres are exact, the yaw too.
  CHECK(lin.mean_center_error_m == Approx(0).margin(1e-9));
  CHECK(lin.mean_yaw_error_deg == Approx(0).margin(1e-9));

  opt.interpolation.box = InterpolationOptions::Box::Perspective;
  const auto persp = evaluate_interpolation(doc, opt);
  INFO("linear " << lin.mean_iou << ", perspective " << persp.mean_iou);
  CHECK(persp.mean_iou > lin.mean_iou);
  CHECK(persp.mean_iou == Approx(1.0).margin(1e-9));  // truth is projection + constant residual
  CHECK(lin.mean_iou < 0.999);
}

TEST_CASE("eval-interp rebuilds KITTI tracking sequence 0001", "[tracking][data]") {
  const auto root = vantage::test::shared_data() / "kitti_tracking" / "training";
  for (const auto& [k, linear_iou] :
       std::vector<std::pair<int, double>>{{5, 0.88}, {10, 0.74}, {20, 0.50}}) {
    const auto lin =
        vantage::test::run_vantage("eval-interp '" + root.string() + "' --sequence 0001 --every " +
                                   std::to_string(k) + " --method linear --json");
    INFO(lin.out);
    REQUIRE(lin.exit_code == 0);
    const auto jl = nlohmann::json::parse(lin.out);
    const auto per =
        vantage::test::run_vantage("eval-interp '" + root.string() + "' --sequence 0001 --every " +
                                   std::to_string(k) + " --json");
    INFO(per.out);
    REQUIRE(per.exit_code == 0);
    const auto jp = nlohmann::json::parse(per.out);
    // The reference figures for plain linear interpolation (2 decimals).
    CHECK(jl["boxes"]["mean_iou"].get<double>() == Approx(linear_iou).margin(0.005));
    CHECK(jl["missing"].get<int>() == 0);
    // Perspective-aware interpolation clearly beats them.
    CHECK(jp["boxes"]["mean_iou"].get<double>() > linear_iou + 0.05);
    CHECK(jp["interpolated"].get<int>() == jl["interpolated"].get<int>());
  }
}

TEST_CASE("vantage eval-interp runs on a native folder and reports bad paths", "[tracking]") {
  vantage::test::TempDir dir;
  Document doc = labelled_scene();
  doc.schema = default_schema();
  save_native(doc, dir.path());
  const auto r =
      vantage::test::run_vantage("eval-interp '" + dir.path().string() + "' --every 5 --json");
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["interpolated"].get<int>() == 28 + 16);
  CHECK(j["boxes"]["mean_iou"].get<double>() == Approx(1.0).margin(1e-9));
  const auto text = vantage::test::run_vantage("eval-interp '" + dir.path().string() +
                                               "' --every 5 --method linear");
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("interpolated  44 shapes (28 boxes, 16 cuboids)"));
  const auto bad =
      vantage::test::run_vantage("eval-interp '" + (dir / "missing").string() + "' --every 5");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.out, Catch::Contains("missing"));
}
