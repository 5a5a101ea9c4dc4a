#include <catch2/catch.hpp>

#include "core/model/annotations.h"
#include "core/model/math.h"
#include "core/model/summary.h"
#include "tests/support/fixtures.h"

using namespace vantage::core;

TEST_CASE("Track keeps shapes sorted by frame and replaces in place", "[model]") {
  Track t;
  Shape a;
  a.geometry = Box2D{1, 2, 3, 4};
  Shape b = a;
  b.geometry = Box2D{5, 6, 7, 8};
  t.set(10, a);
  t.set(2, b);
  t.set(5, a);
  REQUIRE(t.shapes.size() == 3);
  CHECK(t.shapes[0].frame == 2);
  CHECK(t.shapes[1].frame == 5);
  CHECK(t.shapes[2].frame == 10);
  t.set(5, b);
  REQUIRE(t.shapes.size() == 3);
  CHECK(*t.at(5)->as<Box2D>() == Box2D{5, 6, 7, 8});
  CHECK(t.at(6) == nullptr);
  CHECK(t.erase(5));
  CHECK_FALSE(t.erase(5));
  CHECK(t.first_frame() == 2);
  CHECK(t.last_frame() == 10);
}

TEST_CASE("Annotations keep objects sorted by id", "[model]") {
  Annotations a;
  for (ObjectId id : {5, 1, 9, 3}) {
    Object o;
    o.id = id;
    o.class_name = "Car";
    a.put(o);
  }
  REQUIRE(a.objects.size() == 4);
  CHECK(a.objects[0].id == 1);
  CHECK(a.objects[3].id == 9);
  CHECK(a.next_id() == 10);
  REQUIRE(a.find(3) != nullptr);
  CHECK(a.find(4) == nullptr);
  Object replacement;
  replacement.id = 3;
  replacement.class_name = "Van";
  a.put(replacement);
  CHECK(a.objects.size() == 4);
  CHECK(a.find(3)->class_name == "Van");
  CHECK(a.remove(3));
  CHECK_FALSE(a.remove(3));
}

TEST_CASE("Object frame span and outside spans", "[model]") {
  Object o;
  Shape s;
  s.geometry = Cuboid{};
  o.track_or_create(kSceneSensor, ShapeKind::Cuboid).set(4, s);
  s.geometry = Box2D{0, 0, 1, 1};
  o.track_or_create("CAM", ShapeKind::Box2D).set(2, s);
  o.track_or_create("CAM", ShapeKind::Box2D).set(9, s);
  CHECK(o.first_frame() == 2);
  CHECK(o.last_frame() == 9);
  CHECK(o.shape_count() == 3);
  o.outside.push_back({5, 7});
  CHECK(o.is_outside(6));
  CHECK_FALSE(o.is_outside(8));
}

TEST_CASE("Transform inverse, composition and row-major IO", "[model][math]") {
  const double rm[12] = {7.533745e-03, -9.999714e-01, -6.166020e-04, -4.069766e-03,
                         1.480249e-02, 7.280733e-04,  -9.998902e-01, -7.631618e-02,
                         9.998621e-01, 7.523790e-03,  1.480755e-02,  -2.717806e-01};
  const Transform t = Transform::from_row_major_3x4(rm);
  double back[12];
  t.to_row_major_3x4(back);
  for (int i = 0; i < 12; ++i) CHECK(back[i] == rm[i]);
  const Vec3 p{12.5, -3.25, 0.75};
  const Vec3 q = t.inverse().apply(t.apply(p));
  CHECK(q.x == Approx(p.x).margin(1e-12));
  CHECK(q.y == Approx(p.y).margin(1e-12));
  CHECK(q.z == Approx(p.z).margin(1e-12));
  // The rotation part maps vehicle x (forward) to camera z (forward).
  const Vec3 fwd = t.apply_direction({1, 0, 0});
  CHECK(fwd.z == Approx(0.9998621));
}

TEST_CASE("wrap_angle maps into (-pi, pi]", "[model][math]") {
  CHECK(wrap_angle(0.0) == 0.0);
  CHECK(wrap_angle(kPi) == Approx(kPi));
  CHECK(wrap_angle(-kPi) == Approx(kPi));
  CHECK(wrap_angle(3 * kPi / 2) == Approx(-kPi / 2));
  CHECK(wrap_angle(-5.0) == Approx(-5.0 + 2 * kPi));
}

TEST_CASE("Summary counts classes, kinds and keyframes", "[model]") {
  vantage::test::SyntheticOptions o;
  o.frames = 20;
  o.objects = 10;
  const Document doc = vantage::test::make_synthetic_document(o);
  const DocumentSummary s = summarize(doc);
  CHECK(s.frames == 20);
  CHECK(s.objects == 10);
  CHECK(s.objects_per_class.at("Car") == 2);
  CHECK(s.shapes_per_kind[static_cast<size_t>(ShapeKind::Cuboid)] == 200);
  CHECK(s.shapes_per_kind[static_cast<size_t>(ShapeKind::Box2D)] == 200);
  // Keyframes: frames 0 and 10 and the last frame (19) per track.
  CHECK(s.keyframes == 10 * 2 * 3);
  CHECK(s.interpolated == 400 - 60);
  CHECK(s.cameras == std::vector<std::string>{"CAM_FRONT"});
  CHECK(s.ego_poses);
}
