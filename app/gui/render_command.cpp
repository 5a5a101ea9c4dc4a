// `vantage render`: one view of one frame rendered offscreen by the same
// views the workstation shows (one hand-driven ImGui frame with just that
// view filling the window), read back and written as PNG.
#include "app/gui/render_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <exception>
#include <optional>

#include "app/gui/views/headless_gl.h"
#include "app/gui/views/scene_view.h"
#include "app/gui/views/view_set.h"
#include "core/io/image_io.h"
#include "app/gui/workspace.h"
#include "core/io/sequence_opener.h"

namespace vantage::gui {

namespace {

// Frames drawn before reading back: the first lays out the window, the
// following ones see settled sizes (ImGui sizes some items a frame late).
constexpr int kWarmupFrames = 3;

}  // namespace

int run_render_command(const RenderRequest& request) {
  const RenderRequest& r = request;
  if (r.out.empty()) {
    fmt::print(stderr, "vantage render: --out FILE.png is required\n");
    return 2;
  }
  std::string camera;
  enum class Kind { Camera, Cameras, Scene, Detail } kind = Kind::Camera;
  bool bev = false;
  core::ObjectId detail_id = -1;
  if (r.view == "3d" || r.view == "bev") {
    kind = Kind::Scene;
    bev = r.view == "bev";
  } else if (r.view == "camera") {
  } else if (r.view == "cameras") {
    kind = Kind::Cameras;
  } else if (r.view.rfind("camera:", 0) == 0) {
    camera = r.view.substr(7);
  } else if (r.view.rfind("detail:", 0) == 0) {
    kind = Kind::Detail;
    try {
      detail_id = std::stoll(r.view.substr(7));
    } catch (const std::exception&) {
      fmt::print(stderr, "vantage render: --view detail:ID needs an object id, got '{}'\n", r.view);
      return 2;
    }
  } else {
    fmt::print(stderr,
               "vantage render: unknown --view '{}' (expected camera, camera:NAME, cameras, 3d, "
               "bev or detail:ID)\n",
               r.view);
    return 2;
  }
  std::optional<PointColor> color;
  if (r.point_color == "height")
    color = PointColor::Height;
  else if (r.point_color == "intensity")
    color = PointColor::Intensity;
  else if (r.point_color == "distance")
    color = PointColor::Distance;
  else if (r.point_color == "class")
    color = PointColor::Class;
  else if (!r.point_color.empty()) {
    fmt::print(stderr,
               "vantage render: unknown --color '{}' (height, intensity, distance or class)\n",
               r.point_color);
    return 2;
  }
  reexec_under_xvfb_if_needed("vantage render", r.width, r.height);
  try {
    core::OpenOptions oo;
    oo.sequence = r.sequence;
    oo.allow_outside = r.allow_outside;
    core::Document doc = core::open_document(r.path, oo);
    if (doc.sequence.frame_count() == 0) {
      fmt::print(stderr, "vantage render: {} has no frames\n", r.path);
      return 2;
    }
    if (r.frame < 0 || r.frame >= doc.sequence.frame_count()) {
      fmt::print(stderr, "vantage render: --frame {} is out of range (0..{})\n", r.frame,
                 doc.sequence.frame_count() - 1);
      return 2;
    }
    const std::vector<std::string> cams = doc.sequence.camera_names();
    if (kind == Kind::Detail && !doc.annotations.find(detail_id)) {
      fmt::print(stderr, "vantage render: no object {} in {}\n", detail_id, r.path);
      return 2;
    }
    if (kind == Kind::Cameras && cams.empty()) {
      fmt::print(stderr, "vantage render: {} has no cameras\n", r.path);
      return 2;
    }
    if (kind == Kind::Camera) {
      if (cams.empty()) {
        fmt::print(stderr, "vantage render: {} has no cameras\n", r.path);
        return 2;
      }
      if (camera.empty()) camera = cams.front();
      if (std::find(cams.begin(), cams.end(), camera) == cams.end()) {
        fmt::print(stderr, "vantage render: no camera '{}' (cameras: {})\n", camera,
                   fmt::join(cams, ", "));
        return 2;
      }
    }
    Workspace ws(std::move(doc), r.path);
    ws.set_frame(r.frame);
    const auto data = ws.cache().wait(r.frame);
    ViewState& v = ws.view();
    v.orbit.bev = bev;
    if (!camera.empty()) v.active_camera = camera;
    if (color) v.point_color = *color;
    v.accumulate_sweeps = std::max(1, r.accumulate);
    v.lidar_in_camera = r.lidar_in_camera;
    if (kind == Kind::Detail) {
      v.active = detail_id;
      v.selection = {detail_id};
    }
    if (kind == Kind::Cameras) v.camera_layout = CameraLayout::Grid;
    // Accumulated sweeps come from the cache too: wait for them.
    for (int k = 1; k < v.accumulate_sweeps && r.frame - k >= 0; ++k)
      ws.cache().wait(r.frame - k);
    int w = r.width, h = r.height;
    if (w <= 0 || h <= 0) {
      w = 1280, h = 720;
      if (kind == Kind::Camera) {
        if (auto it = data->images.find(camera); it != data->images.end() && !it->second.empty()) {
          w = it->second.cols, h = it->second.rows;
        } else if (const core::Camera* c = ws.doc().sequence.camera(r.frame, camera)) {
          if (c->width > 0 && c->height > 0) w = c->width, h = c->height;
        }
      }
    }
    HeadlessGl gl;
    UiHarness ui(w, h);
    ViewSet views;
    views.set_toolbars(false);
    // Warm-up frames, then as many as the 3D view needs to fill in every
    // point (its level of detail draws a budget per frame).
    for (int i = 0; i < kWarmupFrames ||
                    (i < 400 && views.scene_view() && views.scene_view()->refining());
         ++i) {
      ui.frame({}, [&] {
        switch (kind) {
          case Kind::Scene:
            views.draw_scene(ws, nullptr);
            break;
          case Kind::Camera:
            views.draw_camera(ws, nullptr, camera);
            break;
          case Kind::Cameras:
            views.draw_cameras(ws, nullptr);
            break;
          case Kind::Detail:
            views.draw_cuboid_detail(ws, nullptr);
            break;
        }
      });
    }
    const cv::Mat img = ui.read_bgr();
    core::write_image(r.out, img);  // atomic; throws naming the file
    fmt::print("{}: {} frame {} ({}x{})\n", r.out,
               kind == Kind::Camera ? "camera:" + camera : r.view, r.frame, w, h);
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "vantage render: {}\n", e.what());
    return 2;
  }
}

}  // namespace vantage::gui
