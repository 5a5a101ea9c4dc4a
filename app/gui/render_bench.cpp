#include "app/gui/render_bench.h"

#include <fmt/format.h>
#include <glad/gl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <random>
#include <unistd.h>
#include <vector>

#include "app/gui/views/headless_gl.h"
#include "app/gui/views/scene_renderer.h"
#include "app/gui/views/scene_view.h"
#include "app/gui/views/view_set.h"
#include "app/gui/workspace.h"
#include "render/point_renderer.h"
#include "render/point_splatter.h"
#include "render/render_target.h"
#include "render/view_camera.h"

namespace vantage::gui {

namespace {

namespace fs = std::filesystem;
constexpr int kW = 1280, kH = 720;
constexpr int kSweeps = 10;
constexpr int kPoints = 120'000;
constexpr int kCuboids = 100;

// Median milliseconds of `reps` runs of `f`, each finished with glFinish.
double time_ms(int reps, const std::function<void()>& f) {
  f();  // warm-up
  glFinish();
  std::vector<double> t;
  for (int i = 0; i < reps; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    glFinish();
    t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                    .count());
  }
  std::nth_element(t.begin(), t.begin() + long(t.size() / 2), t.end());
  return t[t.size() / 2];
}

void emit(const std::string& name, double value, const char* unit, const std::string& baseline,
          double baseline_value, const std::string& note = {}) {
  nlohmann::ordered_json j;
  j["name"] = name;
  j["value"] = value;
  j["unit"] = unit;
  j["baseline"] = baseline;
  j["baseline_value"] = baseline_value;
  if (!note.empty()) j["note"] = note;
  fmt::print("{}\n", j.dump());
  std::fflush(stdout);
}

std::vector<glm::vec4> make_sweep(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> ang(0, 6.2831853f), u(0, 1);
  std::vector<glm::vec4> pts;
  pts.reserve(kPoints);
  for (int i = 0; i < kPoints; ++i) {
    const float r = 3.0f + 70.0f * u(rng) * u(rng);
    const float a = ang(rng);
    const float z = u(rng) < 0.7f ? -1.7f + 0.05f * u(rng) : -1.7f + 2.5f * u(rng);
    pts.emplace_back(r * std::cos(a), r * std::sin(a), z, u(rng));
  }
  return pts;
}

// A sequence of kSweeps 120k-point sweeps driving forward, a camera, and
// kCuboids cars, written to `dir`.
core::Document make_scene(const fs::path& dir, const std::vector<glm::vec4>& sweep) {
  core::Document doc;
  doc.folder = dir;
  core::Camera cam;
  cam.name = "CAM";
  cam.width = 1242;
  cam.height = 375;
  cam.intrinsics = {721.5, 721.5, 609.6, 172.9, 0};
  core::Mat3 r(0.0);
  r[0] = core::Vec3(0, -1, 0);
  r[1] = core::Vec3(0, 0, -1);
  r[2] = core::Vec3(1, 0, 0);
  cam.camera_to_vehicle = core::Transform::from_rotation_translation(r, {0.3, 0, -0.1});
  doc.sequence.rigs[0].cameras.push_back(cam);
  core::Lidar lidar;
  lidar.name = "LIDAR";
  doc.sequence.rigs[0].lidars.push_back(lidar);
  cv::Mat img(375, 1242, CV_8UC3);
  cv::randu(img, 0, 255);
  cv::imwrite((dir / "img.png").string(), img);
  for (int f = 0; f < kSweeps; ++f) {
    const std::string bin = fmt::format("sweep{}.bin", f);
    std::ofstream out(dir / bin, std::ios::binary);
    out.write(reinterpret_cast<const char*>(sweep.data()),
              std::streamsize(sweep.size() * sizeof(glm::vec4)));
    core::Frame fr;
    fr.files["CAM"] = "img.png";
    fr.files["LIDAR"] = bin;
    fr.ego_pose = core::Transform::from_rotation_translation(core::Mat3(1.0), {1.5 * f, 0, 0});
    doc.sequence.frames.push_back(fr);
  }
  core::ClassDef car;
  car.name = "car";
  car.color = 0xE6194B;
  doc.schema.classes.push_back(car);
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(-1, 1);
  for (int i = 0; i < kCuboids; ++i) {
    core::Object o;
    o.id = i + 1;
    o.class_name = "car";
    core::Shape s;
    core::Cuboid c;
    c.center = {20.0 * u(rng) + 30, 15.0 * u(rng), -0.9};
    c.size = {4.2, 1.8, 1.6};
    c.yaw = u(rng) * 3;
    s.geometry = c;
    for (int f = 0; f < kSweeps; f += 3)
      o.track_or_create(core::kSceneSensor, core::ShapeKind::Cuboid).set(f, s);
    doc.annotations.objects.push_back(o);
  }
  return doc;
}

}  // namespace

int run_render_bench(bool quick) {
  reexec_under_xvfb_if_needed("vantage bench", kW, kH);
  try {
    const int reps = quick ? 5 : 15;
    const fs::path dir = fs::temp_directory_path() / fmt::format("vantage-bench-render-{}", ::getpid());
    fs::create_directories(dir);
    HeadlessGl gl;
    const std::vector<glm::vec4> sweep_pts = make_sweep(1);
    auto ws = std::make_unique<Workspace>(make_scene(dir, sweep_pts), dir);
    for (int f = 0; f < kSweeps; ++f) ws->cache().wait(f);
    ws->set_frame(kSweeps - 1);
    ws->cache().wait(kSweeps - 1);
    const char* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    const std::string gpu = renderer ? renderer : "unknown";

    // Bare draws of one sweep at the 3D view's default camera.
    render::RenderTarget target;
    target.resize(kW, kH);
    render::PointSweep sweep;
    sweep.upload(sweep_pts.data(), sweep_pts.size());
    const OrbitState o;
    render::OrbitParams p;
    p.yaw = o.yaw;
    p.pitch = o.pitch;
    p.distance = 60;
    const core::Mat4 vp = render::orbit_view_proj(p, kW, kH);
    render::PointRenderer points;
    render::PointStyle style;
    const double bare_raster = time_ms(reps, [&] {
      target.begin();
      target.clear(0, 0, 0);
      points.draw(sweep, vp, core::Mat4(1.0), style);
      target.end();
    });
    double bare_splat = -1;
    std::unique_ptr<render::PointSplatter> splatter;
    if (render::PointSplatter::supported()) {
      splatter = std::make_unique<render::PointSplatter>();
      splatter->resize(kW, kH);
      bare_splat = time_ms(reps, [&] {
        splatter->clear();
        splatter->splat(sweep, vp, core::Mat4(1.0), style, false);
        target.begin();
        target.clear(0, 0, 0);
        splatter->resolve();
        target.end();
      });
    }
    emit("points: 120k GL_POINTS draw", bare_raster, "ms", "", 0, gpu);
    if (bare_splat > 0)
      emit("points: 120k compute splat (splat + resolve)", bare_splat, "ms",
           "points: 120k GL_POINTS draw", bare_raster, gpu);

    // The 3D view's whole frame (points redrawn in full, 100 cuboids, grid,
    // labels, the ImGui composite), per points path, against its bare draw.
    ViewState& v = ws->view();
    UiHarness ui(kW, kH);
    for (int path = 0; path < (splatter ? 2 : 1); ++path) {
      v.accumulate_sweeps = 1;
      v.orbit = OrbitState{};
      v.orbit.distance = 60;
      ViewSet views;
      views.set_toolbars(false);
      ui.frame({}, [&] { views.draw_scene(*ws, nullptr); });
      views.scene_view()->points_path = path;
      const double frame = time_ms(reps, [&] {
        views.scene_view()->lod().invalidate();
        ui.frame({}, [&] { views.draw_scene(*ws, nullptr); });
      });
      emit(path ? "3D view frame, compute path (120k pts, 100 cuboids, labels, composite)"
                : "3D view frame, GL_POINTS (120k pts, 100 cuboids, labels, composite)",
           frame, "ms", path ? "points: 120k compute splat (splat + resolve)" : "points: 120k GL_POINTS draw",
           path ? bare_splat : bare_raster);
    }

    // Orbiting over ten accumulated sweeps (1.2M points): frames per second
    // with the budgeted level of detail, the platform's default points path.
    {
      v.accumulate_sweeps = kSweeps;
      v.orbit = OrbitState{};
      v.orbit.distance = 60;
      ViewSet views;
      views.set_toolbars(false);
      UiInput in;
      in.mouse = ImVec2(kW * 0.5f, kH * 0.5f);
      for (int i = 0; i < 12; ++i) {  // the budget settles
        in.wheel = (i % 2) ? 1.0f : -1.0f;
        ui.frame(in, [&] { views.draw_scene(*ws, nullptr); });
      }
      const int n = quick ? 15 : 40;
      const auto t0 = std::chrono::steady_clock::now();
      for (int i = 0; i < n; ++i) {
        in.wheel = (i % 2) ? 1.0f : -1.0f;
        ui.frame(in, [&] { views.draw_scene(*ws, nullptr); });
        glFinish();
      }
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      emit("3D view orbiting 1.2M accumulated points", double(n) / s, "fps", "target", 30.0,
           fmt::format("{} points per frame ({} path)", views.scene_view()->lod().budget(),
                       views.scene_view()->using_splatter() ? "compute" : "GL_POINTS"));
      // Then still: how long until every point is in.
      const auto t1 = std::chrono::steady_clock::now();
      int frames = 0;
      do {
        ui.frame({}, [&] { views.draw_scene(*ws, nullptr); });
        glFinish();
        ++frames;
      } while (views.scene_view()->refining() && frames < 500);
      emit("3D view: full density after the camera stops",
           std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t1).count(),
           "ms", "target", 500.0, fmt::format("{} frames", frames));
      v.accumulate_sweeps = 1;
    }

    // The camera view with 100 projected cuboids against the image alone.
    {
      UiHarness cam_ui(1242, 375);
      ViewSet views;
      views.set_toolbars(false);
      v.hidden.clear();
      const double with_boxes = time_ms(reps, [&] {
        cam_ui.frame({}, [&] { views.draw_camera(*ws, nullptr, "CAM"); });
      });
      for (const core::Object& obj : ws->doc().annotations.objects) v.hidden.insert(obj.id);
      const double image_only = time_ms(reps, [&] {
        cam_ui.frame({}, [&] { views.draw_camera(*ws, nullptr, "CAM"); });
      });
      v.hidden.clear();
      emit("camera view frame with 100 projected cuboids", with_boxes, "ms",
           "camera view frame, image only", image_only);
    }
    ws.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "vantage bench (render): {}\n", e.what());
    return 2;
  }
}

}  // namespace vantage::gui
