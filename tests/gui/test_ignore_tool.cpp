// Ignore-region tool and the hatched overlay, through the Tool interface
// with the hand-built camera viewport the 2D tool tests use.
#include <GLFW/glfw3.h>

#include "app/gui/views/ignore_overlay.h"
#include "tests/gui/tools_test_util.h"

using namespace vantage;
using gui::PointerEvent;
using T = gui::PointerEvent::Type;

TEST_CASE("ignore-region tool: a drag marks a region, right-click removes it, both undo",
          "[gui][tools][ignore]") {
  test::ImGuiFrame imgui;
  gui::Workspace ws{test::tools_document(), "/tmp/vantage-tools-test"};
  gui::ToolBox tools;
  gui::ActionList actions;
  gui::add_tool_actions(actions, tools);
  const gui::ImageViewport vp = test::image_viewport();
  tools.set_active(ws, gui::ToolId::IgnoreRegion);
  gui::Tool* t = tools.active();
  REQUIRE(t->id() == gui::ToolId::IgnoreRegion);
  auto send = [&](const PointerEvent& e) {
    t->on_image_event(ws, vp, e);
    t->draw_image_overlay(ws, vp);
  };
  // Screen (300, 150) -> image (100, 50); (500, 350) -> (200, 150).
  test::drag(send, {500, 350}, {300, 150});
  const auto& regions = ws.doc().annotations.ignore_regions_at(0);
  REQUIRE(regions.size() == 1);
  CHECK(regions[0].sensor == "image_2");
  CHECK(std::get<core::Box2D>(regions[0].geometry) == core::Box2D{100, 50, 200, 150});
  CHECK(regions[0].class_name == "DontCare");
  CHECK(ws.doc().annotations.objects.empty());  // not an object
  // The overlay finds it under the cursor, and only inside it.
  CHECK(gui::pick_ignore_region(ws, vp, {400, 250}) == 0);
  CHECK(gui::pick_ignore_region(ws, vp, {600, 250}) == -1);
  // Right-click inside removes it; undo brings it back, undo again removes the add.
  send(test::ev(T::Press, {400, 250}, 1));
  send(test::ev(T::Release, {400, 250}, 1));
  CHECK(ws.doc().annotations.ignore_regions_at(0).empty());
  REQUIRE(ws.editor().undo());
  REQUIRE(ws.doc().annotations.ignore_regions_at(0).size() == 1);
  REQUIRE(ws.editor().undo());
  CHECK(ws.doc().annotations.ignore_region_count() == 0);
}

TEST_CASE("hatch lines stay inside the region, holes excluded", "[gui][ignore]") {
  const std::vector<ImVec2> outer = {{0, 0}, {100, 0}, {100, 100}, {0, 100}};
  const std::vector<ImVec2> hole = {{30, 30}, {70, 30}, {70, 70}, {30, 70}};
  const auto segs = gui::hatch_segments({outer, hole}, 10.0f);
  REQUIRE(segs.size() > 10);
  double total = 0;
  for (const auto& [a, b] : segs) {
    // Every segment lies on a 45-degree line inside the square, outside the hole.
    CHECK(std::abs((a.x - a.y) - (b.x - b.y)) < 1e-3);
    const ImVec2 m{(a.x + b.x) / 2, (a.y + b.y) / 2};
    CHECK(m.x >= -1e-3f);
    CHECK(m.x <= 100.001f);
    CHECK_FALSE((m.x > 30.01f && m.x < 69.99f && m.y > 30.01f && m.y < 69.99f));
    total += std::hypot(b.x - a.x, b.y - a.y);
  }
  // Covered length: the area (10000 - 1600) over the lines' perpendicular
  // spacing (10 / sqrt 2 for lines x - y = c, c in steps of 10), within a line.
  CHECK(total == Approx(8400.0 * std::sqrt(2.0) / 10.0).margin(150.0));
}
