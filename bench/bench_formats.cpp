// Export and import of a 1,000-frame sequence with 50 objects per frame
// (50,000 2D boxes + 50,000 cuboids) per format. Target: each under 1 s.
// Baseline in the same run: the native format's save and load
// (BM_NativeSave_1000x50 / BM_NativeLoad_1000x50 in bench_native_io.cpp).
//   build/bench/vantage_bench --benchmark_filter='Format|Native'
// Per-frame formats (VOC, YOLO, KITTI) write 1,000-2,000 files: their wall
// time depends on the file system (compare VANTAGE_BENCH_DIR=/dev/shm).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "core/formats/format.h"
#include "tests/support/fixtures.h"

namespace {

using namespace vantage;
namespace fs = std::filesystem;

const core::Document& doc_1000x50() {
  static const core::Document doc = [] {
    test::SyntheticOptions o;
    o.frames = 1000;
    o.objects = 50;
    return test::make_synthetic_document(o);
  }();
  return doc;
}

// VANTAGE_BENCH_DIR picks the output folder's file system (e.g. /dev/shm to
// leave the disk's write-back out of the timings); default: the temp folder.
fs::path out_dir(core::FormatId f) {
  const char* env = std::getenv("VANTAGE_BENCH_DIR");
  const fs::path base = env && *env ? fs::path(env) : fs::temp_directory_path();
  const fs::path p = base / "vantage-bench-formats" / core::format_name(f);
  fs::create_directories(p);
  return p;
}

void BM_FormatExport(benchmark::State& state) {
  const auto f = static_cast<core::FormatId>(state.range(0));
  state.SetLabel(core::format_name(f));
  const auto& doc = doc_1000x50();
  size_t shapes = 0, files = 0;
  for (auto _ : state) {
    const core::FormatReport r = core::export_document(doc, f, out_dir(f));
    shapes = r.shapes;
    files = r.files_written.size();
  }
  state.counters["shapes"] = static_cast<double>(shapes);
  state.counters["files"] = static_cast<double>(files);
}

void BM_FormatImport(benchmark::State& state) {
  const auto f = static_cast<core::FormatId>(state.range(0));
  state.SetLabel(core::format_name(f));
  const auto& doc = doc_1000x50();
  core::export_document(doc, f, out_dir(f));
  core::Document target;
  target.sequence = doc.sequence;
  target.schema = doc.schema;
  size_t shapes = 0;
  for (auto _ : state) {
    core::Document d = target;
    const core::FormatReport r = core::import_annotations(d, f, out_dir(f));
    shapes = r.shapes;
    benchmark::DoNotOptimize(d.annotations.objects.data());
  }
  state.counters["shapes"] = static_cast<double>(shapes);
}

void formats(benchmark::internal::Benchmark* b) {
  for (auto f : {core::FormatId::Coco, core::FormatId::Voc, core::FormatId::Yolo,
                 core::FormatId::Kitti, core::FormatId::KittiTracking, core::FormatId::OpenLabel})
    b->Arg(static_cast<int>(f));
  b->Unit(benchmark::kMillisecond)->MinTime(1.0);
}

BENCHMARK(BM_FormatExport)->Apply(formats);
BENCHMARK(BM_FormatImport)->Apply(formats);

}  // namespace
