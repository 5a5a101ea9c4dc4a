// Renderer benchmarks (vantage_render_bench), offscreen GL under Xvfb:
//   BM_BarePoints            the 120k-point sweep alone, one draw call
//   BM_SceneFrame            the 3D view's whole frame: sweep + 200 cuboids + grid + labels + ImGui
//   BM_CameraFrame           the camera view's whole frame: image + 200 projected cuboids + labels
//   BM_SceneCpu / CameraCpu  the same frames without GL submission: the app's own CPU work
//   BM_Accumulated/lod       10 sweeps (1.2M points) through the ego poses, full and at the
//                            stride level of detail uses (3 with the 400k budget)
//   BM_AccumulatedView       the same through the 3D view, camera still vs moving
//   BM_ScenePass             one pass of the 3D frame alone into a 1280x720 target (same
//                            target, same clear as BM_BarePoints): where the frame's time goes
//   BM_Scrub*                switching the 3D + camera views to another cached frame: the
//                            whole switch, its uploads alone, and the same frame without a switch
// GPU work is timed to completion with glFinish.
#include <benchmark/benchmark.h>
#include <glad/gl.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <opencv2/imgcodecs.hpp>
#include <random>

#include "app/gui/views/camera_view.h"
#include "app/gui/views/headless_gl.h"
#include "app/gui/views/scene_renderer.h"
#include "app/gui/views/scene_view.h"
#include "app/gui/views/view_set.h"
#include "app/gui/workspace.h"
#include "render/image_texture.h"
#include "render/line_renderer.h"
#include "render/point_renderer.h"
#include "render/point_splatter.h"
#include "render/render_target.h"
#include "render/view_camera.h"

using namespace vantage;

namespace {

constexpr int kPoints = 120'000;
constexpr int kCuboids = 200;
constexpr int kFrames = 10;
constexpr int kW = 1280, kH = 720;

std::vector<glm::vec4> make_sweep(unsigned seed, int points = kPoints) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> ang(0, 6.2831853f), u(0, 1);
  std::vector<glm::vec4> pts;
  pts.reserve(size_t(points));
  for (int i = 0; i < points; ++i) {
    // Rings on the ground plus returns from objects: roughly a 64-beam sweep.
    const float r = 3.0f + 70.0f * u(rng) * u(rng);
    const float a = ang(rng);
    const float z = u(rng) < 0.7f ? -1.7f + 0.05f * u(rng) : -1.7f + 2.5f * u(rng);
    pts.emplace_back(r * std::cos(a), r * std::sin(a), z, u(rng));
  }
  return pts;
}

struct Scene {
  std::filesystem::path dir;
  std::unique_ptr<gui::HeadlessGl> gl;
  std::unique_ptr<gui::Workspace> ws;
  std::vector<glm::vec4> sweep;

  explicit Scene(int points = kPoints, std::unique_ptr<gui::HeadlessGl> context = nullptr) {
    const char* base = std::getenv("VANTAGE_BENCH_DIR");
    dir = std::filesystem::path(base ? base : std::filesystem::temp_directory_path().string()) /
          ("vantage_render_bench_" + std::to_string(points));
    std::filesystem::create_directories(dir);
    gl = context ? std::move(context) : std::make_unique<gui::HeadlessGl>();
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
    sweep = make_sweep(1, points);
    for (int f = 0; f < kFrames; ++f) {
      const std::string bin = "sweep" + std::to_string(f) + ".bin";
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
      c.center = {40.0 * u(rng) + 15, 30.0 * u(rng), -0.9};
      c.size = {4.2, 1.8, 1.6};
      c.yaw = u(rng) * 3;
      s.geometry = c;
      for (int f = 0; f < kFrames; f += 3)
        o.track_or_create(core::kSceneSensor, core::ShapeKind::Cuboid).set(f, s);
      doc.annotations.objects.push_back(o);
    }
    ws = std::make_unique<gui::Workspace>(std::move(doc), dir);
    for (int f = 0; f < kFrames; ++f)
      ws->cache().wait(f);
    ws->set_frame(kFrames - 1);
    ws->cache().wait(kFrames - 1);
  }
};

Scene& scene() {
  static Scene s;
  return s;
}

// Ten sweeps of 400k points (a 128-beam LiDAR): 4M points accumulated. Shares
// the first scene's GL context.
Scene& big_scene() {
  static Scene s(400'000, std::move(scene().gl));
  scene().gl = nullptr;
  return s;
}

void BM_BarePoints(benchmark::State& state) {
  Scene& s = scene();
  render::RenderTarget target;
  target.resize(kW, kH);
  render::PointRenderer renderer;
  render::PointSweep sweep;
  sweep.upload(s.sweep.data(), s.sweep.size());
  // The 3D view's default camera, 60 m out, as BM_SceneFrame uses.
  const gui::OrbitState o;
  render::OrbitParams p;
  p.yaw = o.yaw;
  p.pitch = o.pitch;
  p.distance = 60;
  const core::Mat4 vp = render::orbit_view_proj(p, kW, kH);
  render::PointStyle style;
  for (auto _ : state) {
    target.begin();
    target.clear(0, 0, 0);
    renderer.draw(sweep, vp, core::Mat4(1.0), style);
    target.end();
    glFinish();
  }
  state.counters["points"] = double(sweep.size());
}
BENCHMARK(BM_BarePoints)->Unit(benchmark::kMillisecond);

// The same sweep through the compute splatter (clear, splat, resolve): the
// bare draw of the compute path.
void BM_BareSplat(benchmark::State& state) {
  Scene& s = scene();  // makes the GL context first
  if (!render::PointSplatter::supported()) {
    state.SkipWithError("no OpenGL 4.3");
    return;
  }
  render::RenderTarget target;
  target.resize(kW, kH);
  render::PointSplatter splatter;
  splatter.resize(kW, kH);
  render::PointSweep sweep;
  sweep.upload(s.sweep.data(), s.sweep.size());
  const gui::OrbitState o;
  render::OrbitParams p;
  p.yaw = o.yaw;
  p.pitch = o.pitch;
  p.distance = 60;
  const core::Mat4 vp = render::orbit_view_proj(p, kW, kH);
  render::PointStyle style;
  for (auto _ : state) {
    splatter.clear();
    splatter.splat(sweep, vp, core::Mat4(1.0), style, false);
    target.begin();
    target.clear(0, 0, 0);
    splatter.resolve();
    target.end();
    glFinish();
  }
  state.counters["points"] = double(sweep.size());
}
BENCHMARK(BM_BareSplat)->Unit(benchmark::kMillisecond);

// `path`: 0 GL_POINTS, 1 compute splatting. Every iteration redraws the
// points in full (the view is told its image is stale), as a moving camera
// does, so the frame is comparable with the bare draw.
void scene_frame(benchmark::State& state, bool gl, int variant = 0, int path = 0) {
  Scene& s = scene();
  gui::ViewState& v = s.ws->view();
  v.accumulate_sweeps = 1;
  v.orbit = gui::OrbitState{};
  v.orbit.distance = 60;
  v.show_labels = variant < 1;
  v.show_grid = variant < 2;
  v.hidden.clear();
  if (variant >= 3)
    for (const auto& o : s.ws->doc().annotations.objects)
      v.hidden.insert(o.id);
  gui::UiHarness ui(kW, kH);
  gui::ViewSet views;
  views.set_toolbars(false);
  ui.frame({}, [&] { views.draw_scene(*s.ws, nullptr); });
  views.scene_view()->submit_gl = gl;
  views.scene_view()->points_path = path;
  for (auto _ : state) {
    if (gl) {
      views.scene_view()->lod().invalidate();
      ui.frame({}, [&] { views.draw_scene(*s.ws, nullptr); });
      glFinish();
    } else {
      ui.build_only({}, [&] { views.draw_scene(*s.ws, nullptr); });
    }
  }
}
// Showing an offscreen 1280x720 target through ImGui (what every 3D view
// frame adds to its own rendering): one full-window textured quad.
void BM_Composite(benchmark::State& state) {
  scene();
  render::RenderTarget target;
  target.resize(kW, kH);
  gui::UiHarness ui(kW, kH);
  for (auto _ : state) {
    ui.frame({}, [&] {
      ImGui::Image(reinterpret_cast<ImTextureID>(intptr_t(target.color_texture())), ImVec2(kW, kH),
                   {0, 1}, {1, 0});
    });
    glFinish();
  }
}
BENCHMARK(BM_Composite)->Unit(benchmark::kMillisecond);

// Args: variant (0 everything; 1 without labels; 2 also without the grid;
// 3 also without cuboids: points only, plus the composite) and points path
// (0 GL_POINTS, against BM_BarePoints; 1 compute, against BM_BareSplat).
void BM_SceneFrame(benchmark::State& state) {
  scene_frame(state, true, int(state.range(0)), int(state.range(1)));
}
void BM_SceneCpu(benchmark::State& state) {
  scene_frame(state, false);
}
BENCHMARK(BM_SceneFrame)
    ->Args({0, 0})
    ->Args({3, 0})
    ->Args({0, 1})
    ->Args({3, 1})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SceneCpu)->Unit(benchmark::kMillisecond);

void camera_frame(benchmark::State& state, bool gl) {
  Scene& s = scene();
  gui::UiHarness ui(1242, 375);
  gui::ViewSet views;
  views.set_toolbars(false);
  auto draw = [&] { views.draw_camera(*s.ws, nullptr, "CAM"); };
  ui.frame({}, draw);
  for (auto _ : state) {
    if (gl) {
      ui.frame({}, draw);
      glFinish();
    } else {
      ui.build_only({}, draw);
    }
  }
}
void BM_CameraFrame(benchmark::State& state) {
  camera_frame(state, true);
}
void BM_CameraCpu(benchmark::State& state) {
  camera_frame(state, false);
}
BENCHMARK(BM_CameraFrame)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CameraCpu)->Unit(benchmark::kMillisecond);

// 10 accumulated sweeps: arg = share drawn in percent (100 full).
void BM_Accumulated(benchmark::State& state) {
  Scene& s = scene();
  s.ws->view().accumulate_sweeps = kFrames;
  gui::SceneRenderer r;
  r.data.update(*s.ws);
  render::RenderTarget target;
  target.resize(kW, kH);
  render::OrbitParams p;
  p.distance = 60;
  const core::Mat4 vp = render::orbit_view_proj(p, kW, kH);
  render::PointStyle style = r.point_style(*s.ws);
  style.end = double(state.range(0)) / 100.0;
  size_t drawn = 0;
  for (auto _ : state) {
    target.begin();
    target.clear(0, 0, 0);
    drawn = r.draw_points(vp, style);
    target.end();
    glFinish();
  }
  state.counters["points"] = double(r.data.total_points());
  state.counters["drawn"] = double(drawn);
  s.ws->view().accumulate_sweeps = 1;
}
BENCHMARK(BM_Accumulated)->Arg(100)->Arg(33)->Arg(10)->Unit(benchmark::kMillisecond);

// The same through the compute-shader splatter (splat + resolve), when the
// context has GL 4.3. Arg = share in percent.
void BM_AccumulatedSplat(benchmark::State& state) {
  Scene& s = scene();  // makes the GL context first
  if (!render::PointSplatter::supported()) {
    state.SkipWithError("no OpenGL 4.3");
    return;
  }
  s.ws->view().accumulate_sweeps = kFrames;
  gui::SceneRenderer r;
  r.data.update(*s.ws);
  r.splatter = std::make_unique<render::PointSplatter>();
  render::RenderTarget target;
  target.resize(kW, kH);
  r.splatter->resize(kW, kH);
  render::OrbitParams p;
  p.distance = 60;
  const core::Mat4 vp = render::orbit_view_proj(p, kW, kH);
  render::PointStyle style = r.point_style(*s.ws);
  style.end = double(state.range(0)) / 100.0;
  size_t drawn = 0;
  for (auto _ : state) {
    r.splatter->clear();
    drawn = r.splat_points(vp, style);
    target.begin();
    target.clear(0, 0, 0);
    r.splatter->resolve();
    target.end();
    glFinish();
  }
  state.counters["points"] = double(r.data.total_points());
  state.counters["drawn"] = double(drawn);
  s.ws->view().accumulate_sweeps = 1;
}
BENCHMARK(BM_AccumulatedSplat)->Arg(100)->Arg(33)->Arg(10)->Unit(benchmark::kMillisecond);

// 10 accumulated sweeps (1.2M points) through the whole 3D view frame.
// Arg 0: camera still (full detail); 1: camera moving (wheel zoom every
// frame, so the view's level of detail applies). Counters "drawn" and "budget": what
// the view drew.
// Args: moving, points path (0 GL_POINTS, 1 compute), sweep size in
// thousands (120: 1.2M points accumulated; 400: 4M).
void BM_AccumulatedView(benchmark::State& state) {
  Scene& s = state.range(2) == 400 ? big_scene() : scene();
  const bool moving = state.range(0) != 0;
  gui::ViewState& v = s.ws->view();
  v.accumulate_sweeps = kFrames;
  v.orbit = gui::OrbitState{};
  v.orbit.distance = 60;
  v.hidden.clear();
  gui::UiHarness ui(kW, kH);
  gui::ViewSet views;
  views.set_toolbars(false);
  ui.frame({}, [&] { views.draw_scene(*s.ws, nullptr); });
  views.scene_view()->points_path = int(state.range(1));
  // Let the budget settle on this machine before timing.
  gui::UiInput warm;
  warm.mouse = ImVec2(kW * 0.5f, kH * 0.5f);
  for (int i = 0; i < 12; ++i) {
    warm.wheel = (i % 2) ? 1.0f : -1.0f;
    ui.frame(warm, [&] { views.draw_scene(*s.ws, nullptr); });
  }
  ui.frame({}, [&] { views.draw_scene(*s.ws, nullptr); });
  gui::UiInput in;
  in.mouse = ImVec2(kW * 0.5f, kH * 0.5f);
  float wheel = 1.0f;
  for (auto _ : state) {
    if (moving) wheel = -wheel;  // zoom in and out: the camera keeps moving
    in.wheel = moving ? wheel : 0.0f;
    ui.frame(in, [&] { views.draw_scene(*s.ws, nullptr); });
    glFinish();
  }
  state.counters["drawn"] = double(views.scene_view()->last_drawn());
  state.counters["budget"] = double(views.scene_view()->lod().budget());
  state.counters["points"] = double(kFrames) * double(s.sweep.size());
  state.counters["fps"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
  v.accumulate_sweeps = 1;
}
BENCHMARK(BM_AccumulatedView)
    ->Args({0, 0, 120})
    ->Args({1, 0, 120})
    ->Args({1, 1, 120})
    ->Args({1, 1, 400})
    ->Args({1, 0, 400})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// One pass of the 3D frame alone, same target and clear as BM_BarePoints.
// Arg: 0 clear only; 1 sweep; 2 grid; 3 200 cuboid wireframes + ego;
// 4 sweep + grid + cuboids (the 3D frame's GL work without the composite).
void BM_ScenePass(benchmark::State& state) {
  Scene& s = scene();
  const int pass = int(state.range(0));
  gui::ViewState& v = s.ws->view();
  v.accumulate_sweeps = 1;
  v.hidden.clear();
  render::RenderTarget target;
  target.resize(kW, kH);
  gui::SceneRenderer r;
  r.data.update(*s.ws);
  const gui::OrbitState o;
  render::OrbitParams p;
  p.yaw = o.yaw;
  p.pitch = o.pitch;
  p.distance = 60;
  const core::Mat4 vp = render::orbit_view_proj(p, kW, kH);
  const render::PointStyle style = r.point_style(*s.ws);
  render::LineBatch grid, boxes;
  grid.add_grid(o.target, 150.0, 10.0, r.data.ground_z(), render::rgba(70, 75, 90, 150),
                render::rgba(110, 115, 135, 200), 5);
  core::Cuboid ego;
  ego.size = {4.5, 1.9, 1.6};
  boxes.add_cuboid(ego, render::rgba(200, 200, 200, 110), 1.0f);
  gui::add_frame_cuboids(*s.ws, boxes);
  render::LineBatch all = grid;
  for (size_t i = 0; i + 1 < boxes.vertices().size(); i += 2) {
    const auto& a = boxes.vertices()[i];
    const auto& b = boxes.vertices()[i + 1];
    all.add_line(core::Vec3(a.position), core::Vec3(b.position), a.color, a.width);
  }
  for (auto _ : state) {
    target.begin();
    target.clear(0, 0, 0);
    if (pass == 1 || pass == 4) r.draw_points(vp, style);
    if (pass == 2) r.lines.draw(grid, vp, kW, kH);
    if (pass == 3) r.lines.draw(boxes, vp, kW, kH);
    if (pass == 4) r.lines.draw(all, vp, kW, kH);
    target.end();
    glFinish();
  }
  state.counters["segments"] = double(pass == 2   ? grid.segments()
                                      : pass == 3 ? boxes.segments()
                                      : pass == 4 ? all.segments()
                                                  : 0);
}
BENCHMARK(BM_ScenePass)->DenseRange(0, 4)->Unit(benchmark::kMillisecond);

// Scrubbing across cached frames: each iteration moves to the next frame
// (all already decoded in the FrameCache) and draws the 3D view and the
// camera view side by side. Arg 1: with the switch; 0: the same two views
// redrawn without a switch (the draw alone). BM_ScrubUpload times only what
// a switch uploads: the new sweep and the new image texture.
void scrub_views(gui::ViewSet& views, gui::Workspace& ws) {
  ImGui::BeginChild("scene", ImVec2(kW * 0.5f, kH));
  views.draw_scene(ws, nullptr);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("cam", ImVec2(0, kH));
  views.draw_camera(ws, nullptr, "CAM");
  ImGui::EndChild();
}
void BM_Scrub(benchmark::State& state) {
  Scene& s = scene();
  const bool do_switch = state.range(0) != 0;
  gui::ViewState& v = s.ws->view();
  v.accumulate_sweeps = 1;
  v.orbit = gui::OrbitState{};
  v.orbit.distance = 60;
  v.show_labels = true;
  v.show_grid = true;
  v.hidden.clear();
  gui::UiHarness ui(kW, kH);
  gui::ViewSet views;
  views.set_toolbars(false);
  ui.frame({}, [&] { scrub_views(views, *s.ws); });
  int f = s.ws->view().frame;
  for (auto _ : state) {
    if (do_switch) {
      f = (f + 1) % kFrames;
      s.ws->set_frame(f);
    }
    ui.frame({}, [&] { scrub_views(views, *s.ws); });
    glFinish();
  }
  s.ws->set_frame(kFrames - 1);
}
BENCHMARK(BM_Scrub)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_ScrubUpload(benchmark::State& state) {
  Scene& s = scene();
  s.ws->view().accumulate_sweeps = 1;
  gui::SceneData data;
  render::ImageTexture tex;
  int f = s.ws->view().frame;
  for (auto _ : state) {
    f = (f + 1) % kFrames;
    s.ws->set_frame(f);
    data.update(*s.ws);
    const auto fd = s.ws->cache().get(f);
    if (fd) tex.update(fd->images.at("CAM"));
    glFinish();
  }
  state.counters["sweep_uploads"] = double(data.uploads());
  state.counters["image_uploads"] = double(tex.uploads());
  s.ws->set_frame(kFrames - 1);
}
BENCHMARK(BM_ScrubUpload)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
