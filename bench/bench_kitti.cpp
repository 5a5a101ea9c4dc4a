// KITTI reading speed on the real sample files (VANTAGE_SHARED_DATA):
//   label_02 parsing against a plain strtod pass over the same text (baseline),
//   opening tracking sequence 0001 (447 frames, 4271 label lines),
//   opening a 1,000-frame object folder (the 3 real frames repeated through
//   symbolic links): index only, target < 100 ms.
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>

#include "core/formats/kitti_labels.h"
#include "core/io/file_util.h"
#include "core/io/kitti_openers.h"
#include "core/io/sequence_opener.h"

namespace {

namespace fs = std::filesystem;
using namespace vantage;

fs::path shared_data() {
  const char* d = std::getenv("VANTAGE_SHARED_DATA");
  return d ? fs::path(d) : fs::path("/work/shared/data");
}

bool have_data(benchmark::State& state) {
  if (fs::exists(shared_data() / "PROVENANCE.md")) return true;
  state.SkipWithError("set VANTAGE_SHARED_DATA to the sample data folder");
  return false;
}

void BM_KittiLabels_Parse_0001(benchmark::State& state) {
  if (!have_data(state)) return;
  const std::string text =
      core::read_file_to_string(shared_data() / "kitti_tracking/training/label_02/0001.txt");
  for (auto _ : state) {
    auto labels = core::parse_kitti_labels(text, core::KittiLabelKind::Tracking, "0001.txt");
    benchmark::DoNotOptimize(labels.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_KittiLabels_Parse_0001)->Unit(benchmark::kMillisecond);

// Baseline: every whitespace-separated field through strtod, no checks.
void BM_KittiLabels_Baseline_Strtod_0001(benchmark::State& state) {
  if (!have_data(state)) return;
  const std::string text =
      core::read_file_to_string(shared_data() / "kitti_tracking/training/label_02/0001.txt");
  for (auto _ : state) {
    double sum = 0;
    const char* p = text.c_str();
    char* end = nullptr;
    while (*p) {
      const double v = std::strtod(p, &end);
      if (end == p) {  // a word (the type): skip it
        while (*p && *p != ' ' && *p != '\n')
          ++p;
        if (*p) ++p;
      } else {
        sum += v;
        p = end;
      }
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_KittiLabels_Baseline_Strtod_0001)->Unit(benchmark::kMillisecond);

void BM_KittiTracking_Open_0001(benchmark::State& state) {
  if (!have_data(state)) return;
  for (auto _ : state) {
    core::Document doc = core::open_document(shared_data() / "kitti_tracking/training", {"0001"});
    benchmark::DoNotOptimize(doc.annotations.objects.data());
  }
}
BENCHMARK(BM_KittiTracking_Open_0001)->Unit(benchmark::kMillisecond);

void BM_KittiObject_Open_1000Frames(benchmark::State& state) {
  if (!have_data(state)) return;
  const fs::path src = shared_data() / "kitti_object";
  const fs::path root = fs::temp_directory_path() / "vantage-bench-kitti-object";
  fs::remove_all(root);
  for (const char* d : {"calib", "image_2", "label_2", "velodyne"})
    fs::create_directories(root / d);
  for (int i = 0; i < 1000; ++i) {
    const std::string from = fmt::format("{:06d}", i % 3), to = fmt::format("{:06d}", i);
    fs::create_symlink(src / "calib" / (from + ".txt"), root / "calib" / (to + ".txt"));
    fs::create_symlink(src / "label_2" / (from + ".txt"), root / "label_2" / (to + ".txt"));
    fs::create_symlink(src / "image_2" / (from + ".png"), root / "image_2" / (to + ".png"));
    fs::create_symlink(src / "velodyne" / (from + ".bin"), root / "velodyne" / (to + ".bin"));
  }
  for (auto _ : state) {
    core::Document doc = core::open_kitti_object(root);
    benchmark::DoNotOptimize(doc.annotations.objects.data());
  }
  fs::remove_all(root);
}
BENCHMARK(BM_KittiObject_Open_1000Frames)->Unit(benchmark::kMillisecond);

}  // namespace
