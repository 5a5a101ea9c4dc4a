// `vantage demo` speed. Target: 100 frames with one camera in under 20 s on
// the 2-core build machine (BM_DemoGenerate/100/1, wall time). The stage
// benchmarks say where the time goes; BM_DemoWriteOnly is the baseline: the
// same bytes (one sweep, one PNG per frame) written without generating them.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "core/io/file_util.h"
#include "core/io/point_cloud_io.h"
#include "core/synth/demo_generator.h"

namespace {

using namespace vantage;
namespace fs = std::filesystem;

fs::path bench_dir(const char* name) {
  const fs::path p = fs::temp_directory_path() / name;
  fs::remove_all(p);
  return p;
}

// Whole generation as the CLI runs it (frames in parallel on all cores).
void BM_DemoGenerate(benchmark::State& state) {
  core::DemoOptions o;
  o.frames = static_cast<int>(state.range(0));
  o.cameras = static_cast<int>(state.range(1));
  const fs::path out = bench_dir("vantage-bench-demo");
  core::DemoReport r;
  for (auto _ : state)
    r = core::generate_demo(o, out, true);
  state.counters["frames/s"] = benchmark::Counter(
      static_cast<double>(o.frames) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["MB"] = static_cast<double>(r.bytes) / 1e6;
  fs::remove_all(out);
}
BENCHMARK(BM_DemoGenerate)
    ->Args({100, 1})
    ->Args({100, 3})
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);

// Baseline: writing one sweep and one PNG per frame, nothing generated.
void BM_DemoWriteOnly(benchmark::State& state) {
  const core::DemoScene scene(core::DemoOptions{});
  const auto renderers = core::make_demo_renderers(scene);
  const core::DemoFrame frame = core::render_demo_frame(scene, renderers, 0);
  std::vector<uchar> png;
  cv::imencode(
      ".png", frame.images[0].image, png,
      {cv::IMWRITE_PNG_COMPRESSION, 1, cv::IMWRITE_PNG_STRATEGY, cv::IMWRITE_PNG_STRATEGY_RLE});
  const fs::path out = bench_dir("vantage-bench-demo-write");
  fs::create_directories(out);
  const int frames = static_cast<int>(state.range(0));
  core::AtomicWriteOptions wo;
  wo.keep_backup = false;
  wo.sync = false;
  for (auto _ : state)
    for (int f = 0; f < frames; ++f) {
      core::write_kitti_bin(out / (std::to_string(f) + ".bin"), frame.cloud);
      core::write_file_atomic(
          out / (std::to_string(f) + ".png"),
          std::string_view(reinterpret_cast<const char*>(png.data()), png.size()), wo);
    }
  fs::remove_all(out);
}
BENCHMARK(BM_DemoWriteOnly)->Arg(100)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// Stages, single-threaded, per frame.
const core::DemoScene& scene100() {
  static const core::DemoScene scene(core::DemoOptions{});
  return scene;
}

void BM_DemoSceneBuild(benchmark::State& state) {
  core::DemoOptions o;
  o.frames = static_cast<int>(state.range(0));
  for (auto _ : state) {
    core::DemoScene scene(o);
    benchmark::DoNotOptimize(scene.traffic().frames.data());
  }
}
BENCHMARK(BM_DemoSceneBuild)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_DemoLidarSweep(benchmark::State& state) {
  const auto& scene = scene100();
  const auto boxes = scene.frame_boxes(50);
  const auto pose = scene.ego_pose(50) * scene.rig().lidars[0].lidar_to_vehicle;
  size_t points = 0;
  for (auto _ : state)
    points = core::simulate_lidar(scene.lidar(), pose, scene.layout().ground, boxes, 1).size();
  state.counters["points"] = static_cast<double>(points);
}
BENCHMARK(BM_DemoLidarSweep)->Unit(benchmark::kMillisecond);

void BM_DemoCameraRender(benchmark::State& state) {
  const auto& scene = scene100();
  const core::CameraRenderer renderer(scene.rig().cameras[0]);
  const auto boxes = scene.frame_boxes(50);
  const auto pose = scene.ego_pose(50) * scene.rig().cameras[0].camera_to_vehicle;
  for (auto _ : state)
    benchmark::DoNotOptimize(renderer.render(pose, scene.layout().ground, boxes, 1).image.data);
}
BENCHMARK(BM_DemoCameraRender)->Unit(benchmark::kMillisecond);

void BM_DemoPngEncode(benchmark::State& state) {
  const auto& scene = scene100();
  const core::CameraRenderer renderer(scene.rig().cameras[0]);
  const cv::Mat image = renderer
                            .render(scene.ego_pose(50) * scene.rig().cameras[0].camera_to_vehicle,
                                    scene.layout().ground, scene.frame_boxes(50), 1)
                            .image;
  std::vector<uchar> png;
  for (auto _ : state)
    cv::imencode(
        ".png", image, png,
        {cv::IMWRITE_PNG_COMPRESSION, 1, cv::IMWRITE_PNG_STRATEGY, cv::IMWRITE_PNG_STRATEGY_RLE});
  state.counters["KB"] = static_cast<double>(png.size()) / 1024;
}
BENCHMARK(BM_DemoPngEncode)->Unit(benchmark::kMillisecond);

}  // namespace
