// The real views driven through ImGui input (mouse position, buttons and
// wheel set before NewFrame, as the GLFW backend does): camera overlays land
// on the pixels core's CameraModel predicts, wheel zoom keeps the pixel under
// the cursor, clicks select, the 3D view picks cuboids, and the detail view's
// handles edit the cuboid as one undoable step.
#include <catch2/catch.hpp>

#include "app/gui/views/camera_view.h"
#include "app/gui/views/cuboid_detail_view.h"
#include "app/gui/views/scene_view.h"
#include "app/gui/views/view_set.h"
#include "app/gui/workspace.h"
#include "core/geometry/cuboid_projection.h"
#include "test_render_support.h"
#include "tests/support/test_support.h"

using namespace vantage;

namespace {

struct Rig {
  test::TempDir dir;
  std::unique_ptr<gui::Workspace> ws;
  core::ObjectId car = -1;
  core::Cuboid cuboid;

  explicit Rig(const std::vector<glm::vec4>& points = {}) {
    test::gl_context();
    core::Document doc = test::make_render_document(dir.path(), points);
    cuboid.center = {12.0, 1.0, 0.8};
    cuboid.size = {4.2, 1.9, 1.6};
    cuboid.yaw = 0.25;
    car = test::add_cuboid_object(doc, "car", cuboid);
    ws = std::make_unique<gui::Workspace>(std::move(doc), dir.path());
    ws->cache().wait(0);
    ws->view().show_labels = false;
  }
};

gui::UiInput at(float x, float y, bool left = false) {
  gui::UiInput in;
  in.mouse = {x, y};
  in.down[0] = left;
  return in;
}

}  // namespace

TEST_CASE("camera view: projected cuboid edges land on the CameraModel's pixels", "[gui][views]") {
  Rig rig;
  gui::UiHarness ui(test::kImageWidth, test::kImageHeight);
  gui::ViewSet views;
  views.set_toolbars(false);
  for (int i = 0; i < 2; ++i)
    ui.frame(at(-1, -1), [&] { views.draw_camera(*rig.ws, nullptr, test::kRenderCamera); });
  const gui::CameraView* cv = views.camera_view(test::kRenderCamera);
  REQUIRE(cv);
  CHECK(cv->viewport().zoom == Approx(1.0));  // 640x480 image fitted into 640x480
  const cv::Mat img = ui.read_bgr();
  const core::CameraModel cam(*rig.ws->doc().sequence.camera(0, test::kRenderCamera));
  const core::ProjectedCuboid pc = core::project_cuboid(cam, rig.cuboid);
  REQUIRE(pc.segments.size() == 12);
  auto reddish = [&](double x, double y) {
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        const int px = int(x) + dx, py = int(y) + dy;
        if (px < 0 || py < 0 || px >= img.cols || py >= img.rows) continue;
        const cv::Vec3b c = img.at<cv::Vec3b>(py, px);
        if (c[2] > 180 && c[1] < 110 && c[0] < 110) return true;
      }
    return false;
  };
  for (const core::ProjectedSegment& s : pc.segments) {
    INFO("edge " << s.edge);
    CHECK(reddish((s.a.x + s.b.x) / 2, (s.a.y + s.b.y) / 2));
  }
  // Away from the box the image shows through unchanged.
  const cv::Vec3b far_px = img.at<cv::Vec3b>(20, 600);
  CHECK(far_px[0] == 90);
  CHECK(far_px[2] == 90);
}

TEST_CASE("camera view: wheel zoom keeps the image pixel under the cursor", "[gui][views]") {
  Rig rig;
  gui::UiHarness ui(800, 500);
  gui::ViewSet views;
  views.set_toolbars(false);
  auto draw = [&] { views.draw_camera(*rig.ws, nullptr, test::kRenderCamera); };
  ui.frame(at(-1, -1), draw);
  ui.frame(at(210, 130), draw);
  const gui::CameraView* cv = views.camera_view(test::kRenderCamera);
  const core::Vec2 before = cv->viewport().to_image({210, 130});
  const double zoom0 = cv->viewport().zoom;
  gui::UiInput in = at(210, 130);
  in.wheel = 2.0f;
  ui.frame(in, draw);
  ui.frame(at(210, 130), draw);
  CHECK(cv->viewport().zoom == Approx(zoom0 * 1.44));
  const core::Vec2 after = cv->viewport().to_image({210, 130});
  CHECK(after.x == Approx(before.x).margin(1e-3));
  CHECK(after.y == Approx(before.y).margin(1e-3));
  // Right-drag pans by the mouse movement.
  gui::UiInput r = at(210, 130);
  r.down[1] = true;
  ui.frame(r, draw);
  r.mouse = {260, 150};
  ui.frame(r, draw);
  r.down[1] = false;
  ui.frame(r, draw);
  const core::Vec2 moved = cv->viewport().to_image({260, 150});
  CHECK(moved.x == Approx(before.x).margin(1e-3));
  CHECK(moved.y == Approx(before.y).margin(1e-3));
}

TEST_CASE("camera view: click selects the object under the cursor, empty click clears",
          "[gui][views]") {
  Rig rig;
  gui::UiHarness ui(test::kImageWidth, test::kImageHeight);
  gui::ViewSet views;
  views.set_toolbars(false);
  auto draw = [&] { views.draw_camera(*rig.ws, nullptr, test::kRenderCamera); };
  const core::CameraModel cam(*rig.ws->doc().sequence.camera(0, test::kRenderCamera));
  const auto c = cam.project(rig.cuboid.center);
  REQUIRE(c);
  const float x = float(c->x), y = float(c->y);
  ui.frame(at(x, y), draw);
  ui.frame(at(x, y, true), draw);
  ui.frame(at(x, y, false), draw);
  CHECK(rig.ws->view().selection == std::set<core::ObjectId>{rig.car});
  CHECK(rig.ws->view().active == rig.car);
  CHECK(rig.ws->view().hover_camera == test::kRenderCamera);
  REQUIRE(rig.ws->view().hover_image);
  CHECK(rig.ws->view().hover_image->x ==
        Approx(std::floor(x)).margin(1e-3));  // ImGui floors the mouse position
  ui.frame(at(20, 20), draw);
  ui.frame(at(20, 20, true), draw);
  ui.frame(at(20, 20, false), draw);
  CHECK(rig.ws->view().selection.empty());
}

TEST_CASE("3D view: a click picks the cuboid under the cursor; a point renders at its pixel",
          "[gui][views]") {
  // One LiDAR point on the ground in front of the car.
  Rig rig({glm::vec4(6.0f, -3.0f, 0.0f, 0.5f)});
  gui::UiHarness ui(640, 400);
  gui::ViewSet views;
  views.set_toolbars(false);
  rig.ws->view().show_grid = false;
  rig.ws->view().orbit.bev = GENERATE(false, true);
  rig.ws->view().orbit.target = {8, 0, 0};
  auto draw = [&] { views.draw_scene(*rig.ws, nullptr); };
  ui.frame(at(-1, -1), draw);
  ui.frame(at(-1, -1), draw);
  const gui::SceneView* sv = views.scene_view();
  REQUIRE(sv);
  const auto s = sv->viewport().to_screen(rig.cuboid.center);
  REQUIRE(s);
  // The point is drawn where the viewport says.
  const auto ps = sv->viewport().to_screen({6.0, -3.0, 0.0});
  REQUIRE(ps);
  const cv::Mat img = ui.read_bgr();
  const cv::Vec3b bg = img.at<cv::Vec3b>(5, 5);
  bool lit = false;
  for (int dy = -1; dy <= 1; ++dy)
    for (int dx = -1; dx <= 1; ++dx) {
      const cv::Vec3b p = img.at<cv::Vec3b>(int(ps->y) + dy, int(ps->x) + dx);
      if (std::abs(p[0] - bg[0]) + std::abs(p[1] - bg[1]) + std::abs(p[2] - bg[2]) > 60) lit = true;
    }
  CHECK(lit);
  ui.frame(at(s->x, s->y), draw);
  ui.frame(at(s->x, s->y, true), draw);
  ui.frame(at(s->x, s->y, false), draw);
  CHECK(rig.ws->view().selection == std::set<core::ObjectId>{rig.car});
  REQUIRE(rig.ws->view().hover_world);
  // Ctrl-click on it again toggles it off (after the double-click time, so
  // it is not a double-click, which centres the orbit on the cuboid).
  for (int i = 0; i < 12; ++i)
    ui.frame(at(s->x, s->y), draw);
  gui::UiInput c = at(s->x, s->y, true);
  c.ctrl = true;
  ui.frame(c, draw);
  c.down[0] = false;
  ui.frame(c, draw);
  CHECK(rig.ws->view().selection.empty());
}

TEST_CASE("cuboid detail view: dragging the top view's centre moves the cuboid as one undo step",
          "[gui][views]") {
  Rig rig({glm::vec4(12.0f, 1.0f, 0.5f, 0.5f)});
  rig.ws->view().active = rig.car;
  rig.ws->view().selection = {rig.car};
  gui::UiHarness ui(900, 300);
  gui::ViewSet views;
  views.set_toolbars(false);
  auto draw = [&] { views.draw_cuboid_detail(*rig.ws, nullptr); };
  ui.frame(at(-1, -1), draw);
  ui.frame(at(-1, -1), draw);
  gui::CuboidDetailView* dv = views.detail_view();
  REQUIRE(dv);
  const gui::SceneViewport top = dv->viewport(0);
  const auto c = top.to_screen(rig.cuboid.center);
  REQUIRE(c);
  // Drag 30 px up in the top view = forward along the heading.
  const auto ahead =
      top.to_screen(rig.cuboid.center + core::Vec3(std::cos(0.25), std::sin(0.25), 0.0));
  REQUIRE(ahead);
  const float ppm = std::hypot(ahead->x - c->x, ahead->y - c->y);
  ui.frame(at(c->x, c->y), draw);
  ui.frame(at(c->x, c->y, true), draw);
  for (int i = 1; i <= 6; ++i)
    ui.frame(at(c->x, c->y - 5.0f * i, true), draw);
  ui.frame(at(c->x, c->y - 30.0f, false), draw);
  const core::Shape* s = rig.ws->doc().annotations.find(rig.car)->shape(0, core::kSceneSensor,
                                                                        core::ShapeKind::Cuboid);
  REQUIRE(s);
  const core::Cuboid moved = std::get<core::Cuboid>(s->geometry);
  const double metres = 30.0 / ppm;
  CHECK(moved.center.x == Approx(rig.cuboid.center.x + metres * std::cos(0.25)).margin(0.02));
  CHECK(moved.center.y == Approx(rig.cuboid.center.y + metres * std::sin(0.25)).margin(0.02));
  CHECK(moved.center.z == Approx(rig.cuboid.center.z));
  CHECK(moved.size == rig.cuboid.size);
  CHECK(s->keyframe);
  CHECK(rig.ws->editor().undo_history().size() == 1);
  REQUIRE(rig.ws->editor().undo());
  const core::Shape* back = rig.ws->doc().annotations.find(rig.car)->shape(0, core::kSceneSensor,
                                                                           core::ShapeKind::Cuboid);
  CHECK(std::get<core::Cuboid>(back->geometry) == rig.cuboid);
}

TEST_CASE("cuboid detail view: locked objects show no handles and do not move", "[gui][views]") {
  Rig rig;
  rig.ws->view().active = rig.car;
  rig.ws->view().locked = {rig.car};
  gui::UiHarness ui(900, 300);
  gui::ViewSet views;
  auto draw = [&] { views.draw_cuboid_detail(*rig.ws, nullptr); };
  ui.frame(at(-1, -1), draw);
  const auto c = views.detail_view()->viewport(0).to_screen(rig.cuboid.center);
  REQUIRE(c);
  ui.frame(at(c->x, c->y, true), draw);
  ui.frame(at(c->x, c->y - 40, true), draw);
  ui.frame(at(c->x, c->y - 40, false), draw);
  CHECK_FALSE(rig.ws->editor().can_undo());
}

TEST_CASE(
    "drag geometry: faces resize with the opposite face fixed, rotation follows the mouse angle",
    "[gui][views]") {
  core::Cuboid c;
  c.center = {10, 5, 1};
  c.size = {4, 2, 1.5};
  c.yaw = core::kPi / 2;  // heading +y
  gui::CuboidDetailView::Handle front{gui::CuboidDetailView::Handle::Kind::Face, 0, 1, {}};
  // Front face from local x = 2 to 3: length 5, centre 0.5 m further along the heading.
  const core::Cuboid r =
      gui::drag_cuboid(c, front, render::DetailAxis::Top, {2, 0, 0}, {3, 0.4, 0});
  CHECK(r.size.x == Approx(5));
  CHECK(r.center.x == Approx(10).margin(1e-9));
  CHECK(r.center.y == Approx(5.5));
  // Cannot drag through the opposite face.
  const core::Cuboid t = gui::drag_cuboid(c, front, render::DetailAxis::Top, {2, 0, 0}, {-5, 0, 0});
  CHECK(t.size.x == Approx(0.1));
  gui::CuboidDetailView::Handle rot{gui::CuboidDetailView::Handle::Kind::Rotate, -1, 0, {}};
  const core::Cuboid q = gui::drag_cuboid(c, rot, render::DetailAxis::Top, {3, 0, 0}, {0, 3, 0});
  CHECK(q.yaw == Approx(core::wrap_angle(core::kPi)));
  CHECK(q.center == c.center);
}

namespace {

// Records what the views offer it; consumes left-button gestures when asked.
class ProbeTool : public gui::Tool {
 public:
  bool consume = true;
  std::vector<gui::PointerEvent::Type> image_events, scene_events;
  int image_overlays = 0, scene_overlays = 0;
  gui::ImageViewport last_image;
  gui::ToolId id() const override { return gui::ToolId::Box; }
  const char* name() const override { return "probe"; }
  bool on_image_event(gui::Workspace&, const gui::ImageViewport& vp,
                      const gui::PointerEvent& e) override {
    image_events.push_back(e.type);
    last_image = vp;
    return consume && e.button == 0 && e.type != gui::PointerEvent::Type::Move;
  }
  bool on_scene_event(gui::Workspace&, const gui::SceneViewport&,
                      const gui::PointerEvent& e) override {
    scene_events.push_back(e.type);
    return consume && e.button == 0 && e.type != gui::PointerEvent::Type::Move;
  }
  void draw_image_overlay(gui::Workspace&, const gui::ImageViewport&) override { ++image_overlays; }
  void draw_scene_overlay(gui::Workspace&, const gui::SceneViewport&) override { ++scene_overlays; }
};

}  // namespace

TEST_CASE("views offer pointer events to the tool first; a consumed click neither selects nor pans",
          "[gui][views]") {
  Rig rig;
  gui::UiHarness ui(test::kImageWidth, test::kImageHeight);
  gui::ViewSet views;
  views.set_toolbars(false);
  ProbeTool tool;
  auto draw = [&] { views.draw_camera(*rig.ws, &tool, test::kRenderCamera); };
  const core::CameraModel cam(*rig.ws->doc().sequence.camera(0, test::kRenderCamera));
  const auto c = cam.project(rig.cuboid.center);
  REQUIRE(c);
  const float x = float(c->x), y = float(c->y);
  ui.frame(at(x, y), draw);
  ui.frame(at(x, y, true), draw);
  ui.frame(at(x + 20, y + 10, true), draw);
  ui.frame(at(x + 20, y + 10, false), draw);
  using T = gui::PointerEvent::Type;
  CHECK(std::count(tool.image_events.begin(), tool.image_events.end(), T::Press) == 1);
  CHECK(std::count(tool.image_events.begin(), tool.image_events.end(), T::Drag) == 1);
  CHECK(std::count(tool.image_events.begin(), tool.image_events.end(), T::Release) == 1);
  CHECK(rig.ws->view().selection.empty());
  CHECK(rig.ws->view().images[test::kRenderCamera].zoom == 0.0);  // still "fit": no pan happened
  CHECK(tool.image_overlays == 4);
  CHECK(tool.last_image.camera == test::kRenderCamera);
  CHECK(tool.last_image.zoom == Approx(1.0));
  // Not consumed: the same click selects.
  tool.consume = false;
  ui.frame(at(x, y, true), draw);
  ui.frame(at(x, y, false), draw);
  CHECK(rig.ws->view().selection == std::set<core::ObjectId>{rig.car});
}

TEST_CASE("camera view: hidden objects are not drawn, selected ones are drawn lighter",
          "[gui][views]") {
  Rig rig;
  gui::UiHarness ui(test::kImageWidth, test::kImageHeight);
  gui::ViewSet views;
  views.set_toolbars(false);
  auto draw = [&] { views.draw_camera(*rig.ws, nullptr, test::kRenderCamera); };
  const core::CameraModel cam(*rig.ws->doc().sequence.camera(0, test::kRenderCamera));
  const core::ProjectedCuboid pc = core::project_cuboid(cam, rig.cuboid);
  const core::ProjectedSegment& seg = pc.segments.front();
  const int mx = int((seg.a.x + seg.b.x) / 2), my = int((seg.a.y + seg.b.y) / 2);
  auto max_red_near = [&](const cv::Mat& img) {
    int best = 0;
    for (int dy = -2; dy <= 2; ++dy)
      for (int dx = -2; dx <= 2; ++dx) {
        const cv::Vec3b p = img.at<cv::Vec3b>(my + dy, mx + dx);
        best = std::max(best, int(p[2]) - int(p[1]));
      }
    return best;
  };
  ui.frame(at(-1, -1), draw);
  CHECK(max_red_near(ui.read_bgr()) > 150);
  rig.ws->view().selection = {rig.car};
  ui.frame(at(-1, -1), draw);
  const cv::Vec3b sel = ui.read_bgr().at<cv::Vec3b>(my, mx);
  CHECK(int(sel[1]) > 60);  // lightened towards white
  rig.ws->view().hidden = {rig.car};
  ui.frame(at(-1, -1), draw);
  CHECK(max_red_near(ui.read_bgr()) < 20);
}

TEST_CASE("camera view: 2D shapes draw at their pixels; skeleton edges join visible keypoints",
          "[gui][views]") {
  test::TempDir dir;
  test::gl_context();
  core::Document doc = test::make_render_document(dir.path());
  core::Skeleton sk;
  sk.name = "stick";
  sk.points = {"a", "b", "c"};
  sk.edges = {{0, 1}, {1, 2}};
  doc.schema.skeletons.push_back(sk);
  doc.schema.classes[1].skeleton = "stick";  // "ped", pure green
  auto add = [&](const std::string& cls, core::Geometry g) {
    core::Object o;
    o.id = doc.annotations.next_id();
    o.class_name = cls;
    core::Shape s;
    s.geometry = std::move(g);
    o.track_or_create(test::kRenderCamera, core::kind_of(s.geometry)).set(0, s);
    doc.annotations.put(o);
  };
  core::Keypoints kp;
  kp.points = {{{100, 100}, 2}, {{200, 100}, 2}, {{200, 300}, 0}};  // third not labelled
  add("ped", kp);
  core::Polygon poly;
  poly.points = {{300, 50}, {500, 50}, {500, 250}, {300, 250}};
  poly.holes = {{{350, 100}, {450, 100}, {450, 200}, {350, 200}}};
  add("car", poly);
  core::Polyline line;
  line.points = {{50, 400}, {250, 400}, {250, 450}};
  add("car", line);
  gui::Workspace ws(std::move(doc), dir.path());
  ws.cache().wait(0);
  ws.view().show_labels = false;
  gui::UiHarness ui(test::kImageWidth, test::kImageHeight);
  gui::ViewSet views;
  views.set_toolbars(false);
  ui.frame(at(-1, -1), [&] { views.draw_camera(ws, nullptr, test::kRenderCamera); });
  ui.frame(at(-1, -1), [&] { views.draw_camera(ws, nullptr, test::kRenderCamera); });
  const cv::Mat img = ui.read_bgr();
  auto green = [&](int x, int y) {
    const cv::Vec3b p = img.at<cv::Vec3b>(y, x);
    return p[1] > 180 && p[2] < 120;
  };
  auto red = [&](int x, int y) {
    for (int d = -1; d <= 1; ++d) {
      const cv::Vec3b p = img.at<cv::Vec3b>(y + d, x);
      const cv::Vec3b q = img.at<cv::Vec3b>(y, x + d);
      if ((p[2] > 180 && p[1] < 120) || (q[2] > 180 && q[1] < 120)) return true;
    }
    return false;
  };
  CHECK(green(100, 100));        // keypoint a
  CHECK(green(150, 100));        // skeleton edge a-b (solid: both visible, keyframe)
  CHECK_FALSE(green(200, 200));  // edge b-c skipped: c is not labelled
  CHECK(red(400, 50));           // polygon outer ring
  CHECK(red(350, 150));          // hole ring (dashed; at a dash start)
  CHECK_FALSE(red(320, 150));    // between the rings: not filled
  CHECK(red(250, 425));          // polyline
}

TEST_CASE("cuboid detail view: editing an interpolated cuboid makes it a keyframe at that frame",
          "[gui][views]") {
  test::TempDir dir;
  test::gl_context();
  core::Document doc = test::make_render_document(dir.path());
  doc.sequence.frames.resize(3, doc.sequence.frames[0]);  // three frames, same files
  core::Cuboid a;
  a.center = {10, 0, 0.8};
  a.size = {4, 2, 1.6};
  const core::ObjectId id = test::add_cuboid_object(doc, "car", a);
  core::Shape s2;
  core::Cuboid b = a;
  b.center.x = 14;
  s2.geometry = b;
  doc.annotations.find(id)->track(core::kSceneSensor, core::ShapeKind::Cuboid)->set(2, s2);
  gui::Workspace ws(std::move(doc), dir.path());
  ws.set_frame(1);
  ws.cache().wait(1);
  ws.view().active = id;
  gui::UiHarness ui(900, 300);
  gui::ViewSet views;
  views.set_toolbars(false);
  auto draw = [&] { views.draw_cuboid_detail(ws, nullptr); };
  ui.frame(at(-1, -1), draw);
  const gui::SceneViewport side = views.detail_view()->viewport(1);
  const auto top_face =
      side.to_screen({12.0, 0.0, 1.6});  // interpolated centre x = 12; top at z = 1.6
  REQUIRE(top_face);
  ui.frame(at(top_face->x, top_face->y), draw);
  ui.frame(at(top_face->x, top_face->y, true), draw);
  ui.frame(at(top_face->x, top_face->y - 20, true), draw);
  ui.frame(at(top_face->x, top_face->y - 20, false), draw);
  const core::Track* t =
      ws.doc().annotations.find(id)->track(core::kSceneSensor, core::ShapeKind::Cuboid);
  const core::Shape* k = t->at(1);
  REQUIRE(k);
  CHECK(k->keyframe);
  CHECK(k->source == core::ShapeSource::Manual);
  const core::Cuboid& c = std::get<core::Cuboid>(k->geometry);
  CHECK(c.center.x == Approx(12.0));
  CHECK(c.size.z > 1.6);                                           // the top face went up...
  CHECK(c.center.z - 0.5 * c.size.z == Approx(0.0).margin(1e-9));  // ...the bottom stayed
  CHECK(ws.editor().undo_history().size() == 1);
}

TEST_CASE("3D view: BEV wheel zoom keeps the ground point under the cursor; right-drag pans",
          "[gui][views]") {
  Rig rig;
  gui::UiHarness ui(640, 400);
  gui::ViewSet views;
  views.set_toolbars(false);
  rig.ws->view().orbit.bev = true;
  auto draw = [&] { views.draw_scene(*rig.ws, nullptr); };
  ui.frame(at(500, 100), draw);
  ui.frame(at(500, 100), draw);
  const gui::SceneView* sv = views.scene_view();
  const auto before = sv->viewport().on_plane_z({500, 100}, rig.ws->view().orbit.target.z);
  REQUIRE(before);
  const double scale0 = rig.ws->view().orbit.bev_scale;
  gui::UiInput in = at(500, 100);
  in.wheel = 3.0f;
  ui.frame(in, draw);
  ui.frame(at(500, 100), draw);
  CHECK(rig.ws->view().orbit.bev_scale == Approx(scale0 * std::pow(1.15, 3.0)));
  const auto after = sv->viewport().on_plane_z({500, 100}, rig.ws->view().orbit.target.z);
  REQUIRE(after);
  CHECK(after->x == Approx(before->x).margin(1e-6));
  CHECK(after->y == Approx(before->y).margin(1e-6));
  // Right-drag by (40, 30) px moves the world with the mouse.
  gui::UiInput r = at(500, 100);
  r.down[1] = true;
  ui.frame(r, draw);
  r.mouse = {540, 130};
  ui.frame(r, draw);
  r.down[1] = false;
  ui.frame(r, draw);
  const auto moved = sv->viewport().on_plane_z({540, 130}, rig.ws->view().orbit.target.z);
  REQUIRE(moved);
  CHECK(moved->x == Approx(before->x).margin(1e-6));
  CHECK(moved->y == Approx(before->y).margin(1e-6));
}
