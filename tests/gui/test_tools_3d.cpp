// Cuboid tool and the 3D assistance (auto-fit, ground snap, derived 2D
// boxes, propagation) driven through the Tool interface and the actions.
#include <GLFW/glfw3.h>

#include <chrono>
#include <thread>

#include "app/gui/tools/tool_ops.h"
#include "core/geometry/cuboid_iou.h"
#include "core/geometry/cuboid_projection.h"
#include "core/geometry/ground_estimation.h"
#include "core/io/frame_points.h"
#include "core/model/point_cloud.h"
#include "tests/core/demo_fixture.h"
#include "tests/gui/tools_test_util.h"

using namespace vantage;
using T = gui::PointerEvent::Type;

namespace {

struct SceneHarness {
  test::ImGuiFrame imgui;
  gui::Workspace ws;
  gui::ToolBox tools;
  gui::ActionList actions;
  explicit SceneHarness(core::Document doc) : ws(std::move(doc), "/tmp/vantage-tools-test") {
    gui::add_tool_actions(actions, tools);
  }
  void scene_drag(const gui::SceneViewport& vp, ImVec2 a, ImVec2 b) {
    test::drag(
        [&](const gui::PointerEvent& e) {
          tools.active()->on_scene_event(ws, vp, e);
          tools.active()->draw_scene_overlay(ws, vp);
        },
        a, b);
  }
};

const core::Cuboid* cuboid_of(const core::Object& o, int frame) {
  const core::Shape* s = o.shape(frame, core::kSceneSensor, core::ShapeKind::Cuboid);
  return s ? s->as<core::Cuboid>() : nullptr;
}

}  // namespace

TEST_CASE("cuboid tool: a BEV drag gives length, heading, prior size, bottom on the ground",
          "[gui][tools]") {
  SceneHarness h(test::tools_document());  // no LiDAR: the ground is z = 0
  h.tools.set_active(h.ws, gui::ToolId::Cuboid);
  const gui::SceneViewport vp = test::bev_viewport();  // 10 px per metre, centre (5, 3)
  // Screen (100, 50) is (5, 3); (140, 20) is (9, 6): 5 m long, heading atan2(3, 4).
  h.scene_drag(vp, {100, 50}, {140, 20});
  REQUIRE(h.ws.doc().annotations.objects.size() == 1);
  const core::Object& o = h.ws.doc().annotations.objects[0];
  CHECK(o.class_name == "Car");
  const core::Cuboid* c = cuboid_of(o, 0);
  REQUIRE(c);
  const core::ClassDef* car = h.ws.doc().schema.find_class("Car");
  const core::Vec3 typical = (car->size_range->min + car->size_range->max) * 0.5;
  CHECK(c->center.x == Approx(7.0).margin(1e-6));
  CHECK(c->center.y == Approx(4.5).margin(1e-6));
  CHECK(c->size.x == Approx(5.0).margin(1e-6));
  CHECK(c->size.y == Approx(typical.y));
  CHECK(c->size.z == Approx(typical.z));
  CHECK(c->yaw == Approx(std::atan2(3.0, 4.0)));
  CHECK(c->center.z - c->size.z / 2 == Approx(0.0).margin(1e-9));
  REQUIRE(h.ws.editor().undo());
  CHECK(h.ws.doc().annotations.objects.empty());

  // Flip heading and copy from the previous frame act on the active object.
  h.ws.editor().redo();
  h.ws.view().selection = {o.id};
  h.ws.view().active = o.id;
  test::run_action(h.actions, h.ws, "cuboid.flip");
  const core::Cuboid flipped = *cuboid_of(h.ws.doc().annotations.objects[0], 0);
  CHECK(core::wrap_angle(flipped.yaw - std::atan2(3.0, 4.0) - core::kPi) ==
        Approx(0.0).margin(1e-6));
  h.ws.set_frame(1);
  test::run_action(h.actions, h.ws, "cuboid.copy_prev");
  const core::Cuboid* copied = cuboid_of(h.ws.doc().annotations.objects[0], 1);
  REQUIRE(copied);
  CHECK(*copied == flipped);
}

TEST_CASE("select tool drags a cuboid over the ground in BEV", "[gui][tools]") {
  SceneHarness h(test::tools_document());
  h.tools.set_active(h.ws, gui::ToolId::Cuboid);
  const gui::SceneViewport vp = test::bev_viewport();
  h.scene_drag(vp, {100, 50}, {140, 50});  // (5,3) -> (9,3)
  h.tools.set_active(h.ws, gui::ToolId::Select);
  h.ws.view().selection.clear();
  // Click inside the footprint, drag 2 m along -y (20 px down on screen).
  h.scene_drag(vp, {120, 50}, {120, 70});
  CHECK(h.ws.view().selection == std::set<core::ObjectId>{1});
  const core::Cuboid* c = cuboid_of(h.ws.doc().annotations.objects[0], 0);
  CHECK(c->center.x == Approx(7.0));
  CHECK(c->center.y == Approx(1.0));
  REQUIRE(h.ws.editor().undo());  // the whole drag is one step
  CHECK(cuboid_of(h.ws.doc().annotations.objects[0], 0)->center.y == Approx(3.0));

  // A detail pane (orthographic, centred on the active cuboid) keeps its own
  // handles: the tool leaves the press to it.
  const gui::SceneViewport detail = test::bev_viewport(7.0, 3.0);
  CHECK_FALSE(h.tools.active()->on_scene_event(h.ws, detail, test::ev(T::Press, {100, 50})));
  h.tools.active()->on_scene_event(h.ws, detail, test::ev(T::Release, {100, 50}));
}

TEST_CASE("derive 2D boxes action equals clip_box(project_cuboid) per camera", "[gui][tools]") {
  SceneHarness h(test::tools_document());
  core::Object o;
  o.id = 5;
  o.class_name = "Car";
  core::Cuboid c;
  c.center = {9, -2.0, -0.9};
  c.size = {4.0, 1.8, 1.5};
  c.yaw = -0.3;
  o.track_or_create(core::kSceneSensor, core::ShapeKind::Cuboid).set(0, test::shape_of(c));
  h.ws.editor().execute(core::make_add_object(o));
  h.ws.view().selection = {5};
  h.ws.view().active = 5;
  test::run_action(h.actions, h.ws, "cuboid.derive_boxes");
  const core::CameraModel cam(test::kitti_like_camera());
  const auto p = core::project_cuboid(cam, c);
  const auto expected = core::clip_box(*p.unclipped_box, cam.width(), cam.height());
  REQUIRE(expected);
  const core::Shape* s =
      h.ws.doc().annotations.find(5)->shape(0, "image_2", core::ShapeKind::Box2D);
  REQUIRE(s);
  CHECK(s->as<core::Box2D>()->x1 == Approx(expected->x1));
  CHECK(s->as<core::Box2D>()->y1 == Approx(expected->y1));
  CHECK(s->as<core::Box2D>()->x2 == Approx(expected->x2));
  CHECK(s->as<core::Box2D>()->y2 == Approx(expected->y2));
  CHECK(s->keyframe);
}

TEST_CASE("cuboid tool on demo data: bottom on the estimated ground, click auto-fits",
          "[gui][tools][demo]") {
  const test::DemoFixture& demo = test::demo_fixture();
  const int frame = 0;
  // Ground truth cars with plenty of returns at frame 0.
  core::PointCloud cloud;
  REQUIRE(core::read_frame_points(demo.doc, frame, cloud));
  const core::Cuboid* truth = nullptr;
  size_t best_points = 0;
  for (const core::Object& o : demo.ground_truth.objects) {
    if (o.class_name != "Car") continue;
    const core::Cuboid* c = cuboid_of(o, frame);
    if (!c || glm::length(core::Vec2(c->center)) > 25) continue;
    size_t n = 0;
    for (const auto& p : cloud.points) {
      const core::Vec3 q(p.x, p.y, p.z);
      const core::Vec3 d = q - c->center;
      if (std::abs(d.x) < 3 && std::abs(d.y) < 3 && std::abs(d.z) < c->size.z / 2) ++n;
    }
    if (n > best_points) best_points = n, truth = c;
  }
  REQUIRE(truth);
  REQUIRE(best_points > 50);
  // Start from an empty working file so the new cuboid is the only one.
  core::Document empty = demo.doc;
  empty.annotations.objects.clear();
  SceneHarness e(empty);
  e.tools.set_active(e.ws, gui::ToolId::Cuboid);
  const gui::SceneViewport vp =
      test::bev_viewport(truth->center.x, truth->center.y, 20, 10, {400, 200});
  const ImVec2 centre{200, 100};
  e.tools.active()->on_scene_event(e.ws, vp, test::ev(T::Press, centre));
  e.tools.active()->on_scene_event(e.ws, vp, test::ev(T::Release, centre));
  INFO(e.tools.settings().message);
  REQUIRE(e.ws.doc().annotations.objects.size() == 1);
  const core::Cuboid fit = *cuboid_of(e.ws.doc().annotations.objects[0], frame);
  CHECK(core::bev_iou(fit, *truth) > 0.5);

  // A drag places a box whose bottom is on the estimated ground.
  e.ws.view().selection.clear();
  e.ws.view().active = -1;
  e.scene_drag(vp, {200, 150}, {260, 150});
  REQUIRE(e.ws.doc().annotations.objects.size() == 2);
  const core::Cuboid placed = *cuboid_of(e.ws.doc().annotations.objects[1], frame);
  core::Vec3 sensor;
  core::PointCloud pts;
  core::read_frame_points(e.ws.doc(), frame, pts, &sensor);
  core::GroundOptions go;
  go.sensor_xy = core::Vec2(sensor.x, sensor.y);
  const core::GroundModel ground = core::estimate_ground(pts, go).model;
  CHECK(placed.center.z - placed.size.z / 2 ==
        Approx(ground.ground_z(placed.center.x, placed.center.y)).margin(1e-6));
  CHECK(placed.size.x == Approx(6.0).margin(0.05));  // 60 px at 10 px/m

  // Snap to ground restores the bottom after a vertical move.
  const core::ObjectId placed_id = e.ws.doc().annotations.objects[1].id;
  core::Cuboid raised = placed;
  raised.center.z += 1.0;
  e.ws.editor().execute(std::make_unique<core::SetShapeCommand>(
      placed_id, core::kSceneSensor, core::ShapeKind::Cuboid, frame, test::shape_of(raised)));
  e.ws.view().active = placed_id;
  e.ws.view().selection = {placed_id};
  test::run_action(e.actions, e.ws, "cuboid.snap_ground");
  CHECK(cuboid_of(*e.ws.doc().annotations.find(placed_id), frame)->center.z ==
        Approx(placed.center.z));

  // Propagate the fitted cuboid forward on a worker; the panel polls it.
  const core::ObjectId fit_id = e.ws.doc().annotations.objects[0].id;
  e.ws.view().active = fit_id;
  e.ws.view().selection = {fit_id};
  e.tools.settings().propagate_frames = 3;
  test::run_action(e.actions, e.ws, "track.propagate");
  REQUIRE(e.tools.settings().job);
  CHECK(e.tools.settings().job->total() == 3);
  e.tools.settings().job->wait();
  gui::tool_ops::poll_jobs(e.ws, e.tools.settings());
  INFO(e.tools.settings().message);
  CHECK_FALSE(e.tools.settings().job);
  const core::Object& tracked = *e.ws.doc().annotations.find(fit_id);
  for (int f = 1; f <= 3; ++f) {
    const core::Shape* s = tracked.shape(f, core::kSceneSensor, core::ShapeKind::Cuboid);
    REQUIRE(s);
    CHECK(s->source == core::ShapeSource::Tracker);
    CHECK_FALSE(s->keyframe);
  }
  REQUIRE(e.ws.editor().undo());  // all proposals are one step
  CHECK(e.ws.doc().annotations.find(fit_id)->shape(1, core::kSceneSensor,
                                                   core::ShapeKind::Cuboid) == nullptr);
}
