#include <catch2/catch.hpp>

#include "core/commands/annotation_commands.h"
#include "core/commands/editor.h"
#include "core/util/error.h"
#include "tests/support/fixtures.h"

using namespace vantage::core;

namespace {

Editor make_editor() {
  vantage::test::SyntheticOptions o;
  o.frames = 10;
  o.objects = 3;
  return Editor(vantage::test::make_synthetic_document(o));
}

Shape box_shape(double x) {
  Shape s;
  s.geometry = Box2D{x, 10, x + 50, 60};
  return s;
}

}  // namespace

TEST_CASE("SetShapeCommand adds, edits and deletes with undo and redo", "[commands]") {
  Editor ed = make_editor();
  const Document original = ed.document();
  CHECK_FALSE(ed.dirty());

  // Object 1 has no polygon: adding one creates the track.
  Shape poly;
  poly.geometry = Polygon{{{0, 0}, {10, 0}, {5, 8}}, {}};
  ed.execute(std::make_unique<SetShapeCommand>(1, "CAM_FRONT", ShapeKind::Polygon, 4, poly));
  REQUIRE(ed.document().annotations.find(1)->shape(4, "CAM_FRONT", ShapeKind::Polygon) != nullptr);
  CHECK(ed.dirty());
  CHECK(ed.undo_history().back() == "Add polygon of #1 at frame 4 in CAM_FRONT");

  // Edit an existing box.
  ed.execute(std::make_unique<SetShapeCommand>(2, "CAM_FRONT", ShapeKind::Box2D, 3, box_shape(100)));
  CHECK(ed.document().annotations.find(2)->shape(3, "CAM_FRONT", ShapeKind::Box2D)->as<Box2D>()->x1 == 100);
  CHECK(ed.undo_history().back() == "Edit box2d of #2 at frame 3 in CAM_FRONT");

  // Delete a cuboid.
  ed.execute(std::make_unique<SetShapeCommand>(3, kSceneSensor, ShapeKind::Cuboid, 5, std::nullopt));
  CHECK(ed.document().annotations.find(3)->shape(5, kSceneSensor, ShapeKind::Cuboid) == nullptr);

  REQUIRE(ed.undo());
  REQUIRE(ed.undo());
  REQUIRE(ed.undo());
  CHECK_FALSE(ed.undo());
  CHECK(ed.document().annotations == original.annotations);
  CHECK_FALSE(ed.dirty());
  // The polygon track created by the first command is gone again.
  CHECK(ed.document().annotations.find(1)->track("CAM_FRONT", ShapeKind::Polygon) == nullptr);

  REQUIRE(ed.redo());
  REQUIRE(ed.redo());
  REQUIRE(ed.redo());
  CHECK_FALSE(ed.redo());
  CHECK(ed.document().annotations.find(3)->shape(5, kSceneSensor, ShapeKind::Cuboid) == nullptr);
  CHECK(ed.document().annotations.find(2)->shape(3, "CAM_FRONT", ShapeKind::Box2D)->as<Box2D>()->x1 == 100);
}

TEST_CASE("Consecutive drags of one handle merge into one undo step", "[commands]") {
  Editor ed = make_editor();
  const Box2D before = *ed.document().annotations.find(1)->shape(2, "CAM_FRONT", ShapeKind::Box2D)->as<Box2D>();
  for (int i = 1; i <= 20; ++i) {
    auto cmd = std::make_unique<SetShapeCommand>(1, "CAM_FRONT", ShapeKind::Box2D, 2, box_shape(i));
    cmd->merge_key = 42;
    ed.execute(std::move(cmd));
  }
  CHECK(ed.undo_history().size() == 1);
  CHECK(ed.document().annotations.find(1)->shape(2, "CAM_FRONT", ShapeKind::Box2D)->as<Box2D>()->x1 == 20);
  ed.seal();  // mouse released
  auto next = std::make_unique<SetShapeCommand>(1, "CAM_FRONT", ShapeKind::Box2D, 2, box_shape(99));
  next->merge_key = 42;
  ed.execute(std::move(next));
  CHECK(ed.undo_history().size() == 2);
  ed.undo();
  ed.undo();
  CHECK(*ed.document().annotations.find(1)->shape(2, "CAM_FRONT", ShapeKind::Box2D)->as<Box2D>() == before);
}

TEST_CASE("A new command after undo clears the redo stack", "[commands]") {
  Editor ed = make_editor();
  ed.execute(std::make_unique<SetShapeCommand>(1, "CAM_FRONT", ShapeKind::Box2D, 1, box_shape(1)));
  ed.undo();
  CHECK(ed.can_redo());
  ed.execute(std::make_unique<SetShapeCommand>(1, "CAM_FRONT", ShapeKind::Box2D, 1, box_shape(2)));
  CHECK_FALSE(ed.can_redo());
}

TEST_CASE("ObjectsCommand adds, deletes, edits and re-ids objects", "[commands]") {
  Editor ed = make_editor();
  const Annotations original = ed.document().annotations;
  Object o;
  o.id = ed.document().annotations.next_id();
  o.class_name = "Pedestrian";
  o.track_or_create("CAM_FRONT", ShapeKind::Box2D).set(0, box_shape(5));
  ed.execute(make_add_object(o));
  CHECK(ed.undo_history().back() == "Add Pedestrian #4");
  CHECK(ed.document().annotations.objects.size() == 4);

  ed.execute(make_delete_objects(ed.document(), {1, 2}));
  CHECK(ed.undo_history().back() == "Delete 2 objects");
  CHECK(ed.document().annotations.objects.size() == 2);

  auto recolour = ObjectsCommand::edit(ed.document(), "Set class Truck", {3, 4}, [](Object& obj) { obj.class_name = "Truck"; });
  REQUIRE(recolour);
  ed.execute(std::move(recolour));
  CHECK(ed.document().annotations.find(4)->class_name == "Truck");

  // Unchanged edits produce no command.
  CHECK(ObjectsCommand::edit(ed.document(), "noop", {3}, [](Object&) {}) == nullptr);

  auto reid = ObjectsCommand::edit(ed.document(), "Change id", {4}, [](Object& obj) { obj.id = 40; });
  ed.execute(std::move(reid));
  CHECK(ed.document().annotations.find(4) == nullptr);
  CHECK(ed.document().annotations.find(40) != nullptr);
  CHECK_THROWS_AS(ObjectsCommand::edit(ed.document(), "clash", {40}, [](Object& obj) { obj.id = 3; }), Error);

  while (ed.undo()) {
  }
  CHECK(ed.document().annotations == original);
}

TEST_CASE("Frame tags command with undo", "[commands]") {
  Editor ed = make_editor();
  ed.execute(std::make_unique<SetFrameTagsCommand>(3, std::vector<std::string>{"rain", "night"}));
  CHECK(ed.document().annotations.frame_tags.at(3).size() == 2);
  CHECK(ed.undo_history().back() == "Tag frame 3: rain, night");
  ed.execute(std::make_unique<SetFrameTagsCommand>(3, std::vector<std::string>{}));
  CHECK(ed.document().annotations.frame_tags.count(3) == 0);
  ed.undo();
  CHECK(ed.document().annotations.frame_tags.at(3) == std::vector<std::string>{"rain", "night"});
  ed.undo();
  CHECK(ed.document().annotations.frame_tags.count(3) == 0);
}

TEST_CASE("Schema commands migrate annotations and undo restores both", "[commands][schema]") {
  Editor ed = make_editor();
  const Document original = ed.document();
  ed.execute(std::make_unique<SchemaCommand>(ed.document(), "Rename Car to Automobile",
                                             [](Schema& s, Annotations& a) { rename_class(s, a, "Car", "Automobile"); }));
  CHECK(ed.document().annotations.find(1)->class_name == "Automobile");
  CHECK(ed.document().schema.find_class("Automobile") != nullptr);
  CHECK(ed.document().schema.version == original.schema.version + 1);
  ed.undo();
  CHECK(ed.document().schema == original.schema);
  CHECK(ed.document().annotations == original.annotations);
  // An invalid schema change throws before anything is touched.
  CHECK_THROWS_AS(SchemaCommand(ed.document(), "bad", [](Schema& s, Annotations& a) { rename_class(s, a, "Nope", "X"); }), Error);
}

TEST_CASE("Review command replaces review state as one step", "[commands]") {
  Editor ed = make_editor();
  ed.execute(std::make_unique<ReviewCommand>(ed.document(), "Reject frame 2", [](Review& r) {
    r.frames[2] = {ReviewStatus::Rejected, "rev", 5, "missing cyclist"};
  }));
  CHECK(ed.document().annotations.review.frames.at(2).status == ReviewStatus::Rejected);
  ed.undo();
  CHECK(ed.document().annotations.review.frames.empty());
}

TEST_CASE("Editing a missing object throws and leaves the document alone", "[commands]") {
  Editor ed = make_editor();
  const Annotations before = ed.document().annotations;
  CHECK_THROWS_AS(ed.execute(std::make_unique<SetShapeCommand>(999, "CAM_FRONT", ShapeKind::Box2D, 1, box_shape(1))), Error);
  CHECK(ed.document().annotations == before);
  CHECK_FALSE(ed.can_undo());
}
