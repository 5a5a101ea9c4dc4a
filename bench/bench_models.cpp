// Model-assisted labelling (core/models):
//   LidarDetector_*     builtin:lidar-objects per sweep (target <= 100 ms for
//                       a 120k-point sweep): a real KITTI sweep when the
//                       sample data is there, and a demo sweep
//   OnnxYoloSized_640   a YOLOv8n-sized ONNX model (bench/make_yolo_sized_onnx.py,
//                       built with python3-onnx at bench time, or
//                       $VANTAGE_BENCH_YOLO_ONNX) on a 1242x375 image at
//                       640x640: letterbox, forward, decode, NMS
//   HogPeople_Kitti     builtin:hog-people on a KITTI image
//   LearningCurve       not a timing: writes learning_curve.csv and
//                       learning_curve.png ($VANTAGE_BENCH_OUT or the current
//                       folder) with the precision and recall of the LiDAR
//                       pre-labels on demo frames 50-99 after training on 0,
//                       10, 20 and 40 labelled frames
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>

#include <unistd.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/io/frame_points.h"
#include "core/io/image_io.h"
#include "core/io/native_format.h"
#include "core/io/point_cloud_io.h"
#include "core/models/detection_eval.h"
#include "core/models/image_model.h"
#include "core/models/label_classifier.h"
#include "core/models/lidar_detector.h"
#include "core/models/prelabel.h"
#include "core/synth/demo_generator.h"

namespace {

using namespace vantage;
namespace fs = std::filesystem;

fs::path shared_data() {
  if (const char* d = std::getenv("VANTAGE_SHARED_DATA")) return d;
  return VANTAGE_SHARED_DATA_DEFAULT;
}

fs::path scratch() {
  static const fs::path p = [] {
    fs::path d = fs::temp_directory_path() / fmt::format("vantage_bench_models_{}", ::getpid());
    fs::create_directories(d);
    return d;
  }();
  return p;
}

void BM_LidarDetector_KittiSweep(benchmark::State& state) {
  const fs::path bin = shared_data() / "kitti_object/velodyne/000001.bin";
  if (!fs::exists(bin)) {
    state.SkipWithError("no KITTI sample data");
    return;
  }
  const core::PointCloud cloud = core::read_point_cloud(bin);
  size_t found = 0;
  for (auto _ : state) {
    const auto r = core::detect_lidar_objects(cloud, core::Vec3(0.0));
    found = r.detections.size();
    benchmark::DoNotOptimize(found);
  }
  state.counters["points"] = double(cloud.size());
  state.counters["detections"] = double(found);
}
BENCHMARK(BM_LidarDetector_KittiSweep)->Unit(benchmark::kMillisecond);

void BM_LidarDetector_DemoSweep(benchmark::State& state) {
  core::DemoOptions o;
  o.frames = 1;
  const core::DemoScene scene(o);
  const auto renderers = core::make_demo_renderers(scene);
  const core::DemoFrame f = core::render_demo_frame(scene, renderers, 0);
  size_t found = 0;
  for (auto _ : state) {
    const auto r = core::detect_lidar_objects(f.cloud, core::Vec3(0.0, 0.0, 1.8));
    found = r.detections.size();
    benchmark::DoNotOptimize(found);
  }
  state.counters["points"] = double(f.cloud.size());
  state.counters["detections"] = double(found);
}
BENCHMARK(BM_LidarDetector_DemoSweep)->Unit(benchmark::kMillisecond);

fs::path yolo_sized_model() {
  if (const char* p = std::getenv("VANTAGE_BENCH_YOLO_ONNX")) return p;
  const fs::path out = scratch() / "yolo_sized.onnx";
  if (!fs::exists(out)) {
    const std::string cmd = fmt::format("'{}' '{}' '{}' > /dev/null", VANTAGE_PYTHON3,
                                        VANTAGE_BENCH_SOURCE_DIR "/make_yolo_sized_onnx.py",
                                        out.string());
    if (std::system(cmd.c_str()) != 0) return {};
  }
  return out;
}

void BM_OnnxYoloSized_640(benchmark::State& state) {
  const fs::path model = yolo_sized_model();
  if (model.empty()) {
    state.SkipWithError("python3-onnx not available to build the model");
    return;
  }
  core::ImageModelOptions o;
  o.spec = model.string();
  o.decoder = core::DecoderKind::YoloV8;
  o.decode.score_threshold = 0.5;
  const core::ImageModel m = core::load_image_model(o);
  auto det = m.make();
  cv::Mat img(375, 1242, CV_8UC3);
  cv::randu(img, 0, 255);
  size_t found = 0;
  for (auto _ : state) {
    found = det->detect(img).size();
    benchmark::DoNotOptimize(found);
  }
  state.counters["detections"] = double(found);
  state.counters["cv_threads"] = cv::getNumThreads();
}
BENCHMARK(BM_OnnxYoloSized_640)->Unit(benchmark::kMillisecond)->MinTime(5.0);

void BM_HogPeople_Kitti(benchmark::State& state) {
  const fs::path png = shared_data() / "kitti_object/image_2/000000.png";
  if (!fs::exists(png)) {
    state.SkipWithError("no KITTI sample data");
    return;
  }
  const cv::Mat img = core::to_display_bgr8(core::read_image(png));
  core::ImageModelOptions o;
  o.spec = "builtin:hog-people";
  auto det = core::load_image_model(o).make();
  for (auto _ : state) benchmark::DoNotOptimize(det->detect(img).size());
}
BENCHMARK(BM_HogPeople_Kitti)->Unit(benchmark::kMillisecond);

// --- Learning curve ------------------------------------------------------------

struct CurvePoint {
  int labelled = 0;
  std::string cls;
  core::GoldScore score;
};

void draw_curve(const std::vector<CurvePoint>& pts, const fs::path& png) {
  const int W = 720, H = 460, L = 70, R = 200, T = 40, B = 60;
  cv::Mat img(H, W, CV_8UC3, cv::Scalar(255, 255, 255));
  const int pw = W - L - R, ph = H - T - B;
  auto px = [&](double frames) { return L + int(std::lround(pw * frames / 40.0)); };
  auto py = [&](double v) { return T + int(std::lround(ph * (1.0 - v))); };
  for (int i = 0; i <= 10; ++i) {
    const double v = i / 10.0;
    cv::line(img, {L, py(v)}, {L + pw, py(v)}, cv::Scalar(230, 230, 230), 1);
    cv::putText(img, fmt::format("{:.1f}", v), {L - 40, py(v) + 5}, cv::FONT_HERSHEY_SIMPLEX, 0.45,
                cv::Scalar(60, 60, 60), 1, cv::LINE_AA);
  }
  for (int f : {0, 10, 20, 40}) {
    cv::line(img, {px(f), T}, {px(f), T + ph}, cv::Scalar(230, 230, 230), 1);
    cv::putText(img, std::to_string(f), {px(f) - 8, T + ph + 20}, cv::FONT_HERSHEY_SIMPLEX, 0.5,
                cv::Scalar(60, 60, 60), 1, cv::LINE_AA);
  }
  cv::rectangle(img, {L, T}, {L + pw, T + ph}, cv::Scalar(0, 0, 0), 1);
  cv::putText(img, "labelled frames used for training", {L + pw / 2 - 140, H - 15},
              cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(0, 0, 0), 1, cv::LINE_AA);
  cv::putText(img, "LiDAR pre-labels on demo frames 50-99 (BEV IoU 0.5, <= 40 m, >= 20 pts)",
              {L - 40, 22}, cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(0, 0, 0), 1, cv::LINE_AA);
  struct Series {
    std::string cls;
    bool precision;
    cv::Scalar colour;
    bool dashed;
  };
  const std::vector<Series> series = {{"all", true, cv::Scalar(180, 80, 20), false},
                                      {"all", false, cv::Scalar(180, 80, 20), true},
                                      {"Car", true, cv::Scalar(40, 160, 40), false},
                                      {"Car", false, cv::Scalar(40, 160, 40), true}};
  int legend = T + 10;
  for (const Series& s : series) {
    std::vector<cv::Point> line;
    for (const CurvePoint& p : pts)
      if (p.cls == s.cls)
        line.push_back({px(p.labelled), py(s.precision ? p.score.precision() : p.score.recall())});
    for (size_t i = 0; i + 1 < line.size(); ++i) {
      if (s.dashed) {
        for (int k = 0; k < 10; k += 2) {
          const cv::Point a = line[i] + (line[i + 1] - line[i]) * k / 10;
          const cv::Point b = line[i] + (line[i + 1] - line[i]) * (k + 1) / 10;
          cv::line(img, a, b, s.colour, 2, cv::LINE_AA);
        }
      } else {
        cv::line(img, line[i], line[i + 1], s.colour, 2, cv::LINE_AA);
      }
    }
    for (const cv::Point& q : line) cv::circle(img, q, 4, s.colour, cv::FILLED, cv::LINE_AA);
    for (int x = L + pw + 15; x < L + pw + 45; x += s.dashed ? 8 : 30)
      cv::line(img, {x, legend}, {std::min(x + (s.dashed ? 4 : 30), L + pw + 45), legend}, s.colour,
               2, cv::LINE_AA);
    cv::putText(img, fmt::format("{} {}", s.cls == "all" ? "all classes" : s.cls,
                                 s.precision ? "precision" : "recall"),
                {L + pw + 50, legend + 5}, cv::FONT_HERSHEY_SIMPLEX, 0.45, cv::Scalar(0, 0, 0), 1,
                cv::LINE_AA);
    legend += 22;
  }
  cv::imwrite(png.string(), img);
}

void BM_LearningCurve(benchmark::State& state) {
  const fs::path out_dir = std::getenv("VANTAGE_BENCH_OUT") ? fs::path(std::getenv("VANTAGE_BENCH_OUT"))
                                                             : fs::current_path();
  std::vector<CurvePoint> pts;
  for (auto _ : state) {
    const fs::path demo = scratch() / "curve_demo";
    if (!fs::exists(demo)) {
      core::DemoOptions o;
      o.frames = 100;
      o.seed = 1;
      core::generate_demo(o, demo);
    }
    const core::Document truth = core::load_native(demo);
    const std::vector<std::string> classes = {"Car", "Van", "Pedestrian", "Cyclist", "Truck", "Bus"};
    pts.clear();
    for (int k : {0, 10, 20, 40}) {
      core::Document doc = truth;
      doc.annotations = core::Annotations{};
      // Frames 0..k-1 labelled by a person (the ground truth), marked done.
      for (const core::Object& o : truth.annotations.objects) {
        core::Object c = o;
        for (core::Track& t : c.tracks)
          t.shapes.erase(std::remove_if(t.shapes.begin(), t.shapes.end(),
                                        [&](const core::FrameShape& fs) { return fs.frame >= k; }),
                         t.shapes.end());
        c.prune_empty_tracks();
        if (!c.tracks.empty()) doc.annotations.put(c);
      }
      for (int f = 0; f < k; ++f) doc.annotations.review.frames[f].status = core::ReviewStatus::Done;
      core::PrelabelOptions po;
      po.model = core::kLidarModelSpec;
      if (k > 0) {
        po.frames = core::FrameRange{0, k - 1};
        po.classifier = core::train_on_accepted(doc, po);
      }
      po.frames = core::FrameRange{50, 99};
      core::Annotations pred;
      core::apply_prelabels(pred, core::compute_prelabels(doc, po));
      core::GoldScore all;
      for (const std::string& cls : classes) {
        core::CuboidEvalOptions eo;
        eo.class_name = cls;
        eo.frames = core::FrameRange{50, 99};
        const auto r = core::evaluate_cuboid_detections(truth, pred, eo);
        pts.push_back({k, cls, r.score});
        all.gold += r.score.gold;
        all.predicted += r.score.predicted;
        all.true_positives += r.score.true_positives;
      }
      pts.push_back({k, "all", all});
    }
  }
  std::ofstream csv(out_dir / "learning_curve.csv");
  csv << "labelled_frames,class,gold,predicted,true_positives,precision,recall\n";
  for (const CurvePoint& p : pts) {
    csv << fmt::format("{},{},{},{},{},{:.4f},{:.4f}\n", p.labelled, p.cls, p.score.gold,
                       p.score.predicted, p.score.true_positives, p.score.precision(),
                       p.score.recall());
    if (p.cls == "all" || p.cls == "Car") {
      const std::string key = fmt::format("{}_{}", p.cls, p.labelled);
      state.counters["P_" + key] = p.score.precision();
      state.counters["R_" + key] = p.score.recall();
    }
  }
  draw_curve(pts, out_dir / "learning_curve.png");
}
BENCHMARK(BM_LearningCurve)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
