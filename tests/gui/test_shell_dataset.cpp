// The dataset browser: a sequence inside a dataset shows its siblings, and
// picking one switches the workstation to it (saving edits first).
#include <catch2/catch.hpp>

#include <cstdlib>

#include "app/gui/app.h"
#include "app/gui/workspace.h"
#include "core/commands/annotation_commands.h"
#include "core/dataset/dataset.h"
#include "core/io/native_format.h"
#include "tests/support/fixtures.h"
#include "tests/support/test_support.h"

using namespace vantage;
namespace fs = std::filesystem;

TEST_CASE("the real app: dataset browser lists the sequences and switches between them", "[gui][shell][dataset]") {
  test::TempDir tmp;
  setenv("XDG_CONFIG_HOME", (tmp / "config").string().c_str(), 1);
  setenv("XDG_STATE_HOME", (tmp / "state").string().c_str(), 1);
  core::InitOptions io;
  io.git = false;
  core::Dataset d = core::init_dataset(tmp / "ds", io);
  for (const char* name : {"alpha", "beta"}) {
    test::SyntheticOptions so;
    so.frames = 6;
    so.objects = name[0] == 'a' ? 2 : 3;
    core::Document doc = test::make_synthetic_document(so);
    core::save_native(doc, tmp / "src" / name);
    core::add_sequence(d, tmp / "src" / name);
  }
  gui::AppOptions opt;
  opt.path = (d.root() / "sequences" / "alpha").string();
  opt.width = 1280;
  opt.height = 720;
  opt.never_wait = true;
  gui::App app(opt);
  REQUIRE(app.start());
  for (int i = 0; i < 3; ++i) app.step();
  gui::DatasetBrowser& b = app.dataset_browser();
  REQUIRE(b.root);
  CHECK(*b.root == d.root());
  REQUIRE(b.info.sequences.size() == 2);
  CHECK(b.info.sequences[1].objects == 3);

  // An unsaved edit, then another sequence picked: the edit is saved first.
  gui::Workspace* ws = app.workspace();
  REQUIRE(ws);
  CHECK(ws->doc().annotations.objects.size() == 2);
  ws->editor().execute(core::make_delete_objects(ws->doc(), {1}));
  REQUIRE(ws->editor().dirty());
  b.requested = d.root() / "sequences" / "beta";
  for (int i = 0; i < 3; ++i) app.step();
  ws = app.workspace();
  REQUIRE(ws);
  CHECK(ws->doc().annotations.objects.size() == 3);
  CHECK(fs::equivalent(ws->path(), d.root() / "sequences" / "beta"));
  CHECK(core::load_native(d.root() / "sequences" / "alpha").annotations.objects.size() == 1);
  app.finish();
}
