// Evaluating every object at one frame: 1,000 objects over 1,000 frames, each
// with a cuboid track and a 2D box track keyed every 10 frames (200,000
// stored keyframes), ego poses on every frame. Target: under 1 ms per frame.
//
// Baseline (same run): BM_EvaluateFrame_Stored evaluates a keyframe frame,
// where every shape is a stored copy: the floor any evaluation pays (lookup +
// copy). The other runs evaluate a frame between keyframes.
#include <benchmark/benchmark.h>

#include <random>

#include "core/geometry/cuboid_box.h"
#include "core/model/document.h"
#include "core/tracking/interpolator.h"

namespace {

using namespace vantage::core;

constexpr int kFrames = 1000;
constexpr int kObjects = 1000;
constexpr int kKeyEvery = 10;

Document make_document(bool distortion) {
  Document doc;
  Camera cam;
  cam.name = "CAM_FRONT";
  cam.width = 1242;
  cam.height = 375;
  cam.intrinsics = {721.5377, 721.5377, 609.5593, 172.854, 0.0};
  if (distortion) cam.distortion = {-0.01, 0.002, 0.0001, -0.0002, 0.0};
  Mat3 r(0.0);
  r[2][0] = 1.0;
  r[0][1] = -1.0;
  r[1][2] = -1.0;
  cam.camera_to_vehicle = Transform::from_rotation_translation(r, {1.5, 0.0, 1.6});
  doc.sequence.rigs[0].cameras.push_back(cam);
  for (int f = 0; f < kFrames; ++f) {
    Frame fr;
    fr.ego_pose = Transform::from_quaternion(glm::angleAxis(0.001 * f, Vec3(0, 0, 1)),
                                             {1.0 * f, 0.05 * f, 0.0});
    doc.sequence.frames.push_back(fr);
  }
  const CameraModel model(cam);
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int i = 0; i < kObjects; ++i) {
    Object o;
    o.id = i;
    o.class_name = "Car";
    Track ct{kSceneSensor, ShapeKind::Cuboid, {}};
    Track bt{"CAM_FRONT", ShapeKind::Box2D, {}};
    // In front of the camera, drifting slowly: the perspective path runs.
    const double x0 = 12 + 60 * u(rng), y0 = -12 + 24 * u(rng);
    const double vx = 0.02 * (u(rng) - 0.5), vy = 0.01 * (u(rng) - 0.5);
    for (int f = 0; f < kFrames; f += kKeyEvery) {
      Shape c;
      const Cuboid cub{{x0 + vx * f, y0 + vy * f, -0.8}, {4.2, 1.8, 1.5}, u(rng) * 6 - 3, 0, 0};
      c.geometry = cub;
      c.annotator = "ann";
      ct.shapes.push_back({f, c});
      Shape b;
      Box2D box{100, 100, 140, 130};
      if (auto p = project_cuboid_box(model, cub).box) box = *p;
      b.geometry = box;
      b.annotator = "ann";
      bt.shapes.push_back({f, b});
    }
    o.tracks.push_back(std::move(ct));
    o.tracks.push_back(std::move(bt));
    doc.annotations.objects.push_back(std::move(o));
  }
  return doc;
}

const Document& document(bool distortion) {
  static const Document plain = make_document(false);
  static const Document distorted = make_document(true);
  return distortion ? distorted : plain;
}

void run(benchmark::State& state, const Document& doc, const InterpolationOptions& opt, int frame) {
  const Interpolator interp(doc.sequence, opt);
  std::vector<EvaluatedShape> out;
  size_t interpolated = 0;
  for (auto _ : state) {
    interp.evaluate_frame(doc.annotations, frame, out);
    benchmark::DoNotOptimize(out.data());
  }
  for (const auto& e : out)
    interpolated += e.stored ? 0 : 1;
  state.counters["shapes"] = static_cast<double>(out.size());
  state.counters["interpolated"] = static_cast<double>(interpolated);
}

InterpolationOptions options(InterpolationOptions::Box box, InterpolationOptions::Center center) {
  InterpolationOptions o;
  o.box = box;
  o.center = center;
  return o;
}

using Box = InterpolationOptions::Box;
using Center = InterpolationOptions::Center;

void BM_EvaluateFrame_Stored(benchmark::State& s) {
  run(s, document(false), {}, 500);
}
void BM_EvaluateFrame_Linear(benchmark::State& s) {
  run(s, document(false), options(Box::Linear, Center::Linear), 503);
}
void BM_EvaluateFrame_Perspective(benchmark::State& s) {
  run(s, document(false), options(Box::Perspective, Center::Linear), 503);
}
void BM_EvaluateFrame_PerspectiveCubic(benchmark::State& s) {
  run(s, document(false), options(Box::Perspective, Center::CatmullRom), 503);
}
// Lens distortion: project_cuboid samples 16 points per edge.
void BM_EvaluateFrame_PerspectiveDistorted(benchmark::State& s) {
  run(s, document(true), options(Box::Perspective, Center::Linear), 503);
}
void BM_EvaluateFrame_PerspectiveDistorted4(benchmark::State& s) {
  InterpolationOptions o = options(Box::Perspective, Center::Linear);
  o.projection_edge_samples = 4;
  run(s, document(true), o, 503);
}

}  // namespace

BENCHMARK(BM_EvaluateFrame_Stored)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EvaluateFrame_Linear)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EvaluateFrame_Perspective)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EvaluateFrame_PerspectiveCubic)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EvaluateFrame_PerspectiveDistorted)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EvaluateFrame_PerspectiveDistorted4)->Unit(benchmark::kMicrosecond);
