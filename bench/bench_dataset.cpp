// Dataset layer at the scale. Targets: `dataset info` over 1,000
// synthetic sequences <= 2 s; semantic diff of two revisions of a 100k-shape
// sequence <= 1 s; merge of the same <= 2 s.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <filesystem>

#include "core/dataset/annotation_diff.h"
#include "core/dataset/annotation_merge.h"
#include "core/dataset/dataset_info.h"
#include "core/dataset/merge_driver.h"
#include "core/dataset/versions.h"
#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "tests/support/fixtures.h"

namespace {

using namespace vantage;
namespace fs = std::filesystem;

fs::path bench_root(const char* name) {
  const fs::path p = fs::temp_directory_path() / name;
  return p;
}

// 1,000 sequences of 20 frames x 5 objects (200 shapes each), written
// directly (no git, no hashing): what `dataset info` reads.
const core::Dataset& thousand_sequences() {
  static const core::Dataset d = [] {
    const fs::path root = bench_root("vantage-bench-dataset-info");
    fs::remove_all(root);
    core::InitOptions io;
    io.git = false;
    core::Dataset ds = core::init_dataset(root, io);
    const core::Schema schema = ds.load_schema();
    for (int i = 0; i < 1000; ++i) {
      test::SyntheticOptions o;
      o.frames = 20;
      o.objects = 5;
      o.seed = static_cast<unsigned>(i + 1);
      core::Document doc = test::make_synthetic_document(o);
      doc.schema = schema;
      const std::string name = fmt::format("seq{:04d}", i);
      doc.annotations.review.frames[0] = {core::ReviewStatus::Accepted, "rev", 1, ""};
      core::save_native(doc, root / "sequences" / name);
      ds.manifest().sequences.push_back({name, "sequences/" + name, core::ReviewStatus::InProgress, "", ""});
    }
    ds.save();
    return ds;
  }();
  return d;
}

void BM_DatasetInfo_1000Sequences(benchmark::State& state) {
  const core::Dataset& d = thousand_sequences();
  core::DatasetInfoOptions o;
  o.qa = state.range(0) != 0;
  for (auto _ : state) {
    const core::DatasetInfo info = core::dataset_info(d, o);
    benchmark::DoNotOptimize(info.shapes);
  }
  state.counters["sequences"] = 1000;
}
BENCHMARK(BM_DatasetInfo_1000Sequences)->Arg(0)->Arg(1)->ArgName("qa")->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Two revisions of a 100k-shape sequence (1,000 frames x 50 objects, a
// cuboid and a box each): "after" moves 2,000 keyframe boxes, removes two
// objects and adds two.
struct Revisions {
  core::Annotations base, ours, theirs;
  std::string base_text, ours_text, theirs_text;
};

const Revisions& revisions() {
  static const Revisions r = [] {
    test::SyntheticOptions o;
    o.frames = 1000;
    o.objects = 50;
    Revisions x;
    x.base = test::make_synthetic_document(o).annotations;
    x.ours = x.base;
    x.theirs = x.base;
    // Ours: objects 1-25, theirs: 26-50, every 10th frame; one shared
    // conflict per side on object 25 frame 500.
    for (core::Object& obj : x.ours.objects)
      if (obj.id <= 25)
        for (auto& fs : obj.track("CAM_FRONT", core::ShapeKind::Box2D)->shapes)
          if (fs.frame % 10 == 5) std::get<core::Box2D>(fs.shape.geometry).x1 += 1;
    for (core::Object& obj : x.theirs.objects)
      if (obj.id > 25)
        for (auto& fs : obj.track("CAM_FRONT", core::ShapeKind::Box2D)->shapes)
          if (fs.frame % 10 == 5) std::get<core::Box2D>(fs.shape.geometry).y1 += 1;
    std::get<core::Box2D>(x.theirs.find(25)->track("CAM_FRONT", core::ShapeKind::Box2D)->at(505)->geometry).x2 += 3;
    x.ours.remove(3);
    x.theirs.remove(40);
    core::Object extra = *x.base.find(7);
    extra.id = 51;
    x.ours.put(extra);
    x.base_text = core::annotations_to_json(x.base);
    x.ours_text = core::annotations_to_json(x.ours);
    x.theirs_text = core::annotations_to_json(x.theirs);
    return x;
  }();
  return r;
}

// The whole `dataset diff REV REV` path: two revisions in git, blobs read,
// parsed and compared.
void BM_DatasetDiff_100kShapes_Git(benchmark::State& state) {
  const Revisions& r = revisions();
  const fs::path root = bench_root("vantage-bench-dataset-diff");
  fs::remove_all(root);
  core::InitOptions io;
  io.author = "Bench <bench@example.com>";
  core::Dataset d = core::init_dataset(root, io);
  test::SyntheticOptions o;
  o.frames = 1000;
  o.objects = 50;
  core::Document doc = test::make_synthetic_document(o);
  doc.schema = d.load_schema();
  core::save_native(doc, root / "sequences" / "big");
  d.manifest().sequences.push_back({"big", "sequences/big", core::ReviewStatus::Todo, "", ""});
  d.save();
  core::CommitOptions co;
  co.author = io.author;
  co.message = "base";
  core::commit_dataset(d, co);
  core::write_file_atomic(root / "sequences/big/annotations.json", r.ours_text, {false, false});
  co.message = "edit";
  core::commit_dataset(d, co);
  size_t objects = 0;
  for (auto _ : state) {
    const core::DatasetDiff dd = core::diff_dataset(d, "HEAD~1", "HEAD");
    objects = dd.sequences.at(0).annotations.objects.size();
  }
  state.counters["objects_changed"] = static_cast<double>(objects);
  state.counters["shapes"] = static_cast<double>(r.base.shape_count());
}
BENCHMARK(BM_DatasetDiff_100kShapes_Git)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_DiffAnnotations_100kShapes_InMemory(benchmark::State& state) {
  const Revisions& r = revisions();
  for (auto _ : state) {
    const core::AnnotationDiff d = core::diff_annotations(r.base, r.ours);
    benchmark::DoNotOptimize(d.objects.size());
  }
}
BENCHMARK(BM_DiffAnnotations_100kShapes_InMemory)->Unit(benchmark::kMillisecond);

// What the merge driver does for one annotations.json: parse three files,
// merge, write the canonical result.
void BM_MergeFile_100kShapes(benchmark::State& state) {
  const Revisions& r = revisions();
  size_t conflicts = 0;
  for (auto _ : state) {
    const core::FileMergeResult m = core::merge_file(core::MergeFileKind::Annotations, r.base_text, r.ours_text,
                                                     r.theirs_text, "sequences/big/annotations.json");
    conflicts = m.conflicts.size();
    benchmark::DoNotOptimize(m.content.data());
  }
  state.counters["conflicts"] = static_cast<double>(conflicts);
}
BENCHMARK(BM_MergeFile_100kShapes)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_MergeAnnotations_100kShapes_InMemory(benchmark::State& state) {
  const Revisions& r = revisions();
  for (auto _ : state) {
    const core::AnnotationMergeResult m = core::merge_annotations(&r.base, r.ours, r.theirs);
    benchmark::DoNotOptimize(m.merged.objects.data());
  }
}
BENCHMARK(BM_MergeAnnotations_100kShapes_InMemory)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {

// Worst case for the driver: both sides touched every object (different
// frames), so every object is parsed and merged.
void BM_MergeFile_100kShapes_EveryObjectOnBothSides(benchmark::State& state) {
  static const Revisions r = [] {
    Revisions x;
    x.base = revisions().base;
    x.ours = x.base;
    x.theirs = x.base;
    for (core::Object& obj : x.ours.objects)
      for (auto& fs : obj.track("CAM_FRONT", core::ShapeKind::Box2D)->shapes)
        if (fs.frame % 10 == 5) std::get<core::Box2D>(fs.shape.geometry).x1 += 1;
    for (core::Object& obj : x.theirs.objects)
      for (auto& fs : obj.track("CAM_FRONT", core::ShapeKind::Box2D)->shapes)
        if (fs.frame % 10 == 6) std::get<core::Box2D>(fs.shape.geometry).y1 += 1;
    x.base_text = core::annotations_to_json(x.base);
    x.ours_text = core::annotations_to_json(x.ours);
    x.theirs_text = core::annotations_to_json(x.theirs);
    return x;
  }();
  for (auto _ : state) {
    const core::FileMergeResult m = core::merge_file(core::MergeFileKind::Annotations, r.base_text, r.ours_text,
                                                     r.theirs_text, "sequences/big/annotations.json");
    benchmark::DoNotOptimize(m.content.data());
  }
}
BENCHMARK(BM_MergeFile_100kShapes_EveryObjectOnBothSides)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
