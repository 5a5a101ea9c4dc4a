// Worker threads and their handoff to the UI thread: the autosave worker
// (edits, discards and failing writes while it writes), the import/export
// job and the propagation job polled and cancelled from the UI thread. Run
// under ThreadSanitizer by scripts/test.sh --tsan.
#include <catch2/catch.hpp>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "app/gui/autosave.h"
#include "app/gui/menus_io.h"
#include "app/gui/tools/propagation_job.h"
#include "core/commands/annotation_commands.h"
#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "tests/support/fixtures.h"
#include "tests/support/test_support.h"

using namespace vantage;
namespace fs = std::filesystem;

namespace {

core::Document small_doc(int frames = 12, int objects = 4) {
  test::SyntheticOptions o;
  o.frames = frames;
  o.objects = objects;
  o.extras = true;
  return test::make_synthetic_document(o);
}

// One edit: a shape's truncation changes.
void nudge(core::Editor& editor, int i) {
  const core::Object& o = editor.document().annotations.objects[static_cast<size_t>(i) %
                                                                  editor.document().annotations.objects.size()];
  const core::Track& t = o.tracks.front();
  core::Shape s = t.shapes.front().shape;
  s.truncation = (i % 100) / 100.0;
  s.modified_ms = i + 1;
  editor.execute(std::make_unique<core::SetShapeCommand>(o.id, t.sensor, t.kind,
                                                         t.shapes.front().frame, s, "nudge"));
  editor.seal();
}

struct FaultScope {
  explicit FaultScope(const core::IoFaultPlan& p) { core::set_io_faults(p); }
  ~FaultScope() { core::set_io_faults({}); }
};

}  // namespace

TEST_CASE("Autosave: the UI thread edits, ticks and discards while the worker writes",
          "[threads][autosave]") {
  test::TempDir tmp;
  core::Editor editor(small_doc());
  gui::Autosave autosave(tmp / "sidecar" / "annotations.json", 0.0);  // every tick writes
  for (int i = 0; i < 200; ++i) {
    nudge(editor, i);
    autosave.tick(editor, i * 0.01, i % 7 == 0);
    (void)autosave.written_revision();
    (void)autosave.last_error();
    if (i % 50 == 49) autosave.discard();
  }
  nudge(editor, 1000);
  autosave.tick(editor, 10.0, true);
  autosave.wait_idle();
  CHECK(autosave.last_error().empty());
  CHECK(autosave.written_revision() == editor.revision());
  CHECK(gui::load_recovery(autosave.sidecar()) == editor.document().annotations);
}

TEST_CASE("Autosave reports a failing disk and writes again once it works",
          "[threads][autosave]") {
  test::TempDir tmp;
  core::Editor editor(small_doc());
  gui::Autosave autosave(tmp / "sidecar" / "annotations.json", 0.0);
  nudge(editor, 1);
  {
    FaultScope faults({1, true, ENOSPC});
    autosave.tick(editor, 1.0, false);
    autosave.wait_idle();
    const std::string err = autosave.last_error();
    CHECK(err.find("autosave to") != std::string::npos);
    CHECK(err.find("No space left on device") != std::string::npos);
    CHECK(autosave.written_revision() == 0);
  }
  CHECK_FALSE(fs::exists(autosave.sidecar()));
  nudge(editor, 2);
  autosave.tick(editor, 2.0, false);
  autosave.wait_idle();
  CHECK(autosave.last_error().empty());
  CHECK(gui::load_recovery(autosave.sidecar()) == editor.document().annotations);
}

TEST_CASE("IoJob: exports and imports on a worker, polled and cancelled from the UI thread",
          "[threads][io_job]") {
  test::TempDir tmp;
  const core::Document doc = small_doc(30, 6);
  gui::IoJob job;
  job.start_export(doc, core::FormatId::Coco, tmp / "coco", {});
  size_t polls = 0;
  while (job.running()) {
    (void)job.done();
    (void)job.total();
    (void)job.error();
    ++polls;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  job.wait();
  CHECK(job.error().empty());
  REQUIRE(job.report());
  CHECK(job.report()->shapes > 0);

  core::Document empty = doc;
  empty.annotations.objects.clear();
  job.start_import(empty, core::FormatId::Coco, tmp / "coco", {});
  while (job.running())
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  job.wait();
  CHECK(job.error().empty());
  const auto imported = job.take_imported();
  REQUIRE(imported);
  CHECK(!imported->annotations.objects.empty());
  CHECK_FALSE(job.take_imported());

  // Cancelled at once: it ends, with the cancellation or a finished export.
  core::ExportOptions overwrite;
  overwrite.overwrite = true;
  job.start_export(doc, core::FormatId::Yolo, tmp / "yolo", overwrite);
  job.cancel();
  job.wait();
  CHECK_FALSE(job.running());
  CHECK((job.report().has_value() || job.error().find("cancelled") != std::string::npos));
}

TEST_CASE("PropagationJob: proposals polled while the worker runs, and a cancel mid-way",
          "[threads][propagation]") {
  const core::Document doc = small_doc(40, 4);
  // A polygon track: propagation copies it forward slice by slice.
  std::optional<core::TrackRef> ref;
  int from = 0;
  for (const core::Object& o : doc.annotations.objects)
    for (const core::Track& t : o.tracks)
      if (!ref && t.kind == core::ShapeKind::Polygon && !t.shapes.empty()) {
        ref = core::TrackRef{o.id, t.sensor, t.kind};
        from = t.shapes.front().frame;
      }
  REQUIRE(ref);
  {
    gui::PropagationJob job(doc, {*ref, from, 20, false, 3});
    while (!job.done()) {
      (void)job.progress();
      (void)job.proposals();
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    CHECK(job.error().empty());
    CHECK(job.proposals().size() == static_cast<size_t>(job.progress()));
  }
  {
    gui::PropagationJob job(doc, {*ref, from, 30, false, 1});
    job.cancel();
    job.wait();
    CHECK(job.done());
    CHECK(job.proposals().size() <= 30);
  }
}
