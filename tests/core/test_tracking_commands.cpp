// Track operations as undoable commands: split, merge, change id, keyframes,
// outside spans, copy/paste, propagation.
#include <catch2/catch.hpp>

#include "core/commands/editor.h"
#include "core/tracking/keyframe_commands.h"
#include "core/tracking/object_track_commands.h"
#include "core/tracking/propagation.h"
#include "core/util/error.h"
#include "tests/core/tracking_test_util.h"

using namespace vantage::core;
using vantage::test::shape_of;
using vantage::test::tracking_document;

namespace {

// Object 1: a box track with keyframes at 0, 10, 20 and a cuboid track with
// keyframes at 0 and 20; object 2: a box at 30..35. A comment on object 1 at
// frame 15 and a review mark on object 2.
Document scene(double ego_speed = 0.0) {
  Document doc = tracking_document(40, ego_speed, ego_speed != 0 ? 0.02 : 0.0);
  Object a;
  a.id = 1;
  a.class_name = "Car";
  a.attributes["parked"] = true;
  Track& bt = a.track_or_create("image_2", ShapeKind::Box2D);
  bt.set(0, shape_of(Box2D{100, 100, 200, 180}));
  bt.set(10, shape_of(Box2D{150, 100, 250, 180}));
  bt.set(20, shape_of(Box2D{200, 110, 320, 200}));
  Track& ct = a.track_or_create(kSceneSensor, ShapeKind::Cuboid);
  ct.set(0, shape_of(Cuboid{{20, 2, -0.8}, {4, 1.8, 1.5}, 0.1, 0, 0}));
  ct.set(20, shape_of(Cuboid{{15, 1, -0.8}, {4, 1.8, 1.5}, 0.2, 0, 0}));
  doc.annotations.put(a);
  Object b;
  b.id = 2;
  b.class_name = "Van";
  b.attributes["colour"] = std::string("red");
  b.attributes["parked"] = false;
  Track& bb = b.track_or_create("image_2", ShapeKind::Box2D);
  for (int f = 30; f <= 35; ++f)
    bb.set(f, shape_of(Box2D{300.0 + f, 100, 400, 180}, f == 30 || f == 35));
  doc.annotations.put(b);
  Comment c;
  c.id = 1;
  c.frame = 15;
  c.object = 1;
  c.text = "check the rear";
  doc.annotations.review.comments.push_back(c);
  doc.annotations.review.objects[2].status = ReviewStatus::Done;
  return doc;
}

// Linear boxes: the expectations below are hand-computed midpoints.
Interpolator linear(const Document& doc) {
  InterpolationOptions opt;
  opt.box = InterpolationOptions::Box::Linear;
  return Interpolator(doc.sequence, opt);
}

// Executes `cmd`, checks undo restores the original and redo the result.
void round_trip(Editor& ed, CommandPtr cmd) {
  REQUIRE(cmd);
  const Annotations before = ed.document().annotations;
  ed.execute(std::move(cmd));
  const Annotations after = ed.document().annotations;
  CHECK(after != before);
  REQUIRE(ed.undo());
  CHECK(ed.document().annotations == before);
  REQUIRE(ed.redo());
  CHECK(ed.document().annotations == after);
}

}  // namespace

TEST_CASE("Split at a frame keeps both parts looking the same", "[tracking]") {
  Editor ed(scene());
  const Interpolator interp = linear(ed.document());
  const Object original = *ed.document().annotations.find(1);
  round_trip(ed, make_split_object(ed.document(), interp, 1, 15, 7));
  const Annotations& ann = ed.document().annotations;
  const Object& head = *ann.find(1);
  const Object& tail = *ann.find(7);
  CHECK(tail.class_name == "Car");
  CHECK(tail.attributes == original.attributes);
  CHECK(head.last_frame() == 14);
  CHECK(tail.first_frame() == 15);
  for (const Track& t : original.tracks)
    for (int f = 0; f <= 20; ++f) {
      const auto want = interp.evaluate(original, t, f);
      const Object& part = f < 15 ? head : tail;
      const auto got = interp.evaluate(part, *part.track(t.sensor, t.kind), f);
      REQUIRE(bool(want) == bool(got));
      if (const Box2D* wb = want ? want->as<Box2D>() : nullptr) {
        CHECK(got->as<Box2D>()->x1 == Approx(wb->x1));
        CHECK(got->as<Box2D>()->y2 == Approx(wb->y2));
      } else if (want) {
        CHECK(glm::length(got->as<Cuboid>()->center - want->as<Cuboid>()->center) < 1e-12);
        CHECK(got->as<Cuboid>()->yaw == Approx(want->as<Cuboid>()->yaw));
      }
    }
  // The boundary shapes became keyframes.
  CHECK(head.shape(14, "image_2", ShapeKind::Box2D)->keyframe);
  CHECK(tail.shape(15, kSceneSensor, ShapeKind::Cuboid)->keyframe);
  // The comment at frame 15 followed the tail.
  CHECK(ann.review.comments[0].object == 7);

  CHECK_THROWS_AS(make_split_object(ed.document(), interp, 1, 0, 8), Error);   // empty head
  CHECK_THROWS_AS(make_split_object(ed.document(), interp, 1, 5, 2), Error);   // id taken
  CHECK_THROWS_AS(make_split_object(ed.document(), interp, 99, 5, 8), Error);  // no object
}

TEST_CASE("Merge resolves conflicts and marks the gap between the parts outside", "[tracking]") {
  Document doc = scene();
  // A conflicting non-keyframe in object 2 at frame 10 and a keyframe at 20.
  Object& b = *doc.annotations.find(2);
  b.tracks[0].set(10, shape_of(Box2D{1, 1, 2, 2}, false));
  b.tracks[0].set(20, shape_of(Box2D{5, 5, 6, 6}, true));
  doc.annotations.find(1)->tracks[0].at(20)->keyframe = false;
  Editor ed(doc);
  round_trip(ed, make_merge_objects(ed.document(), 1, 2));
  const Annotations& ann = ed.document().annotations;
  REQUIRE(ann.find(2) == nullptr);
  const Object& m = *ann.find(1);
  CHECK(m.class_name == "Car");
  CHECK(std::get<bool>(m.attributes.at("parked")));
  CHECK(std::get<std::string>(m.attributes.at("colour")) == "red");
  const Track& t = *m.track("image_2", ShapeKind::Box2D);
  CHECK(t.at(10)->as<Box2D>()->x1 == 150);  // keyframe beats non-keyframe
  CHECK(t.at(20)->as<Box2D>()->x1 == 5);    // keyframe beats the kept non-keyframe
  CHECK(t.at(33) != nullptr);
  CHECK(m.outside.empty());  // the two overlap in time
  CHECK(ann.review.objects.at(1).status == ReviewStatus::Done);
  // Disjoint objects: the frames between them become an outside span.
  Editor clean(scene());
  round_trip(clean, make_merge_objects(clean.document(), 2, 1));
  const Object& m2 = *clean.document().annotations.find(2);
  CHECK(m2.outside == std::vector<FrameRange>{{21, 29}});
  CHECK(m2.class_name == "Van");
  CHECK_FALSE(std::get<bool>(m2.attributes.at("parked")));
  CHECK(clean.document().annotations.review.comments[0].object == 2);
  CHECK_THROWS_AS(make_merge_objects(ed.document(), 1, 1), Error);
}

TEST_CASE("Change id moves the review state with the object", "[tracking]") {
  Editor ed(scene());
  round_trip(ed, make_change_object_id(ed.document(), 2, 42));
  const Annotations& ann = ed.document().annotations;
  CHECK(ann.find(2) == nullptr);
  CHECK(ann.find(42)->class_name == "Van");
  CHECK(ann.review.objects.count(42) == 1);
  CHECK(ann.review.objects.count(2) == 0);
  CHECK(make_change_object_id(ed.document(), 42, 42) == nullptr);
  CHECK_THROWS_AS(make_change_object_id(ed.document(), 42, 1), Error);
  CHECK_THROWS_AS(make_change_object_id(ed.document(), 42, -3), Error);
}

TEST_CASE("Set and unset keyframes", "[tracking]") {
  Editor ed(scene());
  const Interpolator interp = linear(ed.document());
  const TrackRef box{1, "image_2", ShapeKind::Box2D};
  const auto at5 = interp.evaluate(*ed.document().annotations.find(1), box.sensor, box.kind, 5);
  round_trip(ed, make_set_keyframe(ed.document(), interp, box, 5, true));
  const Shape* s = ed.document().annotations.find(1)->shape(5, box.sensor, box.kind);
  REQUIRE(s);
  CHECK(s->keyframe);
  CHECK(s->source == ShapeSource::Manual);
  CHECK(s->geometry == at5->geometry);
  CHECK(make_set_keyframe(ed.document(), interp, box, 5, true) == nullptr);  // already one
  // Unsetting frame 10 re-interpolates it from 5 and 20.
  round_trip(ed, make_set_keyframe(ed.document(), interp, box, 10, false));
  const Object& o = *ed.document().annotations.find(1);
  CHECK(o.shape(10, box.sensor, box.kind) == nullptr);
  const auto now10 = interp.evaluate(o, box.sensor, box.kind, 10);
  CHECK(now10->as<Box2D>()->x1 == Approx(at5->as<Box2D>()->x1 + (200 - at5->as<Box2D>()->x1) / 3));
  CHECK(make_set_keyframe(ed.document(), interp, box, 10, false) == nullptr);
  CHECK_THROWS_AS(make_set_keyframe(ed.document(), interp, box, 30, true), Error);
}

TEST_CASE("Marking a span outside removes its shapes; marking it visible again does not",
          "[tracking]") {
  Editor ed(scene());
  round_trip(ed, make_mark_outside(ed.document(), 1, {8, 12}, true));
  const Object& o = *ed.document().annotations.find(1);
  CHECK(o.outside == std::vector<FrameRange>{{8, 12}});
  CHECK(o.shape(10, "image_2", ShapeKind::Box2D) == nullptr);
  round_trip(ed, make_mark_outside(ed.document(), 1, {10, 11}, false));
  CHECK(ed.document().annotations.find(1)->outside == std::vector<FrameRange>{{8, 9}, {12, 12}});
  CHECK_THROWS_AS(make_mark_outside(ed.document(), 1, {5, 4}, true), Error);
}

TEST_CASE("Copy from the previous frame carries cuboids through the world", "[tracking]") {
  Editor ed(scene(1.2));
  const Interpolator interp = linear(ed.document());
  const TrackRef cub{1, kSceneSensor, ShapeKind::Cuboid};
  round_trip(ed, make_copy_from_previous(ed.document(), interp, cub, 21));
  const auto& frames = ed.document().sequence.frames;
  const Object& o = *ed.document().annotations.find(1);
  const Shape* s = o.shape(21, kSceneSensor, ShapeKind::Cuboid);
  REQUIRE(s);
  CHECK(s->keyframe);
  const Vec3 w20 = frames[20].ego_pose->apply(
      o.shape(20, kSceneSensor, ShapeKind::Cuboid)->as<Cuboid>()->center);
  const Vec3 w21 = frames[21].ego_pose->apply(s->as<Cuboid>()->center);
  CHECK(glm::length(w21 - w20) < 1e-9);
  // A box copies as it is.
  const TrackRef box{1, "image_2", ShapeKind::Box2D};
  const auto at5 =
      interp.evaluate(*ed.document().annotations.find(1), "image_2", ShapeKind::Box2D, 5);
  round_trip(ed, make_copy_from_previous(ed.document(), interp, box, 6));
  CHECK(ed.document().annotations.find(1)->shape(6, "image_2", ShapeKind::Box2D)->geometry ==
        at5->geometry);
  CHECK_THROWS_AS(make_copy_from_previous(ed.document(), interp, box, 0), Error);
}

TEST_CASE("Paste a shape to a range of frames skips outside frames", "[tracking]") {
  Document doc = scene();
  doc.annotations.find(2)->outside = {{37, 38}};
  Editor ed(doc);
  const Interpolator interp = linear(ed.document());
  const TrackRef box{2, "image_2", ShapeKind::Box2D};
  const Shape pasted = shape_of(Box2D{1, 2, 3, 4}, false);
  round_trip(ed, make_paste_shape(ed.document(), interp, box, {34, 39}, pasted));
  const Track& t = *ed.document().annotations.find(2)->track("image_2", ShapeKind::Box2D);
  for (int f : {34, 35, 36, 39}) {
    REQUIRE(t.at(f));
    CHECK(t.at(f)->keyframe);
    CHECK(*t.at(f)->as<Box2D>() == Box2D{1, 2, 3, 4});
  }
  CHECK(t.at(37) == nullptr);
  CHECK_THROWS_AS(
      make_paste_shape(ed.document(), interp, {2, kSceneSensor, ShapeKind::Cuboid}, {1, 2}, pasted),
      Error);
}

TEST_CASE("Propagate copies forward until the next keyframe", "[tracking]") {
  Editor ed(scene());
  const Interpolator interp = linear(ed.document());
  const TrackRef box{1, "image_2", ShapeKind::Box2D};
  CHECK(propagation_frames(ed.document(), box, 3, 20) == std::vector<int>{4, 5, 6, 7, 8, 9});
  CHECK(propagation_frames(ed.document(), box, 36, 20) == std::vector<int>{37, 38, 39});
  const auto props = propose_copies(ed.document(), interp, box, 0, 4);
  REQUIRE(props.size() == 4);
  CHECK(props[3].frame == 4);
  CHECK_FALSE(props[3].shape.keyframe);
  CHECK(*props[3].shape.as<Box2D>() == Box2D{100, 100, 200, 180});
  round_trip(ed, make_store_proposals(ed.document(), box, props, "Propagate #1"));
  // Proposals are data: frame 5 now blends between the copy at 4 and frame 10.
  const Object& o = *ed.document().annotations.find(1);
  CHECK(interp.evaluate(o, box.sensor, box.kind, 7)->as<Box2D>()->x1 == Approx(100 + 50 * 0.5));
  // Proposals never replace keyframes.
  std::vector<FrameShape> over{{10, shape_of(Box2D{0, 0, 1, 1}, false)}};
  CHECK(make_store_proposals(ed.document(), box, over, "x") == nullptr);
}

TEST_CASE("Cuboid re-fit propagation starts each fit from the previous pose", "[tracking]") {
  Editor ed(scene());
  const Interpolator interp = linear(ed.document());
  // A fake fitter: the "points" say the car moves +0.5 m in x per frame
  // from frame 20; it records the initial guesses it was given.
  std::vector<Cuboid> initials;
  const CuboidFitter fit = [&](int frame, const Cuboid& initial) -> std::optional<Cuboid> {
    initials.push_back(initial);
    if (frame > 24) return std::nullopt;
    Cuboid c = initial;
    c.center.x = 15 + 0.5 * (frame - 20);
    return c;
  };
  const auto props = propose_cuboid_refits(ed.document(), interp, 1, 20, 10, fit);
  REQUIRE(props.size() == 4);  // 21..24, the fit fails at 25
  CHECK(props[0].shape.source == ShapeSource::Tracker);
  CHECK(props[3].shape.as<Cuboid>()->center.x == Approx(17));
  REQUIRE(initials.size() == 5);
  CHECK(initials[0].center.x == Approx(15));    // frame 21 starts from frame 20's pose
  CHECK(initials[1].center.x == Approx(16));    // frame 22: constant velocity from 20, 21
  CHECK(initials[2].center.x == Approx(16.5));  // frame 23: from 21, 22
}
