// `vantage render`: one view of one frame rendered offscreen by the same
// views the workstation shows (one hand-driven ImGui frame with just that
// view filling the window), read back and written as PNG.
#include "app/gui/render_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <exception>

#include "app/gui/views/headless_gl.h"
#include "app/gui/views/view_set.h"
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
  bool scene = false, bev = false;
  if (r.view == "3d") {
    scene = true;
  } else if (r.view == "bev") {
    scene = bev = true;
  } else if (r.view == "camera") {
  } else if (r.view.rfind("camera:", 0) == 0) {
    camera = r.view.substr(7);
  } else {
    fmt::print(stderr,
               "vantage render: unknown --view '{}' (expected camera, camera:NAME, 3d or bev)\n",
               r.view);
    return 2;
  }
  reexec_under_xvfb_if_needed("vantage render", r.width, r.height);
  try {
    core::OpenOptions oo;
    oo.sequence = r.sequence;
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
    if (!scene) {
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
    ws.view().orbit.bev = bev;
    ws.view().active_camera = camera;
    int w = r.width, h = r.height;
    if (w <= 0 || h <= 0) {
      w = 1280, h = 720;
      if (!scene) {
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
    for (int i = 0; i < kWarmupFrames; ++i) {
      ui.frame({}, [&] {
        if (scene)
          views.draw_scene(ws, nullptr);
        else
          views.draw_camera(ws, nullptr, camera);
      });
    }
    const cv::Mat img = ui.read_bgr();
    if (!cv::imwrite(r.out, img)) {
      fmt::print(stderr, "vantage render: cannot write {}\n", r.out);
      return 2;
    }
    fmt::print("{}: {} frame {} ({}x{})\n", r.out,
               scene ? (bev ? "bev" : "3d") : "camera:" + camera, r.frame, w, h);
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "vantage render: {}\n", e.what());
    return 2;
  }
}

}  // namespace vantage::gui
