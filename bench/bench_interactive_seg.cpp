// Interactive segmentation on the demo's things, the standard protocol
// (core/segmentation/click_eval.h: RITM's robot clicks at the centre of the
// largest error region, at most 20): NoC@85 and NoC@90 for brush only,
// GrabCut, and superpixels + GrabCut seeded by the projected cuboid and its
// LiDAR returns, each starting from the object's box. Target: NoC@90 <= 5.
// Reported as counters; one iteration (the run itself takes a while).
#include <benchmark/benchmark.h>

#include "bench/bench_scratch.h"

#include <filesystem>
#include <random>
#include <string>

#include "core/io/native_format.h"
#include "core/segmentation/click_eval.h"
#include "core/synth/demo_generator.h"

namespace {

using vantage::bench::ScratchDir;

using namespace vantage;
using namespace vantage::core;

struct Demo {
  ScratchDir dir;
  Document doc;
  Annotations gt;
  std::vector<ClickTarget> targets;
};

const Demo& demo() {
  static const std::unique_ptr<Demo> d = [] {
    auto out = std::make_unique<Demo>();
    DemoOptions o;
    o.frames = 13;
    o.seed = 1;
    o.cameras = 1;
    generate_demo(o, out->dir.path() / "demo");
    out->doc = load_native(out->dir.path() / "demo");
    out->gt = load_annotations_file(out->dir.path() / "demo" / "ground_truth" / "annotations.json");
    out->targets = click_targets(out->doc, out->gt, out->doc.sequence.camera_names().front(),
                                 {0, 4, 8, 12});
    return out;
  }();
  return *d;
}

void run(benchmark::State& state, ClickMethod method) {
  const Demo& d = demo();
  std::vector<std::vector<double>> runs;
  for (auto _ : state) {
    runs.clear();
    for (const ClickTarget& t : d.targets) runs.push_back(run_clicks(t, method, 20, 0.9));
  }
  double first = 0;
  for (const auto& r : runs) first += r.front();
  state.counters["objects"] = static_cast<double>(runs.size());
  state.counters["NoC85"] = number_of_clicks(runs, 0.85);
  state.counters["NoC90"] = number_of_clicks(runs, 0.90);
  state.counters["IoU_0_clicks"] = runs.empty() ? 0 : first / runs.size();
}

void BM_NoC_Brush(benchmark::State& s) { run(s, ClickMethod::Brush); }
void BM_NoC_GrabCut(benchmark::State& s) { run(s, ClickMethod::GrabCut); }
void BM_NoC_SuperpixelGrabCut(benchmark::State& s) { run(s, ClickMethod::SuperpixelGrabCut); }
BENCHMARK(BM_NoC_Brush)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NoC_GrabCut)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NoC_SuperpixelGrabCut)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
