#include <catch2/catch.hpp>

#include <cstdlib>
#include <thread>

#include "app/gui/autosave.h"
#include "core/commands/annotation_commands.h"
#include "core/io/native_format.h"
#include "tests/support/fixtures.h"
#include "tests/support/test_support.h"

using namespace vantage;
namespace fs = std::filesystem;

namespace {

// Points the state folder at a scratch folder for the test's lifetime.
struct StateHome {
  explicit StateHome(const fs::path& p) {
    if (const char* old = std::getenv("XDG_STATE_HOME")) old_ = old;
    setenv("XDG_STATE_HOME", p.c_str(), 1);
  }
  ~StateHome() {
    if (old_.empty())
      unsetenv("XDG_STATE_HOME");
    else
      setenv("XDG_STATE_HOME", old_.c_str(), 1);
  }
  std::string old_;
};

core::Document small_doc() {
  test::SyntheticOptions o;
  o.frames = 12;
  o.objects = 3;
  return test::make_synthetic_document(o);
}

}  // namespace

TEST_CASE("autosave writes a sidecar that recovers the unsaved edit", "[gui][shell][autosave]") {
  test::TempDir tmp;
  StateHome state(tmp / "state");
  const fs::path folder = tmp / "seq";
  core::Document doc = small_doc();
  core::save_native(doc, folder);
  doc = core::load_native(folder);

  const fs::path sidecar = gui::Autosave::sidecar_for(folder);
  CHECK(sidecar.string().find((tmp / "state").string()) == 0);
  CHECK(gui::Autosave::sidecar_for(folder / ".") == sidecar);  // same folder, same sidecar
  CHECK_FALSE(gui::find_recovery(folder, doc));

  core::Editor editor(doc);
  const core::ObjectId victim = doc.annotations.objects.front().id;
  editor.execute(core::make_delete_objects(editor.document(), {victim}));
  REQUIRE(editor.dirty());
  {
    gui::Autosave autosave(sidecar, 30.0);
    autosave.tick(editor, 100.0, false);  // first dirty frame: timer starts
    autosave.wait_idle();
    CHECK_FALSE(fs::exists(sidecar));
    autosave.tick(editor, 131.0, false);  // 31 s later
    autosave.wait_idle();
    REQUIRE(fs::exists(sidecar));
    CHECK(autosave.written_revision() == editor.revision());
    CHECK(autosave.last_error().empty());
  }
  // A new session: the sidecar is newer than annotations.json and differs.
  const core::Document reopened = core::load_native(folder);
  const auto found = gui::find_recovery(folder, reopened);
  REQUIRE(found);
  CHECK(*found == sidecar);
  const core::Annotations recovered = gui::load_recovery(*found);
  CHECK(recovered == editor.document().annotations);
  CHECK_FALSE(recovered.find(victim));

  // Saving for real makes the sidecar obsolete and deletes it.
  gui::Autosave autosave(sidecar);
  core::save_native(editor.document(), folder);
  autosave.discard();
  CHECK_FALSE(fs::exists(sidecar));
  CHECK_FALSE(gui::find_recovery(folder, core::load_native(folder)));
}

TEST_CASE("autosave: frame changes write at once; a later real save wins",
          "[gui][shell][autosave]") {
  test::TempDir tmp;
  StateHome state(tmp / "state");
  const fs::path folder = tmp / "seq";
  core::save_native(small_doc(), folder);
  core::Editor editor(core::load_native(folder));
  gui::Autosave autosave(gui::Autosave::sidecar_for(folder), 30.0);
  autosave.tick(editor, 0.0, true);  // clean: nothing to write
  autosave.wait_idle();
  CHECK_FALSE(fs::exists(autosave.sidecar()));
  editor.execute(core::make_delete_objects(editor.document(),
                                           {editor.document().annotations.objects.back().id}));
  autosave.tick(editor, 1.0, true);
  autosave.wait_idle();
  REQUIRE(fs::exists(autosave.sidecar()));
  // Saved annotations newer than the sidecar: nothing to offer.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  core::Document saved = editor.document();
  saved.annotations.objects.clear();
  core::save_native(saved, folder);
  fs::last_write_time(folder / core::kAnnotationsFileName,
                      fs::last_write_time(autosave.sidecar()) + std::chrono::seconds(5));
  CHECK_FALSE(gui::find_recovery(folder, core::load_native(folder)));
}
