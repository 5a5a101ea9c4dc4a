#include <catch2/catch.hpp>

#include "app/gui/menus_io.h"
#include "app/gui/workspace.h"
#include "tests/support/fixtures.h"
#include "tests/support/test_support.h"

using namespace vantage;

TEST_CASE("export / import jobs run on a worker and import is one undoable step",
          "[gui][shell][io]") {
  test::TempDir tmp;
  test::SyntheticOptions o;
  o.frames = 15;
  o.objects = 4;
  const core::Document full = test::make_synthetic_document(o);
  core::Document empty_doc = full;
  empty_doc.annotations.objects.clear();
  gui::Workspace ws(empty_doc, tmp / "seq");

  gui::IoJob job;
  job.start_export(full, core::FormatId::KittiTracking, tmp / "out", {});
  job.wait();
  REQUIRE(job.error() == "");
  REQUIRE(job.report());
  CHECK_FALSE(job.report()->files_written.empty());
  CHECK(job.total() > 0);            // progress was reported
  CHECK_FALSE(job.take_imported());  // exports never produce a document

  // A failing import reports and leaves nothing to apply.
  job.start_import(ws.doc(), core::FormatId::KittiTracking, tmp / "nonexistent", {});
  job.wait();
  CHECK_FALSE(job.error().empty());
  CHECK_FALSE(job.take_imported());
  CHECK(ws.doc().annotations.objects.empty());

  core::ImportOptions io;
  io.unknown_classes = core::UnknownClassPolicy::Add;
  job.start_import(ws.doc(), core::FormatId::KittiTracking, tmp / "out", io);
  job.wait();
  INFO(job.error());
  auto imported = job.take_imported();
  REQUIRE(imported);
  CHECK(imported->annotations.objects.size() == full.annotations.objects.size());
  CHECK(ws.doc().annotations.objects.empty());  // the worker changed a copy only
  gui::apply_import(ws, std::move(*imported), "out");
  CHECK(ws.doc().annotations.objects.size() == full.annotations.objects.size());
  CHECK(ws.editor().undo_history().back() == "Import out");
  ws.editor().undo();
  CHECK(ws.doc().annotations.objects.empty());
}
