// 2D annotation tools driven through the Tool interface with a hand-built
// camera viewport (image_2 at zoom 2, image origin at screen (100, 50)).
#include <GLFW/glfw3.h>

#include "tests/gui/tools_test_util.h"

using namespace vantage;
using gui::PointerEvent;
using T = gui::PointerEvent::Type;

namespace {

struct Harness {
  test::ImGuiFrame imgui;
  gui::Workspace ws{test::tools_document(), "/tmp/vantage-tools-test"};
  gui::ToolBox tools;
  gui::ActionList actions;
  gui::ImageViewport vp = test::image_viewport();
  Harness() { gui::add_tool_actions(actions, tools); }
  gui::Tool& use(gui::ToolId id) {
    tools.set_active(ws, id);
    return *tools.active();
  }
  bool send(const PointerEvent& e) {
    gui::Tool* t = tools.active();
    const bool used = t->on_image_event(ws, vp, e);
    t->draw_image_overlay(ws, vp);  // overlays must not crash mid-gesture
    return used;
  }
  void drag(ImVec2 a, ImVec2 b) {
    test::drag([&](const PointerEvent& e) { send(e); }, a, b);
  }
  void click(ImVec2 s, int button = 0) {
    send(test::ev(T::Press, s, button));
    send(test::ev(T::Release, s, button));
  }
  ImVec2 screen(double x, double y) const { return vp.to_screen({x, y}); }
  const core::Object* only_object() const {
    return ws.doc().annotations.objects.size() == 1 ? &ws.doc().annotations.objects[0] : nullptr;
  }
};

}  // namespace

TEST_CASE("box tool: a drag draws the mapped box, one undo removes it", "[gui][tools]") {
  Harness h;
  h.use(gui::ToolId::Box);
  // Screen (300, 150) -> image (100, 50); (500, 350) -> (200, 150).
  h.drag({500, 350}, {300, 150});  // drawn from bottom-right to top-left
  const core::Object* o = h.only_object();
  REQUIRE(o);
  CHECK(o->class_name == "Car");  // first class allowing box2d
  const core::Shape* s = o->shape(0, "image_2", core::ShapeKind::Box2D);
  REQUIRE(s);
  CHECK(*s->as<core::Box2D>() == core::Box2D{100, 50, 200, 150});
  CHECK(s->keyframe);
  CHECK(s->source == core::ShapeSource::Manual);
  CHECK(s->annotator == h.ws.annotator());
  CHECK(s->created_ms > 0);
  CHECK(h.ws.view().selection == std::set<core::ObjectId>{o->id});
  REQUIRE(h.ws.editor().undo());
  CHECK(h.ws.doc().annotations.objects.empty());
  CHECK_FALSE(h.ws.editor().can_undo());
}

TEST_CASE("box tool: clicks do not make boxes; the tool's class is used", "[gui][tools]") {
  Harness h;
  h.use(gui::ToolId::Box);
  h.click({300, 150});
  CHECK(h.ws.doc().annotations.objects.empty());
  h.tools.settings().class_for[core::ShapeKind::Box2D] = "Pedestrian";
  h.drag({300, 150}, {320, 200});
  REQUIRE(h.only_object());
  CHECK(h.only_object()->class_name == "Pedestrian");
  // Boxes are clipped to the image.
  h.ws.view().selection.clear();
  h.ws.view().active = -1;
  h.drag({10, 10}, {300, 150});
  const core::Object& o2 = h.ws.doc().annotations.objects.back();
  CHECK(*o2.shape(0, "image_2", core::ShapeKind::Box2D)->as<core::Box2D>() ==
        core::Box2D{0, 0, 100, 50});
}

TEST_CASE("select tool: dragging an edge resizes only that edge; one drag one undo",
          "[gui][tools]") {
  Harness h;
  h.use(gui::ToolId::Box);
  h.drag({300, 150}, {500, 350});  // image (100,50)-(200,150)
  h.use(gui::ToolId::Select);
  const core::ObjectId id = h.only_object()->id;
  // Right edge at image x 200 -> screen x 500; drag it 40 px right (20 image px).
  h.drag({500, 250}, {540, 260});
  const auto box = [&] {
    return *h.ws.doc()
                .annotations.find(id)
                ->shape(0, "image_2", core::ShapeKind::Box2D)
                ->as<core::Box2D>();
  };
  CHECK(box() == core::Box2D{100, 50, 220, 150});
  // Top-left corner moves two edges.
  h.drag({300, 150}, {280, 170});
  CHECK(box() == core::Box2D{90, 60, 220, 150});
  // Interior drag moves the box.
  h.drag({400, 250}, {420, 250});
  CHECK(box() == core::Box2D{100, 60, 230, 150});
  REQUIRE(h.ws.editor().undo());
  CHECK(box() == core::Box2D{90, 60, 220, 150});
  REQUIRE(h.ws.editor().undo());
  CHECK(box() == core::Box2D{100, 50, 220, 150});
  REQUIRE(h.ws.editor().undo());
  CHECK(box() == core::Box2D{100, 50, 200, 150});
}

TEST_CASE("select tool: clicks select, Ctrl toggles, empty space is left to the view",
          "[gui][tools]") {
  Harness h;
  h.use(gui::ToolId::Box);
  h.drag({300, 150}, {500, 350});  // #1 image (100,50)-(200,150)
  h.ws.view().selection.clear();
  h.ws.view().active = -1;
  h.drag({700, 150}, {800, 250});  // #2 image (300,50)-(350,100)
  h.use(gui::ToolId::Select);
  h.ws.view().selection.clear();
  CHECK(h.send(test::ev(T::Press, {400, 250})));
  h.send(test::ev(T::Release, {400, 250}));
  CHECK(h.ws.view().selection == std::set<core::ObjectId>{1});
  auto ctrl = test::ev(T::Press, {750, 200});
  ctrl.ctrl = true;
  CHECK(h.send(ctrl));
  h.send(test::ev(T::Release, {750, 200}));
  CHECK(h.ws.view().selection == std::set<core::ObjectId>{1, 2});
  CHECK(h.ws.view().active == 2);
  h.send(ctrl);  // toggles #2 off
  CHECK(h.ws.view().selection == std::set<core::ObjectId>{1});
  CHECK_FALSE(h.send(test::ev(T::Press, {1500, 700})));         // nothing there: the view pans
  CHECK(h.ws.view().selection == std::set<core::ObjectId>{1});  // (and clears on a click)
  // Hidden objects cannot be picked; locked ones can be selected but not moved.
  h.ws.view().hidden.insert(1);
  CHECK_FALSE(h.send(test::ev(T::Press, {400, 250})));
  h.ws.view().hidden.clear();
  h.ws.view().locked.insert(1);
  h.drag({400, 250}, {450, 250});
  CHECK(*h.ws.doc()
             .annotations.find(1)
             ->shape(0, "image_2", core::ShapeKind::Box2D)
             ->as<core::Box2D>() == core::Box2D{100, 50, 200, 150});
}

TEST_CASE("select tool: editing an interpolated box stores a keyframe there", "[gui][tools]") {
  Harness h;
  core::Object o;
  o.id = 1;
  o.class_name = "Car";
  o.track_or_create("image_2", core::ShapeKind::Box2D)
      .set(0, test::shape_of(core::Box2D{100, 50, 200, 150}));
  o.track_or_create("image_2", core::ShapeKind::Box2D)
      .set(4, test::shape_of(core::Box2D{140, 50, 240, 150}));
  h.ws.editor().execute(core::make_add_object(o));
  h.ws.set_frame(2);  // interpolated: (120,50)-(220,150)
  h.use(gui::ToolId::Select);
  h.ws.view().selection = {1};
  h.ws.view().active = 1;
  const ImVec2 bottom = h.screen(170, 150);
  h.drag(bottom, {bottom.x, bottom.y + 20});
  const core::Shape* s =
      h.ws.doc().annotations.find(1)->shape(2, "image_2", core::ShapeKind::Box2D);
  REQUIRE(s);
  CHECK(s->keyframe);
  CHECK(*s->as<core::Box2D>() == core::Box2D{120, 50, 220, 160});
  // Arrow keys nudge the selected box by 1 px, Shift by 10.
  CHECK(h.tools.active()->on_key(h.ws, test::key(GLFW_KEY_RIGHT)));
  CHECK(h.tools.active()->on_key(h.ws, test::key(GLFW_KEY_UP, true)));
  CHECK(*h.ws.doc()
             .annotations.find(1)
             ->shape(2, "image_2", core::ShapeKind::Box2D)
             ->as<core::Box2D>() == core::Box2D{121, 40, 221, 150});
}

TEST_CASE("polygon tool: click vertices and close on the first one", "[gui][tools]") {
  Harness h;
  gui::Tool& t = h.use(gui::ToolId::Polygon);
  h.click(h.screen(10, 10));
  h.click(h.screen(110, 10));
  h.click(h.screen(110, 90));
  h.click(h.screen(60, 120));
  t.on_key(h.ws, test::key(GLFW_KEY_BACKSPACE));  // drops (60, 120)
  h.click(h.screen(10, 90));
  CHECK(h.ws.doc().annotations.objects.empty());
  h.click(h.screen(10.5, 10.5));  // on the first vertex: closes
  const core::Object* o = h.only_object();
  REQUIRE(o);
  const core::Shape* s = o->shape(0, "image_2", core::ShapeKind::Polygon);
  REQUIRE(s);
  const std::vector<core::Vec2> expected{{10, 10}, {110, 10}, {110, 90}, {10, 90}};
  CHECK(s->as<core::Polygon>()->points == expected);
  REQUIRE(h.ws.editor().undo());
  CHECK(h.ws.doc().annotations.objects.empty());
}

TEST_CASE("polygon tool: Enter closes; Alt makes a hole of the selected polygon", "[gui][tools]") {
  Harness h;
  gui::Tool& t = h.use(gui::ToolId::Polygon);
  for (auto p : {core::Vec2{0, 0}, core::Vec2{100, 0}, core::Vec2{100, 100}, core::Vec2{0, 100}})
    h.click(h.screen(p.x, p.y));
  CHECK(t.on_key(h.ws, test::key(GLFW_KEY_ENTER)));
  REQUIRE(h.only_object());
  const core::ObjectId id = h.only_object()->id;
  CHECK(h.ws.view().active == id);
  auto press = test::ev(T::Press, h.screen(20, 20));
  press.alt = true;
  h.send(press);
  h.click(h.screen(40, 20));
  h.click(h.screen(30, 40));
  t.on_key(h.ws, test::key(GLFW_KEY_ENTER));
  REQUIRE(h.ws.doc().annotations.objects.size() == 1);
  const core::Polygon& p =
      *h.only_object()->shape(0, "image_2", core::ShapeKind::Polygon)->as<core::Polygon>();
  REQUIRE(p.holes.size() == 1);
  CHECK(p.holes[0] == std::vector<core::Vec2>{{20, 20}, {40, 20}, {30, 40}});
  // Escape drops a half-drawn outline.
  h.click(h.screen(200, 200));
  t.on_key(h.ws, test::key(GLFW_KEY_ESCAPE));
  h.click(h.screen(300, 200));
  t.on_key(h.ws, test::key(GLFW_KEY_ENTER));  // one point: nothing
  CHECK(h.ws.doc().annotations.objects.size() == 1);
}

TEST_CASE("select tool: polygon vertices drag, insert on double-click, delete", "[gui][tools]") {
  Harness h;
  gui::Tool& poly = h.use(gui::ToolId::Polygon);
  for (auto p : {core::Vec2{0, 0}, core::Vec2{100, 0}, core::Vec2{100, 100}, core::Vec2{0, 100}})
    h.click(h.screen(p.x, p.y));
  poly.on_key(h.ws, test::key(GLFW_KEY_ENTER));
  gui::Tool& sel = h.use(gui::ToolId::Select);
  const auto ring = [&] {
    return h.only_object()
        ->shape(0, "image_2", core::ShapeKind::Polygon)
        ->as<core::Polygon>()
        ->points;
  };
  h.drag(h.screen(100, 100), h.screen(120, 110));
  CHECK(ring()[2] == core::Vec2(120, 110));
  CHECK(ring()[0] == core::Vec2(0, 0));
  // Double-click on the top edge inserts a vertex after vertex 0.
  h.send(test::ev(T::Press, h.screen(50, 0)));
  h.send(test::ev(T::Release, h.screen(50, 0)));
  h.send(test::ev(T::DoubleClick, h.screen(50, 0)));
  REQUIRE(ring().size() == 5);
  CHECK(ring()[1] == core::Vec2(50, 0));
  // Delete removes the vertex under the cursor; right click too.
  h.send(test::ev(T::Move, h.screen(50, 0)));
  CHECK(sel.on_key(h.ws, test::key(GLFW_KEY_DELETE)));
  CHECK(ring().size() == 4);
  h.click(h.screen(0, 100), 1);
  CHECK(ring().size() == 3);
  h.click(h.screen(0, 0), 1);  // a polygon keeps three vertices
  CHECK(ring().size() == 3);
}

TEST_CASE("polyline tool: Enter finishes, Escape cancels", "[gui][tools]") {
  Harness h;
  gui::Tool& t = h.use(gui::ToolId::Polyline);
  h.click(h.screen(0, 300));
  h.click(h.screen(50, 200));
  t.on_key(h.ws, test::key(GLFW_KEY_ESCAPE));
  CHECK(h.ws.doc().annotations.objects.empty());
  h.click(h.screen(0, 300));
  h.click(h.screen(50, 200));
  h.click(h.screen(80, 150));
  t.on_key(h.ws, test::key(GLFW_KEY_ENTER));
  const core::Object* o = h.only_object();
  REQUIRE(o);
  CHECK(o->class_name == "Pole");  // first class allowing polylines
  CHECK(o->shape(0, "image_2", core::ShapeKind::Polyline)->as<core::Polyline>()->points ==
        std::vector<core::Vec2>{{0, 300}, {50, 200}, {80, 150}});
}

TEST_CASE("keypoints tool follows the class's skeleton", "[gui][tools]") {
  Harness h;
  gui::Tool& t = h.use(gui::ToolId::Keypoints);
  const core::Skeleton* sk = h.ws.doc().schema.find_skeleton("person");
  REQUIRE(sk);
  REQUIRE(sk->points.size() == 17);
  // Two visible points, one skipped (right click), then V hides the last.
  h.click(h.screen(100, 20));
  h.click(h.screen(95, 18), 1);
  h.click(h.screen(105, 18));
  CHECK(t.on_key(h.ws, test::key(GLFW_KEY_V)));
  t.draw_image_overlay(h.ws, h.vp);
  CHECK(t.on_key(h.ws, test::key(GLFW_KEY_ENTER)));
  const core::Object* o = h.only_object();
  REQUIRE(o);
  CHECK(o->class_name == "Pedestrian");
  const auto& pts =
      o->shape(0, "image_2", core::ShapeKind::Keypoints)->as<core::Keypoints>()->points;
  REQUIRE(pts.size() == 17);
  CHECK(pts[0].position == core::Vec2(100, 20));
  CHECK(pts[0].visibility == 2);
  CHECK(pts[1].visibility == 0);
  CHECK(pts[2].position == core::Vec2(105, 18));
  CHECK(pts[2].visibility == 1);
  for (size_t i = 3; i < 17; ++i)
    CHECK(pts[i].visibility == 0);

  // A full skeleton stores itself after its last point, on the active object.
  for (int i = 0; i < 17; ++i)
    h.click(h.screen(300 + 5 * i, 100));
  REQUIRE(h.ws.doc().annotations.objects.size() == 2);
  const auto& all = h.ws.doc()
                        .annotations.objects.back()
                        .shape(0, "image_2", core::ShapeKind::Keypoints)
                        ->as<core::Keypoints>()
                        ->points;
  for (int i = 0; i < 17; ++i) {
    CHECK(all[i].position == core::Vec2(300 + 5 * i, 100));
    CHECK(all[i].visibility == 2);
  }
}

TEST_CASE("tag actions toggle the schema's frame tags", "[gui][tools]") {
  Harness h;
  const auto& tags = h.ws.doc().schema.tags;
  REQUIRE(tags.size() >= 5);
  h.ws.set_frame(3);
  test::run_action(h.actions, h.ws, "tag.1");  // clear (weather)
  test::run_action(h.actions, h.ws, "tag.5");  // day (time of day)
  CHECK(h.ws.doc().annotations.frame_tags.at(3) ==
        std::vector<std::string>{tags[0].name, tags[4].name});
  test::run_action(h.actions, h.ws, "tag.2");  // rain replaces clear
  CHECK(h.ws.doc().annotations.frame_tags.at(3) ==
        std::vector<std::string>{tags[4].name, tags[1].name});
  test::run_action(h.actions, h.ws, "tag.5");
  CHECK(h.ws.doc().annotations.frame_tags.at(3) == std::vector<std::string>{tags[1].name});
  CHECK(h.ws.doc().annotations.frame_tags.count(2) == 0);
}

TEST_CASE("tool actions are registered with ids, labels and keys", "[gui][tools]") {
  Harness h;
  for (const char* id :
       {"tool.select", "tool.box", "tool.polygon", "tool.polyline", "tool.keypoints", "tool.cuboid",
        "tag.1", "tag.9", "edit.copy", "edit.paste", "cuboid.flip", "cuboid.copy_prev",
        "track.propagate", "prelabel.accept", "prelabel.reject", "prelabel.next_uncertain",
        "shape.keyframe", "cuboid.derive_boxes"}) {
    INFO(id);
    const gui::Action* a = h.actions.find(id);
    REQUIRE(a);
    CHECK_FALSE(a->label.empty());
  }
  test::run_action(h.actions, h.ws, "tool.polygon");
  CHECK(h.tools.active_id() == gui::ToolId::Polygon);
  CHECK(h.ws.view().tool == gui::ToolId::Polygon);
}

TEST_CASE("copy/paste, paste to range and change class of many through actions", "[gui][tools]") {
  Harness h;
  h.use(gui::ToolId::Box);
  h.drag(h.screen(100, 50), h.screen(200, 150));
  h.ws.view().selection.clear();
  h.ws.view().active = -1;
  h.drag(h.screen(300, 50), h.screen(350, 100));
  h.ws.view().selection = {1, 2};
  test::run_action(h.actions, h.ws, "edit.copy");
  // Into the same frame: new objects, shifted so they are visible.
  test::run_action(h.actions, h.ws, "edit.paste");
  REQUIRE(h.ws.doc().annotations.objects.size() == 4);
  CHECK(*h.ws.doc()
             .annotations.find(3)
             ->shape(0, "image_2", core::ShapeKind::Box2D)
             ->as<core::Box2D>() == core::Box2D{110, 60, 210, 160});
  CHECK(h.ws.view().selection == std::set<core::ObjectId>{3, 4});
  h.ws.editor().undo();
  // Into frames 4..6: onto the same objects.
  h.tools.settings().range_first = 4;
  h.tools.settings().range_last = 6;
  test::run_action(h.actions, h.ws, "edit.paste_range");
  REQUIRE(h.ws.doc().annotations.objects.size() == 2);
  for (int f : {4, 5, 6})
    CHECK(*h.ws.doc()
               .annotations.find(1)
               ->shape(f, "image_2", core::ShapeKind::Box2D)
               ->as<core::Box2D>() == core::Box2D{100, 50, 200, 150});
  CHECK(h.ws.doc().annotations.find(1)->shape(3, "image_2", core::ShapeKind::Box2D) == nullptr);
  // Change the class of both at once.
  h.ws.view().selection = {1, 2};
  h.tools.settings().new_class = "Truck";
  test::run_action(h.actions, h.ws, "selection.change_class");
  CHECK(h.ws.doc().annotations.find(1)->class_name == "Truck");
  CHECK(h.ws.doc().annotations.find(2)->class_name == "Truck");
  h.ws.editor().undo();
  CHECK(h.ws.doc().annotations.find(2)->class_name == "Car");
}

TEST_CASE("tool options panel draws with a selection and a running tool", "[gui][tools]") {
  Harness h;
  h.use(gui::ToolId::Polygon);
  ImGui::Begin("Tool options");
  gui::draw_tool_options_panel(h.ws, h.tools);
  ImGui::End();
  SUCCEED();
}

TEST_CASE("a half-drawn polygon ignores other cameras and ends with the frame", "[gui][tools]") {
  Harness h;
  gui::Tool& t = h.use(gui::ToolId::Polygon);
  h.click(h.screen(0, 0));
  h.click(h.screen(100, 0));
  gui::ImageViewport other = h.vp;
  other.camera = "image_3";
  CHECK_FALSE(t.on_image_event(h.ws, other, test::ev(T::Move, {400, 300})));
  h.click(h.screen(100, 100));
  CHECK(t.on_key(h.ws, test::key(GLFW_KEY_ENTER)));
  REQUIRE(h.only_object());
  CHECK(h.only_object()
            ->shape(0, "image_2", core::ShapeKind::Polygon)
            ->as<core::Polygon>()
            ->points.size() == 3);
  // Moving to another frame drops the outline in progress.
  h.click(h.screen(300, 0));
  h.click(h.screen(400, 0));
  h.ws.set_frame(1);
  t.draw_image_overlay(h.ws, h.vp);
  CHECK_FALSE(t.on_key(h.ws, test::key(GLFW_KEY_ENTER)));  // nothing left to close
  CHECK(h.ws.doc().annotations.objects.size() == 1);
}
