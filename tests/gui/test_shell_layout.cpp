#include <catch2/catch.hpp>

#include "app/gui/layout.h"
#include "tests/gui/shell_imgui_harness.h"
#include "tests/support/test_support.h"

using namespace vantage;

TEST_CASE("layout sizes persist; a malformed file names itself and falls back",
          "[gui][shell][layout]") {
  test::TempDir dir;
  gui::LayoutSizes s;
  std::string err;
  CHECK(gui::load_layout(dir / "none.json", s, &err));  // missing: defaults
  CHECK(s.left_width == gui::LayoutSizes{}.left_width);
  s.left_width = 345;
  s.timeline_height = 123;
  s.scene_fraction = 0.3f;
  gui::save_layout(dir / "layout.json", s);
  gui::LayoutSizes back;
  REQUIRE(gui::load_layout(dir / "layout.json", back, &err));
  CHECK(back.left_width == 345);
  CHECK(back.timeline_height == 123);
  CHECK(back.scene_fraction == Approx(0.3f));

  test::write_text(dir / "bad.json", "{\"left_width\": 12,,}");
  CHECK_FALSE(gui::load_layout(dir / "bad.json", back, &err));
  CHECK(err.find("bad.json") != std::string::npos);
  CHECK(back.left_width == gui::LayoutSizes{}.left_width);
}

TEST_CASE("splitter drags resize, clamped", "[gui][shell][layout]") {
  test::ImGuiHarness ui;
  float size = 200;
  ImVec2 pos;
  auto draw = [&] {
    ImGui::SetCursorScreenPos(ImVec2(300, 100));
    pos = ImGui::GetCursorScreenPos();
    gui::splitter("##s", true, 400, &size, 100, 260);
  };
  ui.frame(draw);
  const ImVec2 grab(pos.x + 3, pos.y + 50);
  ui.mouse(grab, false);
  ui.frame(draw);
  ui.mouse(grab, true);
  ui.frame(draw);
  ui.mouse(ImVec2(grab.x + 40, grab.y), true);
  ui.frame(draw);
  CHECK(size == Approx(240));
  ui.mouse(ImVec2(grab.x + 200, grab.y), true);
  ui.frame(draw);
  CHECK(size == Approx(260));  // clamped
  ui.mouse(ImVec2(grab.x + 200, grab.y), false);
  ui.frame(draw);
  ui.mouse(ImVec2(grab.x - 300, grab.y), false);
  ui.frame(draw);
  CHECK(size == Approx(260));  // released: no more change
}
