// Keyframe interpolation: exactness on anchors, per-kind blending rules,
// yaw wrap, world-frame cuboids, perspective-aware boxes, spans.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "core/geometry/cuboid_box.h"
#include "core/geometry/cuboid_geometry.h"
#include "core/tracking/bake.h"
#include "core/tracking/cuboid_transform.h"
#include "core/tracking/interpolator.h"
#include "core/tracking/shape_blend.h"
#include "tests/core/tracking_test_util.h"

using namespace vantage::core;
using vantage::test::shape_of;
using vantage::test::tracking_document;

namespace {

Object object_with(ObjectId id, const std::string& sensor, ShapeKind kind,
                   std::vector<FrameShape> shapes) {
  Object o;
  o.id = id;
  o.class_name = "Car";
  o.tracks.push_back(Track{sensor, kind, std::move(shapes)});
  return o;
}

const Box2D& box_of(const std::optional<Shape>& s) {
  return std::get<Box2D>(s->geometry);
}
const Cuboid& cuboid_of(const std::optional<Shape>& s) {
  return std::get<Cuboid>(s->geometry);
}

}  // namespace

TEST_CASE("Anchors are returned bit for bit, in-betweens are marked interpolated", "[tracking]") {
  const Document doc = tracking_document(20);
  const Interpolator interp(doc.sequence);
  Shape a = shape_of(Box2D{10.1, 20.2, 110.3, 70.7});
  a.annotator = "ann";
  a.occlusion = 1;
  a.modified_ms = 1234;
  Shape b = shape_of(Box2D{30.9, 22.2, 150.3, 90.1});
  const Object o = object_with(1, "image_2", ShapeKind::Box2D, {{2, a}, {12, b}});
  const Track& t = o.tracks[0];

  CHECK(*interp.evaluate(o, t, 2) == a);
  CHECK(*interp.evaluate(o, t, 12) == b);
  const auto mid = interp.evaluate(o, t, 7);
  REQUIRE(mid);
  CHECK(mid->source == ShapeSource::Interpolated);
  CHECK_FALSE(mid->keyframe);
  CHECK(mid->score < 0);
  // Not before the first or after the last anchor.
  CHECK_FALSE(interp.evaluate(o, t, 1));
  CHECK_FALSE(interp.evaluate(o, t, 13));
}

TEST_CASE("Boxes, polygons, polylines and keypoints move linearly", "[tracking]") {
  const Document doc = tracking_document(20);
  InterpolationOptions opt;
  opt.box = InterpolationOptions::Box::Linear;
  const Interpolator interp(doc.sequence, opt);

  const Object boxes =
      object_with(1, "image_2", ShapeKind::Box2D,
                  {{0, shape_of(Box2D{0, 0, 10, 20})}, {10, shape_of(Box2D{100, 50, 130, 90})}});
  const Box2D b3 = box_of(interp.evaluate(boxes, boxes.tracks[0], 3));
  CHECK(b3.x1 == Approx(30));
  CHECK(b3.y1 == Approx(15));
  CHECK(b3.x2 == Approx(46));
  CHECK(b3.y2 == Approx(41));

  Polygon pa{{{0, 0}, {10, 0}, {10, 10}}, {{{2, 2}, {3, 2}, {3, 3}}}};
  Polygon pb{{{10, 0}, {30, 0}, {30, 20}}, {{{4, 4}, {7, 4}, {7, 7}}}};
  const Object poly =
      object_with(2, "image_2", ShapeKind::Polygon, {{0, shape_of(pa)}, {4, shape_of(pb)}});
  const auto p = std::get<Polygon>(interp.evaluate(poly, poly.tracks[0], 1)->geometry);
  REQUIRE(p.points.size() == 3);
  CHECK(p.points[1].x == Approx(15));
  CHECK(p.points[2].y == Approx(12.5));
  CHECK(p.holes[0][1].x == Approx(4));

  const Object line = object_with(
      3, "image_2", ShapeKind::Polyline,
      {{0, shape_of(Polyline{{{0, 0}, {8, 8}}})}, {2, shape_of(Polyline{{{2, 4}, {8, 0}}})}});
  const auto l = std::get<Polyline>(interp.evaluate(line, line.tracks[0], 1)->geometry);
  CHECK(l.points[0] == Vec2(1, 2));
  CHECK(l.points[1] == Vec2(8, 4));

  // Keypoints: a point unlabelled at either end keeps the first position.
  Keypoints ka{{{{0, 0}, 2}, {{5, 5}, 0}}};
  Keypoints kb{{{{10, 20}, 1}, {{50, 50}, 2}}};
  const Object kp =
      object_with(4, "image_2", ShapeKind::Keypoints, {{0, shape_of(ka)}, {10, shape_of(kb)}});
  const auto k = std::get<Keypoints>(interp.evaluate(kp, kp.tracks[0], 5)->geometry);
  CHECK(k.points[0].position == Vec2(5, 10));
  CHECK(k.points[0].visibility == 2);  // steps
  CHECK(k.points[1].position == Vec2(5, 5));
}

TEST_CASE("Vertex count mismatch holds the previous anchor's outline", "[tracking]") {
  const Document doc = tracking_document(10);
  const Interpolator interp(doc.sequence);
  const Polygon tri{{{0, 0}, {10, 0}, {10, 10}}, {}};
  const Polygon quad{{{0, 0}, {20, 0}, {20, 20}, {0, 20}}, {}};
  const Object o =
      object_with(1, "image_2", ShapeKind::Polygon, {{0, shape_of(tri)}, {6, shape_of(quad)}});
  for (int f = 1; f < 6; ++f)
    CHECK(std::get<Polygon>(interp.evaluate(o, o.tracks[0], f)->geometry) == tri);
  CHECK(std::get<Polygon>(interp.evaluate(o, o.tracks[0], 6)->geometry) == quad);
  // Hole count mismatch too.
  const Polygon holed{{{0, 0}, {10, 0}, {10, 10}}, {{{2, 2}, {3, 2}, {3, 3}}}};
  const Object h =
      object_with(2, "image_2", ShapeKind::Polygon, {{0, shape_of(tri)}, {4, shape_of(holed)}});
  CHECK(std::get<Polygon>(interp.evaluate(h, h.tracks[0], 2)->geometry) == tri);
}

TEST_CASE("Yaw follows the shortest arc across +-pi", "[tracking]") {
  CHECK(lerp_angle(3.1, -3.1, 0.5) == Approx(kPi));
  CHECK(std::abs(lerp_angle(-3.1, 3.1, 0.5)) == Approx(kPi));
  CHECK(lerp_angle(0.2, -0.2, 0.5) == Approx(0.0).margin(1e-15));

  const Document doc = tracking_document(11);
  const Interpolator interp(doc.sequence);
  Cuboid a{{10, 0, 0}, {4, 2, 1.5}, 3.1, 0, 0};
  Cuboid b = a;
  b.yaw = -3.1;
  const Object o =
      object_with(1, kSceneSensor, ShapeKind::Cuboid, {{0, shape_of(a)}, {10, shape_of(b)}});
  double prev = 3.1;
  for (int f = 1; f < 10; ++f) {
    const double yaw = cuboid_of(interp.evaluate(o, o.tracks[0], f)).yaw;
    CHECK(std::abs(yaw) > 3.1);  // never through 0
    // Monotonic progress: 2 * (pi - 3.1) / 10 per frame, unwrapped.
    CHECK(wrap_angle(yaw - prev) == Approx(2 * (kPi - 3.1) / 10).epsilon(1e-9));
    prev = yaw;
  }
  CHECK(cuboid_of(interp.evaluate(o, o.tracks[0], 5)).yaw == Approx(kPi));
}

TEST_CASE("Cuboid size is held when equal, blended when it differs", "[tracking]") {
  const Document doc = tracking_document(11);
  const Interpolator interp(doc.sequence);
  Cuboid a{{10, 0, 0}, {4.1, 1.7, 1.53}, 0.3, 0, 0};
  Cuboid b{{20, 3, 0}, {4.1, 1.7, 1.53}, 0.5, 0, 0};
  const Object held =
      object_with(1, kSceneSensor, ShapeKind::Cuboid, {{0, shape_of(a)}, {10, shape_of(b)}});
  for (int f = 1; f < 10; ++f)
    CHECK(cuboid_of(interp.evaluate(held, held.tracks[0], f)).size == a.size);
  const Cuboid m = cuboid_of(interp.evaluate(held, held.tracks[0], 4));
  CHECK(m.center.x == Approx(14));
  CHECK(m.center.y == Approx(1.2));
  CHECK(m.yaw == Approx(0.38));
  b.size = {5.1, 1.7, 2.53};
  const Object grown =
      object_with(2, kSceneSensor, ShapeKind::Cuboid, {{0, shape_of(a)}, {10, shape_of(b)}});
  const Cuboid g = cuboid_of(interp.evaluate(grown, grown.tracks[0], 5));
  CHECK(g.size.x == Approx(4.6));
  CHECK(g.size.y == 1.7);
  CHECK(g.size.z == Approx(2.03));
}

TEST_CASE("A parked car stays put in the world while the ego vehicle drives and turns",
          "[tracking]") {
  // Ego drives 1.5 m/frame and turns 0.03 rad/frame; the car is parked.
  const Document doc = tracking_document(21, 1.5, 0.03);
  const Vec3 world_center{25.0, 6.0, 0.8};
  const double world_yaw = 0.4;
  auto at_frame = [&](int f) {
    const Transform& pose = *doc.sequence.frames[static_cast<size_t>(f)].ego_pose;
    Cuboid w{world_center, {4.2, 1.8, 1.5}, world_yaw, 0, 0};
    return transform_cuboid(pose.inverse(), w);
  };
  const Object o = object_with(1, kSceneSensor, ShapeKind::Cuboid,
                               {{0, shape_of(at_frame(0))}, {20, shape_of(at_frame(20))}});
  const Interpolator world(doc.sequence);
  for (int f = 1; f < 20; ++f) {
    const Cuboid c = cuboid_of(world.evaluate(o, o.tracks[0], f));
    const Transform& pose = *doc.sequence.frames[static_cast<size_t>(f)].ego_pose;
    CHECK(glm::length(pose.apply(c.center) - world_center) < 1e-9);
    CHECK(wrap_angle(transform_cuboid(pose, c).yaw - world_yaw) == Approx(0).margin(1e-12));
  }
  // The same keyframes blended in the vehicle frame drift by metres: the
  // world-frame result above is not an accident of the scene.
  InterpolationOptions vehicle;
  vehicle.world_frame = false;
  const Interpolator local(doc.sequence, vehicle);
  const Cuboid c = cuboid_of(local.evaluate(o, o.tracks[0], 10));
  CHECK(glm::length(doc.sequence.frames[10].ego_pose->apply(c.center) - world_center) > 1.0);
}

TEST_CASE("Catmull-Rom centres pass through anchors and follow curved motion", "[tracking]") {
  const Document doc = tracking_document(41);
  InterpolationOptions cubic_opt;
  cubic_opt.center = InterpolationOptions::Center::CatmullRom;
  const Interpolator cubic(doc.sequence, cubic_opt);
  const Interpolator linear(doc.sequence);
  // Constant acceleration along x, constant velocity along y.
  auto truth = [](int f) { return Vec3{5.0 + 0.02 * f * f, 0.5 * f, 0.0}; };
  std::vector<FrameShape> keys;
  for (int f = 0; f <= 40; f += 10)
    keys.push_back({f, shape_of(Cuboid{truth(f), {4, 2, 1.5}, 0, 0, 0})});
  const Object o = object_with(1, kSceneSensor, ShapeKind::Cuboid, keys);
  double err_cubic = 0, err_linear = 0;
  for (int f = 1; f < 40; ++f) {
    if (f % 10 == 0) continue;
    err_cubic += glm::length(cuboid_of(cubic.evaluate(o, o.tracks[0], f)).center - truth(f));
    err_linear += glm::length(cuboid_of(linear.evaluate(o, o.tracks[0], f)).center - truth(f));
    CHECK(cuboid_of(cubic.evaluate(o, o.tracks[0], f)).center.y == Approx(0.5 * f));
  }
  CHECK(err_cubic < 0.3 * err_linear);
  CHECK(cuboid_of(cubic.evaluate(o, o.tracks[0], 20)).center == truth(20));
}

TEST_CASE("Perspective-aware boxes beat linear ones on an object approaching the camera",
          "[tracking]") {
  // A car drives towards the camera from 60 m to 8 m; its labelled box is
  // the projection of its cuboid plus a constant, labeller-style offset.
  const Document doc = tracking_document(21);
  InterpolationOptions lin_opt;
  lin_opt.box = InterpolationOptions::Box::Linear;
  const Interpolator persp(doc.sequence);
  const Interpolator linear(doc.sequence, lin_opt);
  const CameraModel cam(doc.sequence.rigs[0].cameras[0]);
  auto cuboid = [](int f) {
    return Cuboid{{60.0 - 2.6 * f, 2.5, -0.9}, {4.2, 1.8, 1.5}, 0.1, 0, 0};
  };
  auto box = [&](int f) {
    return vantage::test::offset_box(*project_cuboid(cam, cuboid(f)).box, -2, 1.5, 3, -1);
  };
  Object o;
  o.id = 1;
  o.class_name = "Car";
  o.track_or_create(kSceneSensor, ShapeKind::Cuboid);
  o.track_or_create("image_2", ShapeKind::Box2D);
  Track& ct = o.tracks[0];
  Track& bt = o.tracks[1];
  for (int f : {0, 20}) {
    ct.set(f, shape_of(cuboid(f)));
    bt.set(f, shape_of(box(f)));
  }
  double iou_p = 0, iou_l = 0;
  for (int f = 1; f < 20; ++f) {
    iou_p += box_iou(box_of(persp.evaluate(o, bt, f)), box(f));
    iou_l += box_iou(box_of(linear.evaluate(o, bt, f)), box(f));
  }
  iou_p /= 19;
  iou_l /= 19;
  INFO("perspective " << iou_p << ", linear " << iou_l);
  CHECK(iou_p > 0.999);
  CHECK(iou_l < 0.8);
  CHECK(box_of(persp.evaluate(o, bt, 0)) == box(0));
  CHECK(box_of(persp.evaluate(o, bt, 20)) == box(20));
  // Without the cuboid track the perspective method falls back to linear.
  Object flat = o;
  flat.tracks.erase(flat.tracks.begin());
  CHECK(box_of(persp.evaluate(flat, flat.tracks[0], 7)) == box_of(linear.evaluate(o, bt, 7)));
}

TEST_CASE("Per-frame attributes, occlusion and truncation step", "[tracking]") {
  const Document doc = tracking_document(20);
  const Interpolator interp(doc.sequence);
  Shape a = shape_of(Box2D{0, 0, 10, 10});
  a.attributes["activity"] = std::string("parked");
  a.occlusion = 2;
  a.truncation = 0.25;
  Shape b = shape_of(Box2D{10, 0, 20, 10});
  b.attributes["activity"] = std::string("moving");
  b.occlusion = 0;
  b.truncation = 0.0;
  const Object o = object_with(1, "image_2", ShapeKind::Box2D, {{0, a}, {10, b}});
  for (int f = 1; f < 10; ++f) {
    const auto s = interp.evaluate(o, o.tracks[0], f);
    CHECK(std::get<std::string>(s->attributes.at("activity")) == "parked");
    CHECK(s->occlusion == 2);
    CHECK(s->truncation == 0.25);
  }
  CHECK(std::get<std::string>(interp.evaluate(o, o.tracks[0], 10)->attributes.at("activity")) ==
        "moving");
}

TEST_CASE("Nothing is interpolated across outside spans or wide gaps", "[tracking]") {
  const Document doc = tracking_document(40);
  Object o = object_with(1, "image_2", ShapeKind::Box2D,
                         {{0, shape_of(Box2D{0, 0, 10, 10})},
                          {10, shape_of(Box2D{10, 0, 20, 10})},
                          {30, shape_of(Box2D{30, 0, 40, 10})}});
  o.outside.push_back({4, 6});
  const Interpolator interp(doc.sequence);
  for (int f = 1; f < 10; ++f)
    CHECK_FALSE(interp.evaluate(o, o.tracks[0], f));
  CHECK(interp.evaluate(o, o.tracks[0], 20));
  CHECK(interp.spans(o, o.tracks[0]) == std::vector<FrameRange>{{0, 0}, {10, 30}});
  // An outside span touching an anchor's frame does not block its neighbours.
  o.outside = {{10, 10}};
  CHECK(interp.evaluate(o, o.tracks[0], 5));
  // max_gap: anchors 20 frames apart are not bridged at 15.
  o.outside.clear();
  InterpolationOptions opt;
  opt.max_gap = 15;
  const Interpolator gap(doc.sequence, opt);
  CHECK(gap.evaluate(o, o.tracks[0], 5));
  CHECK_FALSE(gap.evaluate(o, o.tracks[0], 20));
  CHECK(gap.spans(o, o.tracks[0]) == std::vector<FrameRange>{{0, 10}, {30, 30}});
}

TEST_CASE("Stored non-keyframes are data; cached in-betweens are recomputed", "[tracking]") {
  const Document doc = tracking_document(20);
  const Interpolator interp(doc.sequence);
  Shape tracker = shape_of(Box2D{50, 0, 60, 10}, false);
  tracker.source = ShapeSource::Tracker;
  Shape stale = shape_of(Box2D{999, 999, 1000, 1000}, false);
  stale.source = ShapeSource::Interpolated;
  const Object o = object_with(1, "image_2", ShapeKind::Box2D,
                               {{0, shape_of(Box2D{0, 0, 10, 10})},
                                {5, tracker},
                                {7, stale},
                                {10, shape_of(Box2D{0, 0, 10, 10})}});
  CHECK(*interp.evaluate(o, o.tracks[0], 5) == tracker);
  // Frame 7 is blended between the tracker proposal (5) and the keyframe (10).
  CHECK(box_of(interp.evaluate(o, o.tracks[0], 7)).x1 == Approx(30));
  CHECK(box_of(interp.evaluate(o, o.tracks[0], 2)).x1 == Approx(20));
}

TEST_CASE("evaluate_frame returns every object's shapes at one frame", "[tracking]") {
  const Document doc = tracking_document(20);
  Annotations ann;
  ann.put(object_with(1, "image_2", ShapeKind::Box2D,
                      {{0, shape_of(Box2D{0, 0, 10, 10})}, {10, shape_of(Box2D{10, 0, 20, 10})}}));
  ann.put(object_with(2, kSceneSensor, ShapeKind::Cuboid,
                      {{5, shape_of(Cuboid{{10, 0, 0}, {4, 2, 1}, 0, 0, 0})}}));
  ann.put(object_with(3, "image_2", ShapeKind::Box2D, {{12, shape_of(Box2D{0, 0, 10, 10})}}));
  const Interpolator interp(doc.sequence);
  const auto at5 = interp.evaluate_frame(ann, 5);
  REQUIRE(at5.size() == 2);
  CHECK(at5[0].object == 1);
  CHECK_FALSE(at5[0].stored);
  CHECK(at5[0].track == &ann.objects[0].tracks[0]);
  CHECK(at5[1].object == 2);
  CHECK(at5[1].stored);
  CHECK(interp.evaluate_frame(ann, 11).empty());
}

TEST_CASE("Baking materialises exactly what evaluate returns", "[tracking]") {
  const Document doc = tracking_document(30, 1.0, 0.01);
  Object o;
  o.id = 4;
  o.class_name = "Car";
  Track& ct = o.track_or_create(kSceneSensor, ShapeKind::Cuboid);
  ct.set(2, shape_of(Cuboid{{20, 1, 0}, {4, 2, 1.5}, 0.1, 0, 0}));
  ct.set(12, shape_of(Cuboid{{15, 2, 0}, {4, 2, 1.5}, 0.3, 0, 0}));
  ct.set(25, shape_of(Cuboid{{12, 3, 0}, {4, 2, 1.5}, 0.2, 0, 0}));
  o.outside = {{14, 16}};
  const Interpolator interp(doc.sequence);
  const Object baked = bake_object(interp, o);
  const Track& bt = baked.tracks[0];
  CHECK(bt.shapes.size() == 11 + 1);  // 2..12, then the lone anchor 25
  for (int f = 0; f < 30; ++f) {
    const auto want = interp.evaluate(o, ct, f);
    const Shape* got = bt.at(f);
    REQUIRE(bool(want) == bool(got));
    if (got) CHECK(*got == *want);
    // The baked object evaluates the same (cached in-betweens are ignored).
    if (want) CHECK(*interp.evaluate(baked, bt, f) == *want);
  }
  CHECK(bake_object(interp, baked) == baked);
  Object stripped = baked;
  strip_interpolated(stripped);
  CHECK(stripped == o);
}

TEST_CASE("project_cuboid_box equals project_cuboid().box", "[tracking]") {
  Camera cam = vantage::test::kitti_like_camera();
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(-1, 1);
  for (bool distorted : {false, true}) {
    cam.distortion = distorted ? Distortion{-0.3, 0.1, 0.001, -0.002, 0.0} : Distortion{};
    const CameraModel model(cam);
    for (int i = 0; i < 300; ++i) {
      const Cuboid c{{12 * u(rng), 15 * u(rng), u(rng)},
                     {4 + u(rng), 2, 1.5},
                     3 * u(rng),
                     0.1 * u(rng),
                     0.1 * u(rng)};
      const auto full = project_cuboid(model, c);
      const auto lean = project_cuboid_box(model, c);
      CHECK(full.box == lean.box);
      CHECK(full.unclipped_box == lean.unclipped_box);
    }
  }
}

TEST_CASE("transform_cuboid composes rotations like the rotation matrices do", "[tracking]") {
  const Cuboid c{{1, 2, 3}, {4, 2, 1}, 0.7, 0.1, -0.05};
  const Transform t = Transform::from_quaternion(
      glm::angleAxis(0.3, glm::normalize(Vec3(0.1, 0.2, 1.0))), {5, -1, 0.5});
  const Cuboid m = transform_cuboid(t, c);
  const auto before = cuboid_corners(c);
  const auto after = cuboid_corners(m);
  for (size_t i = 0; i < 8; ++i)
    CHECK(glm::length(t.apply(before[i]) - after[i]) < 1e-12);
  // Back again.
  const Cuboid back = transform_cuboid(t.inverse(), m);
  CHECK(glm::length(back.center - c.center) < 1e-12);
  CHECK(back.yaw == Approx(c.yaw));
  CHECK(back.pitch == Approx(c.pitch));
  CHECK(back.roll == Approx(c.roll));
}

TEST_CASE("Anchor lookup matches a brute-force scan on irregular tracks", "[tracking]") {
  const Document doc = tracking_document(0);
  InterpolationOptions opt;
  opt.box = InterpolationOptions::Box::Linear;
  const Interpolator interp(doc.sequence, opt);
  std::mt19937 rng(11);
  for (int trial = 0; trial < 40; ++trial) {
    // Clustered and sparse frames, with cached in-betweens mixed in.
    Object o = object_with(1, "image_2", ShapeKind::Box2D, {});
    Track& t = o.tracks[0];
    int f = static_cast<int>(rng() % 50);
    const int n = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) {
      Shape s = shape_of(Box2D{double(f), 0, double(f) + 10, 10}, rng() % 4 != 0);
      if (!s.keyframe) s.source = rng() % 2 ? ShapeSource::Interpolated : ShapeSource::Tracker;
      t.shapes.push_back({f, s});
      f += 1 + static_cast<int>(rng() % (i % 7 == 0 ? 40 : 3));
    }
    for (int q = -2; q <= f + 2; ++q) {
      const FrameShape* prev = nullptr;
      const FrameShape* next = nullptr;
      const FrameShape* exact = nullptr;
      for (const FrameShape& fs : t.shapes) {
        if (!is_anchor(fs.shape)) continue;
        if (fs.frame == q) exact = &fs;
        if (fs.frame < q) prev = &fs;
        if (fs.frame > q && !next) next = &fs;
      }
      const auto got = interp.evaluate(o, t, q);
      if (exact) {
        REQUIRE(got);
        CHECK(*got == exact->shape);
      } else if (prev && next) {
        REQUIRE(got);
        const double tt = double(q - prev->frame) / (next->frame - prev->frame);
        CHECK(box_of(got).x1 == Approx(prev->frame + (next->frame - prev->frame) * tt));
      } else {
        CHECK_FALSE(got);
      }
    }
  }
}
