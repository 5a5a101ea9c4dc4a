// Batch edits of the workstation's selection (core/commands/selection_commands.h).
#include <catch2/catch.hpp>

#include "core/commands/editor.h"
#include "core/commands/selection_commands.h"
#include "core/geometry/cuboid_projection.h"
#include "core/io/native_format.h"
#include "core/util/error.h"
#include "tests/core/tracking_test_util.h"

using namespace vantage;
using core::Box2D;

namespace {

core::Document doc_with_objects(int frames = 10) {
  core::Document doc = test::tracking_document(frames);
  doc.schema = core::default_schema();
  for (core::ObjectId id : {1, 2, 3}) {
    core::Object o;
    o.id = id;
    o.class_name = "Car";
    o.track_or_create("image_2", core::ShapeKind::Box2D)
        .set(0, test::shape_of(Box2D{10.0 * id, 10, 10.0 * id + 20, 40}));
    o.track_or_create("image_2", core::ShapeKind::Box2D)
        .set(8, test::shape_of(Box2D{10.0 * id + 80, 10, 10.0 * id + 100, 40}));
    doc.annotations.put(o);
  }
  return doc;
}

const core::EditStamp kStamp{"tester", 1234};

}  // namespace

TEST_CASE("change class of many objects is one undo step", "[selection_commands]") {
  core::Editor ed(doc_with_objects());
  ed.execute(core::make_change_class(ed.document(), {1, 3}, "Van"));
  CHECK(ed.document().annotations.find(1)->class_name == "Van");
  CHECK(ed.document().annotations.find(2)->class_name == "Car");
  CHECK(ed.document().annotations.find(3)->class_name == "Van");
  REQUIRE(ed.undo());
  CHECK(ed.document().annotations.find(1)->class_name == "Car");
  CHECK(ed.document().annotations.find(3)->class_name == "Car");
  CHECK_THROWS_AS(core::make_change_class(ed.document(), {1}, "NoSuchClass"), core::Error);
  CHECK(core::make_change_class(ed.document(), {1}, "Car") == nullptr);
}

TEST_CASE("per-frame attribute over a range stays inside the range", "[selection_commands]") {
  core::Document doc = doc_with_objects();
  core::AttributeDef occl;
  occl.name = "blinking";
  occl.type = core::AttributeType::Bool;
  occl.per_frame = true;
  doc.schema.attributes.push_back(occl);
  const core::Interpolator interp(doc.sequence);
  core::Editor ed(doc);
  ed.execute(core::make_set_attribute(ed.document(), interp, {2}, "blinking", true,
                                      core::FrameRange{3, 5}, kStamp));
  const core::Object& o = *ed.document().annotations.find(2);
  for (int f = 0; f <= 8; ++f) {  // the anchors span frames 0-8
    const auto s = interp.evaluate(o, "image_2", core::ShapeKind::Box2D, f);
    REQUIRE(s);
    const bool set = s->attributes.count("blinking") > 0;
    INFO("frame " << f);
    CHECK(set == (f >= 3 && f <= 5));
  }
  // Geometry did not change where the range ends were pinned.
  const auto at4 = interp.evaluate(o, "image_2", core::ShapeKind::Box2D, 4);
  CHECK(at4->as<Box2D>()->x1 == Approx(20 + 80 * 4 / 8.0));
  // Object 1 untouched.
  CHECK(ed.document().annotations.find(1)->tracks[0].shapes.size() == 2);
  // Static attribute goes to the object.
  ed.execute(core::make_set_attribute(ed.document(), interp, {1, 2}, "parked", true, std::nullopt,
                                      kStamp));
  CHECK(std::get<bool>(ed.document().annotations.find(1)->attributes.at("parked")));
  CHECK(std::get<bool>(ed.document().annotations.find(2)->attributes.at("parked")));
}

TEST_CASE("copy and paste objects to a frame range and as new objects", "[selection_commands]") {
  core::Document doc = doc_with_objects();
  const core::Interpolator interp(doc.sequence);
  core::Editor ed(doc);
  const core::Clipboard clip = core::copy_objects(ed.document(), interp, {1, 2}, 4);
  REQUIRE(clip.objects.size() == 2);
  const Box2D at4 = *clip.objects[0].shapes[0].shape.as<Box2D>();
  CHECK(at4.x1 == Approx(10 + 40));
  std::vector<core::ObjectId> ids;
  ed.execute(
      core::make_paste_clipboard(ed.document(), interp, clip, {6, 7}, false, kStamp, 0, &ids));
  CHECK(ids == std::vector<core::ObjectId>{1, 2});
  const core::Object& o1 = *ed.document().annotations.find(1);
  for (int f : {6, 7}) {
    const core::Shape* s = o1.shape(f, "image_2", core::ShapeKind::Box2D);
    REQUIRE(s);
    CHECK(*s->as<Box2D>() == at4);
    CHECK(s->keyframe);
    CHECK(s->annotator == "tester");
  }
  CHECK(o1.shape(5, "image_2", core::ShapeKind::Box2D) == nullptr);
  REQUIRE(ed.undo());
  CHECK(ed.document().annotations.find(1)->shape(6, "image_2", core::ShapeKind::Box2D) == nullptr);

  ids.clear();
  ed.execute(
      core::make_paste_clipboard(ed.document(), interp, clip, {4, 4}, true, kStamp, 10, &ids));
  REQUIRE(ids.size() == 2);
  CHECK(ids[0] == 4);
  const core::Object& copy = *ed.document().annotations.find(4);
  CHECK(copy.class_name == "Car");
  const core::Shape* s = copy.shape(4, "image_2", core::ShapeKind::Box2D);
  REQUIRE(s);
  CHECK(s->as<Box2D>()->x1 == Approx(at4.x1 + 10));
  CHECK(ed.document().annotations.objects.size() == 5);
}

TEST_CASE("derived 2D boxes equal the clipped cuboid projection", "[selection_commands]") {
  core::Document doc = doc_with_objects(3);
  core::Object car;
  car.id = 9;
  car.class_name = "Car";
  core::Cuboid c;
  c.center = {12, 1.5, -0.8};
  c.size = {4.2, 1.8, 1.5};
  c.yaw = 0.4;
  car.track_or_create(core::kSceneSensor, core::ShapeKind::Cuboid).set(1, test::shape_of(c));
  doc.annotations.put(car);
  const core::Interpolator interp(doc.sequence);
  core::Editor ed(doc);
  ed.execute(core::make_derive_boxes(ed.document(), interp, 9, 1, kStamp));
  const core::CameraModel cam(test::kitti_like_camera());
  const core::ProjectedCuboid p = core::project_cuboid(cam, c);
  REQUIRE(p.unclipped_box);
  const auto expected = core::clip_box(*p.unclipped_box, cam.width(), cam.height());
  REQUIRE(expected);
  const core::Shape* s =
      ed.document().annotations.find(9)->shape(1, "image_2", core::ShapeKind::Box2D);
  REQUIRE(s);
  CHECK(s->as<Box2D>()->x1 == Approx(expected->x1));
  CHECK(s->as<Box2D>()->y1 == Approx(expected->y1));
  CHECK(s->as<Box2D>()->x2 == Approx(expected->x2));
  CHECK(s->as<Box2D>()->y2 == Approx(expected->y2));
  CHECK(s->keyframe);
  CHECK(s->source == core::ShapeSource::Manual);
  // No cuboid at frame 0 (before the only anchor).
  CHECK_THROWS_AS(core::make_derive_boxes(ed.document(), interp, 9, 0, kStamp), core::Error);
}

TEST_CASE("frame tags toggle and keep groups exclusive", "[selection_commands]") {
  core::Document doc = doc_with_objects(3);
  core::Editor ed(doc);
  ed.execute(core::make_toggle_frame_tag(ed.document(), 1, "clear"));
  ed.execute(core::make_toggle_frame_tag(ed.document(), 1, "day"));
  CHECK(ed.document().annotations.frame_tags.at(1) == std::vector<std::string>{"clear", "day"});
  ed.execute(core::make_toggle_frame_tag(ed.document(), 1, "rain"));  // same group as clear
  CHECK(ed.document().annotations.frame_tags.at(1) == std::vector<std::string>{"day", "rain"});
  ed.execute(core::make_toggle_frame_tag(ed.document(), 1, "day"));
  CHECK(ed.document().annotations.frame_tags.at(1) == std::vector<std::string>{"rain"});
  ed.undo();
  ed.undo();
  CHECK(ed.document().annotations.frame_tags.at(1) == std::vector<std::string>{"clear", "day"});
}
