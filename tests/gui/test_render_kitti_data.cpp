// Real KITTI frames through the camera view: the label file's 2D boxes are
// drawn on exactly their pixels in the class colour, and the 3D view renders
// the frame's sweep. Needs the sample data ([data]):
//   VANTAGE_SHARED_DATA=/work/shared/data xvfb-run -a build/tests/gui_tests "[data]"
#include <catch2/catch.hpp>

#include "app/gui/views/camera_view.h"
#include "app/gui/views/class_colors.h"
#include "app/gui/views/scene_view.h"
#include "app/gui/views/view_set.h"
#include "app/gui/workspace.h"
#include "core/io/sequence_opener.h"
#include "test_render_support.h"
#include "tests/support/test_support.h"

using namespace vantage;

TEST_CASE("KITTI object frame: 2D label boxes land on their pixels in the class colour",
          "[gui][views][data]") {
  test::gl_context();
  const auto folder = test::shared_data() / "kitti_object";
  gui::Workspace ws(core::open_document(folder), folder);
  const int frame = 1;
  ws.set_frame(frame);
  const auto data = ws.cache().wait(frame);
  const std::vector<std::string> cams = ws.doc().sequence.camera_names();
  REQUIRE_FALSE(cams.empty());
  const std::string cam = cams.front();
  const cv::Mat& image = data->images.at(cam);
  ws.view().show_labels = false;
  gui::UiHarness ui(image.cols, image.rows);
  gui::ViewSet views;
  views.set_toolbars(false);
  for (int i = 0; i < 2; ++i)
    ui.frame({}, [&] { views.draw_camera(ws, nullptr, cam); });
  CHECK(views.camera_view(cam)->viewport().zoom == Approx(1.0));
  const cv::Mat out = ui.read_bgr();
  int boxes = 0, hits = 0;
  for (const core::EvaluatedShape& es : ws.shapes_at_frame()) {
    const auto* b = es.shape.as<core::Box2D>();
    if (!b || es.track->sensor != cam) continue;
    const core::Object* o = ws.doc().annotations.find(es.object);
    const uint32_t rgb = gui::class_rgb(ws.doc().schema, o->class_name);
    const cv::Vec3b want(rgb & 0xff, (rgb >> 8) & 0xff, (rgb >> 16) & 0xff);
    ++boxes;
    const int x = int((b->x1 + b->x2) / 2);
    bool hit = false;
    for (int dy = -1; dy <= 1 && !hit; ++dy) {
      const int y = int(b->y1) + dy;
      if (y < 0 || y >= out.rows) continue;
      const cv::Vec3b p = out.at<cv::Vec3b>(y, x);
      hit = std::abs(p[0] - want[0]) + std::abs(p[1] - want[1]) + std::abs(p[2] - want[2]) < 40;
    }
    if (hit) ++hits;
  }
  INFO(hits << " of " << boxes << " boxes");
  REQUIRE(boxes >= 3);
  CHECK(hits >= boxes - 1);  // one may be covered by another object's cuboid edge
}

TEST_CASE("KITTI object frame: the 3D view draws the sweep", "[gui][views][data]") {
  test::gl_context();
  const auto folder = test::shared_data() / "kitti_object";
  gui::Workspace ws(core::open_document(folder), folder);
  ws.cache().wait(0);
  gui::UiHarness ui(640, 360);
  gui::ViewSet views;
  views.set_toolbars(false);
  ws.view().orbit.bev = true;
  ws.view().show_grid = false;
  for (int i = 0; i < 2; ++i)
    ui.frame({}, [&] { views.draw_scene(ws, nullptr); });
  const cv::Mat out = ui.read_bgr();
  const cv::Vec3b bg = out.at<cv::Vec3b>(2, 320);
  int n = 0;
  test::centroid_of_non_background(out, bg, 40, &n);
  CHECK(n > 5000);  // a 120k-point sweep covers a good part of a 640x360 BEV
}
