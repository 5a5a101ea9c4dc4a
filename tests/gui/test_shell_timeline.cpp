#include <catch2/catch.hpp>

#include "app/gui/panels/timeline_panel.h"
#include "app/gui/workspace.h"
#include "tests/gui/shell_imgui_harness.h"
#include "tests/support/fixtures.h"

using namespace vantage;

TEST_CASE("timeline: clicking the ruler and a lane moves the frame and selects",
          "[gui][shell][timeline]") {
  test::SyntheticOptions o;
  o.frames = 40;
  o.objects = 3;
  gui::Workspace ws(test::make_synthetic_document(o), "/nonexistent");
  test::ImGuiHarness ui;
  gui::TimelineGeometry g;
  auto draw = [&] { g = gui::draw_timeline_panel(ws); };
  ui.frame(draw);
  REQUIRE(g.frames == 40);
  REQUIRE(g.ruler_max.x > g.ruler_min.x + 100);
  CHECK(ws.view().frame == 0);

  const float y = (g.ruler_min.y + g.ruler_max.y) * 0.5f;
  ui.click(ImVec2(g.frame_x(27), y), draw);
  CHECK(ws.view().frame == 27);

  // Dragging along the ruler scrubs.
  ui.mouse(ImVec2(g.frame_x(10), y), true);
  ui.frame(draw);
  ui.mouse(ImVec2(g.frame_x(12), y), true);
  ui.frame(draw);
  CHECK(ws.view().frame == 12);
  ui.mouse(ImVec2(g.frame_x(12), y), false);
  ui.frame(draw);

  // The second lane (second object) at frame 33: frame and selection change.
  const core::ObjectId second = ws.doc().annotations.objects[1].id;
  const float lane_y = g.ruler_max.y + 2 + 16 * 1.5f;
  ui.click(ImVec2(g.frame_x(33), lane_y), draw);
  CHECK(ws.view().frame == 33);
  CHECK(ws.view().active == second);
  CHECK(ws.view().selection == std::set<core::ObjectId>{second});
}
