// Native format save/load at two scales: 1,000 frames x 50 objects (50,000
// cuboids + 50,000 boxes) and 1,000 frames x 500 objects (a million shapes).
// Targets at a million: save and load under 1 s each, model under 150 MB.
#include <benchmark/benchmark.h>

#include <malloc.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "core/io/native_format.h"
#include "tests/support/fixtures.h"

namespace {

using namespace vantage;

// Arg: objects per frame (50 or 500), 1,000 frames, a box and a cuboid each.
const core::Document& big_document(int objects = 50) {
  static std::map<int, core::Document> docs;
  auto it = docs.find(objects);
  if (it == docs.end()) {
    test::SyntheticOptions o;
    o.frames = 1000;
    o.objects = objects;
    it = docs.emplace(objects, test::make_synthetic_document(o)).first;
  }
  return it->second;
}

std::filesystem::path bench_dir(int objects = 50) {
  auto d = std::filesystem::temp_directory_path() /
           ("vantage-bench-native-" + std::to_string(objects));
  std::filesystem::create_directories(d);
  return d;
}

void BM_NativeSave(benchmark::State& state) {
  const int n = int(state.range(0));
  const auto& doc = big_document(n);
  for (auto _ : state) core::save_native(doc, bench_dir(n));
  state.counters["shapes"] = static_cast<double>(doc.annotations.shape_count());
  state.counters["MB"] = static_cast<double>(std::filesystem::file_size(bench_dir(n) / core::kAnnotationsFileName)) / 1e6;
}
BENCHMARK(BM_NativeSave)->Arg(50)->Arg(500)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_NativeLoad(benchmark::State& state) {
  const int n = int(state.range(0));
  core::save_native(big_document(n), bench_dir(n));
  for (auto _ : state) {
    core::Document d = core::load_native(bench_dir(n));
    benchmark::DoNotOptimize(d.annotations.objects.data());
  }
}
BENCHMARK(BM_NativeLoad)->Arg(50)->Arg(500)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Resident memory in bytes (from /proc/self/statm).
size_t resident_bytes() {
  std::ifstream f("/proc/self/statm");
  size_t pages_total = 0, pages_resident = 0;
  f >> pages_total >> pages_resident;
  return pages_resident * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

// Memory of the loaded model: heap bytes in use (glibc mallinfo2) while one
// loaded document is alive, after the JSON DOM used for parsing is freed;
// and the peak resident-set growth during the load (DOM included).
void BM_NativeLoadedModelMemory(benchmark::State& state) {
  const int n = int(state.range(0));
  core::save_native(big_document(n), bench_dir(n));
  double model_mb = 0, rss_mb = 0;
  for (auto _ : state) {
    const size_t heap_before = mallinfo2().uordblks;
    const size_t rss_before = resident_bytes();
    auto d = std::make_unique<core::Document>(core::load_native(bench_dir(n)));
    model_mb = static_cast<double>(mallinfo2().uordblks - heap_before) / 1e6;
    rss_mb = static_cast<double>(resident_bytes() - rss_before) / 1e6;
    benchmark::DoNotOptimize(d.get());
  }
  state.counters["model_MB"] = model_mb;
  state.counters["rss_growth_MB"] = rss_mb;
}
BENCHMARK(BM_NativeLoadedModelMemory)->Arg(50)->Arg(500)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_NativeSerializeOnly(benchmark::State& state) {
  const auto& doc = big_document(int(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(core::annotations_to_json(doc.annotations));
}
BENCHMARK(BM_NativeSerializeOnly)->Arg(50)->Arg(500)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
