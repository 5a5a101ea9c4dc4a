#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "app/gui/viewport.h"

using namespace vantage;

TEST_CASE("image viewport maps image pixels to screen and back", "[gui][viewport]") {
  gui::ImageViewport v;
  v.origin = {100, 50};
  v.zoom = 2.0;
  const ImVec2 s = v.to_screen({10.0, 20.0});
  CHECK(s.x == Approx(120));
  CHECK(s.y == Approx(90));
  const core::Vec2 p = v.to_image({121, 91});
  CHECK(p.x == Approx(10.5));
  CHECK(p.y == Approx(20.5));
}

TEST_CASE("scene viewport: bird's-eye picking lands on the ground plane", "[gui][viewport]") {
  gui::SceneViewport v;
  v.view_min = {0, 0};
  v.view_max = {200, 100};
  v.orthographic = true;
  // 1 px = 0.1 m, looking down -z, x right, y up on screen, centred at (5, 3).
  const core::Mat4 proj = glm::ortho(-10.0, 10.0, -5.0, 5.0, -100.0, 100.0);
  const core::Mat4 view = glm::lookAt(core::Vec3(5, 3, 50), core::Vec3(5, 3, 0), core::Vec3(0, 1, 0));
  v.view_proj = proj * view;
  const auto g = v.on_plane_z({150, 25}, 0.0);
  REQUIRE(g);
  CHECK(g->x == Approx(10.0));
  CHECK(g->y == Approx(5.5));
  const auto s = v.to_screen({10.0, 5.5, 0.0});
  REQUIRE(s);
  CHECK(s->x == Approx(150));
  CHECK(s->y == Approx(25));
}
