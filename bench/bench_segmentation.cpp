// Segmentation speed (issue targets in brackets):
//   BrushStrokeSegment   one brush segment on a fully labelled 1600x900 layer:
//                        rasterise, make the undo command (changed tiles),
//                        apply it, and copy the dirty rectangle into the
//                        texture upload buffer (the CPU side of
//                        glTexSubImage2D)                          [<= 1 ms]
//   Lasso_1_2M           lasso selection over 1.2M points           [<= 20 ms]
//   OpenFrame6Masks      decode the label PNGs of 6 cameras (1600x900,
//                        demo-like content) when a frame opens      [<= 10 ms]
//   SaveAfterOneEdit     save of 1,000 frames x 6 cameras of masks after
//                        one brush stroke: one sidecar written
#include <benchmark/benchmark.h>

#include "bench/bench_scratch.h"

#include <random>

#include <opencv2/imgproc.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "core/commands/editor.h"
#include "core/io/file_util.h"
#include "core/segmentation/mask_tools.h"
#include "core/segmentation/point_tools.h"
#include "core/segmentation/segmentation_commands.h"
#include "core/segmentation/segmentation_io.h"

namespace {

using vantage::bench::ScratchDir;

using namespace vantage;
using namespace vantage::core;

constexpr int kW = 1600, kH = 900;

// Street-like labels: sky, road, sidewalk bands, a few dozen instances.
cv::Mat street_labels(int seed) {
  cv::Mat m(kH, kW, CV_16U, cv::Scalar(1));
  m(cv::Rect(0, 380, kW, kH - 380)).setTo(2);
  cv::fillPoly(m, std::vector<std::vector<cv::Point>>{{{0, 600}, {700, 420}, {0, 420}}}, 3);
  cv::fillPoly(m, std::vector<std::vector<cv::Point>>{{{kW, 600}, {900, 420}, {kW, 420}}}, 3);
  std::mt19937 rng(static_cast<uint32_t>(seed));
  for (int i = 0; i < 30; ++i) {
    const int x = static_cast<int>(rng() % (kW - 200)), y = 300 + static_cast<int>(rng() % 300);
    cv::rectangle(m, cv::Rect(x, y, 30 + static_cast<int>(rng() % 170), 20 + static_cast<int>(rng() % 120)),
                  cv::Scalar(10 + i), cv::FILLED);
  }
  return m;
}

SegLayer street_layer(int seed) {
  SegLayer l;
  l.width = kW;
  l.height = kH;
  const cv::Mat m = street_labels(seed);
  l.raster = std::make_shared<const LabelRaster>(LabelRaster::from_mat(m));
  const auto h = l.raster->histogram();
  for (uint16_t v = 1; v < h.size(); ++v)
    if (h[v]) l.segments.push_back({v, v < 10 ? "Road" : "Car", v < 10 ? -1 : ObjectId(v), false, h[v]});
  return l;
}

void BM_Segmentation_BrushStrokeSegment(benchmark::State& state) {
  Document doc;
  doc.annotations.segmentation.put({"CAM", 0}, street_layer(1));
  Editor ed(std::move(doc));
  std::vector<uint16_t> upload(static_cast<size_t>(kW) * kH);
  double x = 200, y = 500;
  for (auto _ : state) {
    LayerEdit e = LayerEdit::image(ed.document(), "CAM", 0, kW, kH);
    const uint16_t v = e.segment("Car", 77);
    const Vec2 a{x, y}, b{x + 12, y + 4};
    const PixelRect r = brush_segment(e.writer(), a, b, 20, v);
    auto cmd = e.finish("stroke", 42);
    ed.execute(std::move(cmd));
    const auto labels = ed.document().annotations.segmentation.labels({"CAM", 0});
    labels->read_rect(r, upload.data(), static_cast<size_t>(r.width()));
    benchmark::DoNotOptimize(upload.data());
    x += 12;
    y += 4;
    if (x > kW - 100) x = 100, y = 500;
  }
}
BENCHMARK(BM_Segmentation_BrushStrokeSegment)->Unit(benchmark::kMicrosecond);

void BM_Segmentation_Lasso_1_2M(benchmark::State& state) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> u(-60, 60);
  std::vector<glm::vec4> pts(1200000);
  for (auto& p : pts) p = {u(rng), u(rng), u(rng) * 0.05f, 0};
  const glm::mat4 m = glm::perspective(glm::radians(60.0f), 16.0f / 9.0f, 0.1f, 500.0f) *
                      glm::lookAt(glm::vec3(-50, 0, 30), glm::vec3(0, 0, 0), glm::vec3(0, 0, 1));
  std::vector<glm::vec2> lasso;
  for (int i = 0; i < 64; ++i) {
    const float a = 6.2831853f * i / 64;
    lasso.push_back({960 + 400 * std::cos(a) * (1 + 0.3f * std::sin(5 * a)), 540 + 300 * std::sin(a)});
  }
  size_t n = 0;
  for (auto _ : state) {
    const PointIndices sel = select_lasso(pts.data(), pts.size(), m, 1920, 1080, lasso);
    n = sel.size();
    benchmark::DoNotOptimize(sel.data());
  }
  state.counters["selected"] = static_cast<double>(n);
}
BENCHMARK(BM_Segmentation_Lasso_1_2M)->Unit(benchmark::kMillisecond);

void BM_Segmentation_OpenFrame6Masks(benchmark::State& state) {
  static ScratchDir dir;
  Segmentation saved;
  for (int c = 0; c < 6; ++c) saved.put({"CAM" + std::to_string(c), 0}, street_layer(c));
  save_segmentation_files(saved, dir.path());
  std::vector<LayerKey> keys;
  for (int c = 0; c < 6; ++c) keys.push_back({"CAM" + std::to_string(c), 0});
  size_t bytes = 0;
  for (const auto& [k, l] : saved.layers()) bytes += std::filesystem::file_size(l.file);
  for (auto _ : state) {
    state.PauseTiming();
    Segmentation s;
    for (const auto& [k, l] : saved.layers()) {
      SegLayer copy = l;
      copy.raster.reset();
      s.put(k, copy);
    }
    state.ResumeTiming();
    s.prefetch(keys);
    benchmark::DoNotOptimize(s.cached_bytes());
  }
  state.counters["png_bytes_per_camera"] = static_cast<double>(bytes) / 6;
}
BENCHMARK(BM_Segmentation_OpenFrame6Masks)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Segmentation_SaveAfterOneEdit_1000x6(benchmark::State& state) {
  static ScratchDir dir;
  // 6,000 saved layers (one PNG hard-linked under every name: the setup
  // would otherwise encode 6,000 images), loaded lazily as after an open.
  Document doc;
  SegLayer base = street_layer(5);
  base.hash = base.raster->hash();
  const std::string png = encode_labels(*base.raster, LayerKind::Image);
  const std::filesystem::path first = dir.path() / "first.png";
  write_file_atomic(first, png);
  base.raster.reset();
  for (int f = 0; f < 1000; ++f)
    for (int c = 0; c < 6; ++c) {
      const LayerKey key{"CAM" + std::to_string(c), f};
      SegLayer l = base;
      l.file = dir.path() / layer_file_name(key, LayerKind::Image, base.hash);
      std::filesystem::create_directories(l.file.parent_path());
      std::error_code ec;
      std::filesystem::create_hard_link(first, l.file, ec);
      doc.annotations.segmentation.put(key, std::move(l));
    }
  Editor ed(std::move(doc));
  int f = 0;
  size_t written = 0;
  for (auto _ : state) {
    LayerEdit e = LayerEdit::image(ed.document(), "CAM0", f, kW, kH);
    brush_segment(e.writer(), {100.0 + f % 500, 500}, {140.0 + f % 500, 520}, 10, e.segment("Car", 9999));
    ed.execute(e.finish("stroke"));
    written = save_segmentation_files(ed.document().annotations.segmentation, dir.path(), {true, false});
    f = (f + 1) % 1000;
  }
  state.counters["files_written"] = static_cast<double>(written);
}
BENCHMARK(BM_Segmentation_SaveAfterOneEdit_1000x6)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
