// The tools through the real views and ImGui input (mouse state set before
// NewFrame, as the GLFW backend does): what an annotator's mouse does.
#include <catch2/catch.hpp>

#include "app/gui/tools/tool_box.h"
#include "app/gui/views/camera_view.h"
#include "app/gui/views/scene_view.h"
#include "app/gui/views/view_set.h"
#include "app/gui/workspace.h"
#include "test_render_support.h"
#include "tests/support/test_support.h"

using namespace vantage;

namespace {

struct ToolRig {
  test::TempDir dir;
  std::unique_ptr<gui::Workspace> ws;
  gui::ToolBox tools;
  ToolRig() {
    test::gl_context();
    ws = std::make_unique<gui::Workspace>(test::make_render_document(dir.path()), dir.path());
    ws->cache().wait(0);
    ws->view().show_labels = false;
  }
};

gui::UiInput at(ImVec2 p, bool left = false) {
  gui::UiInput in;
  in.mouse = p;
  in.down[0] = left;
  return in;
}

template <class Draw>
void mouse_drag(gui::UiHarness& ui, Draw&& draw, ImVec2 a, ImVec2 b) {
  ui.frame(at(a), draw);
  ui.frame(at(a, true), draw);
  for (int i = 1; i <= 4; ++i)
    ui.frame(at({a.x + (b.x - a.x) * i / 4, a.y + (b.y - a.y) * i / 4}, true), draw);
  ui.frame(at(b, false), draw);
}

}  // namespace

TEST_CASE("box and select tools through the real camera view", "[gui][tools][views]") {
  ToolRig rig;
  gui::UiHarness ui(test::kImageWidth, test::kImageHeight);
  gui::ViewSet views;
  views.set_toolbars(false);
  rig.tools.set_active(*rig.ws, gui::ToolId::Box);
  auto draw = [&] { views.draw_camera(*rig.ws, rig.tools.active(), test::kRenderCamera); };
  ui.frame(at({-1, -1}), draw);
  ui.frame(at({-1, -1}), draw);
  const gui::CameraView* cv = views.camera_view(test::kRenderCamera);
  REQUIRE(cv);
  const gui::ImageViewport vp = cv->viewport();
  mouse_drag(ui, draw, {100, 120}, {220, 260});
  REQUIRE(rig.ws->doc().annotations.objects.size() == 1);
  const core::Object& o = rig.ws->doc().annotations.objects[0];
  const core::Shape* s = o.shape(0, test::kRenderCamera, core::ShapeKind::Box2D);
  REQUIRE(s);
  const core::Vec2 a = vp.to_image({100, 120}), b = vp.to_image({220, 260});
  CHECK(s->as<core::Box2D>()->x1 == Approx(a.x));
  CHECK(s->as<core::Box2D>()->y1 == Approx(a.y));
  CHECK(s->as<core::Box2D>()->x2 == Approx(b.x));
  CHECK(s->as<core::Box2D>()->y2 == Approx(b.y));
  // The view did not pan while the tool drew.
  CHECK(cv->viewport().origin.x == vp.origin.x);

  // Select: drag the bottom edge down 30 px.
  rig.tools.set_active(*rig.ws, gui::ToolId::Select);
  mouse_drag(ui, draw, {160, 260}, {160, 290});
  const core::Box2D& e = *rig.ws->doc()
                              .annotations.objects[0]
                              .shape(0, test::kRenderCamera, core::ShapeKind::Box2D)
                              ->as<core::Box2D>();
  CHECK(e.y2 == Approx(vp.to_image({160, 290}).y));
  CHECK(e.y1 == Approx(a.y));
  CHECK(e.x1 == Approx(a.x));
  CHECK(e.x2 == Approx(b.x));
  // Dragging empty space pans the view instead.
  mouse_drag(ui, draw, {500, 400}, {540, 420});
  CHECK(cv->viewport().origin.x != vp.origin.x);
  CHECK(rig.ws->view().selection == std::set<core::ObjectId>{o.id});
}

TEST_CASE("cuboid tool through the real bird's-eye view", "[gui][tools][views]") {
  ToolRig rig;
  gui::UiHarness ui(640, 400);
  gui::ViewSet views;
  views.set_toolbars(false);
  rig.ws->view().orbit.bev = true;
  rig.ws->view().orbit.target = {8, 0, 0};
  rig.tools.set_active(*rig.ws, gui::ToolId::Cuboid);
  auto draw = [&] { views.draw_scene(*rig.ws, rig.tools.active()); };
  ui.frame(at({-1, -1}), draw);
  ui.frame(at({-1, -1}), draw);
  const gui::SceneView* sv = views.scene_view();
  REQUIRE(sv);
  const gui::SceneViewport vp = sv->viewport();
  const auto p0 = vp.to_screen({6, 1, 0}), p1 = vp.to_screen({10, 1, 0});
  REQUIRE(p0);
  REQUIRE(p1);
  mouse_drag(ui, draw, *p0, *p1);
  REQUIRE(rig.ws->doc().annotations.objects.size() == 1);
  const core::Cuboid& c = *rig.ws->doc()
                               .annotations.objects[0]
                               .shape(0, core::kSceneSensor, core::ShapeKind::Cuboid)
                               ->as<core::Cuboid>();
  CHECK(c.center.x == Approx(8.0).margin(0.15));
  CHECK(c.center.y == Approx(1.0).margin(0.15));
  CHECK(c.size.x == Approx(4.0).margin(0.2));
  CHECK(std::abs(core::wrap_angle(c.yaw)) < 0.05);
}
