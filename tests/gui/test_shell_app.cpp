#include <GLFW/glfw3.h>

#include <fmt/format.h>
#include <imgui.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <thread>

#include "app/gui/app.h"
#include "app/gui/demo_launcher.h"
#include "app/gui/workspace.h"
#include "core/io/native_format.h"
#include "tests/support/fixtures.h"
#include "tests/support/test_support.h"

using namespace vantage;
namespace fs = std::filesystem;

namespace {

struct EnvVar {
  EnvVar(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old, had_ = true;
    setenv(name, value.c_str(), 1);
  }
  ~EnvVar() {
    if (had_)
      setenv(name_, old_.c_str(), 1);
    else
      unsetenv(name_);
  }
  const char* name_;
  std::string old_;
  bool had_ = false;
};

}  // namespace

TEST_CASE("the real app: hotkeys step and edit, autosave on frame change, Ctrl+S, quit prompt",
          "[gui][shell][app]") {
  test::TempDir tmp;
  EnvVar config("XDG_CONFIG_HOME", (tmp / "config").string());
  EnvVar state("XDG_STATE_HOME", (tmp / "state").string());
  test::SyntheticOptions so;
  so.frames = 20;
  so.objects = 3;
  const fs::path seq = tmp / "seq";
  core::save_native(test::make_synthetic_document(so), seq);
  const core::Document saved = core::load_native(seq);
  const core::ObjectId first = saved.annotations.objects.front().id;

  gui::AppOptions opt;
  opt.path = seq.string();
  opt.width = 1280;
  opt.height = 720;
  opt.select = first;
  opt.never_wait = true;
  gui::App app(opt);
  REQUIRE(app.start());
  gui::Workspace* ws = app.workspace();
  REQUIRE(ws);
  for (int i = 0; i < 3; ++i)
    app.step();

  ImGuiIO& io = ImGui::GetIO();
  auto press = [&](int key, bool ctrl = false, bool shift = false) {
    io.KeysDown[GLFW_KEY_LEFT_CONTROL] = io.KeyCtrl = ctrl;
    io.KeysDown[GLFW_KEY_LEFT_SHIFT] = io.KeyShift = shift;
    io.KeysDown[key] = true;
    app.step();
    io.KeysDown[key] = false;
    app.step();
    io.KeysDown[GLFW_KEY_LEFT_CONTROL] = io.KeyCtrl = false;
    io.KeysDown[GLFW_KEY_LEFT_SHIFT] = io.KeyShift = false;
    app.step();
  };

  press(GLFW_KEY_RIGHT);
  CHECK(ws->view().frame == 1);
  press(GLFW_KEY_D);
  CHECK(ws->view().frame == 2);
  press(GLFW_KEY_RIGHT, false, true);
  CHECK(ws->view().frame == 12);
  press(GLFW_KEY_HOME);
  CHECK(ws->view().frame == 0);

  // Delete: the selected object's shapes at this frame, one undo step.
  const size_t shapes_before = ws->doc().annotations.shape_count();
  press(GLFW_KEY_DELETE);
  CHECK(ws->doc().annotations.shape_count() < shapes_before);
  CHECK(ws->editor().dirty());
  // The next frame change autosaves.
  const fs::path sidecar = app.autosave()->sidecar();
  press(GLFW_KEY_RIGHT);
  app.autosave()->wait_idle();
  CHECK(fs::exists(sidecar));
  CHECK(core::load_annotations_file(sidecar) == ws->doc().annotations);

  press(GLFW_KEY_Z, true);
  CHECK_FALSE(ws->editor().dirty());
  CHECK(ws->doc().annotations.shape_count() == shapes_before);
  press(GLFW_KEY_Y, true);
  CHECK(ws->editor().dirty());

  press(GLFW_KEY_S, true);
  CHECK_FALSE(ws->editor().dirty());
  CHECK_FALSE(fs::exists(sidecar));
  CHECK(core::load_native(seq).annotations == ws->doc().annotations);

  // Unsaved again, then Ctrl+Q: the prompt opens, the app stays, keys pause.
  press(GLFW_KEY_END);
  press(GLFW_KEY_DELETE);
  REQUIRE(ws->editor().dirty());
  const int frame = ws->view().frame;
  press(GLFW_KEY_Q, true);
  CHECK(app.quit_prompt_open());
  press(GLFW_KEY_LEFT);
  CHECK(ws->view().frame == frame);
  CHECK(app.finish() == 0);
}

TEST_CASE("the real app: a non-native input is saved as a new native folder", "[gui][shell][app]") {
  test::TempDir tmp;
  EnvVar config("XDG_CONFIG_HOME", (tmp / "config").string());
  EnvVar state("XDG_STATE_HOME", (tmp / "state").string());
  fs::create_directories(tmp / "images");
  for (int i = 0; i < 3; ++i)
    cv::imwrite((tmp / "images" / fmt::format("{:06d}.png", i)).string(),
                cv::Mat(40, 60, CV_8UC3, cv::Scalar(i * 50, 80, 120)));
  gui::AppOptions opt;
  opt.path = (tmp / "images").string();
  opt.width = 1024;
  opt.height = 640;
  opt.never_wait = true;
  gui::App app(opt);
  REQUIRE(app.start());
  REQUIRE(app.workspace());
  CHECK(app.workspace()->frame_count() == 3);
  app.step();
  CHECK_FALSE(app.save());  // asks for a folder instead of writing into the input
  CHECK(app.save_as_prompt_open());
  app.step();
  const fs::path out = tmp / "native";
  REQUIRE(app.save_as(out));
  CHECK(core::is_native_folder(out));
  CHECK(app.workspace()->path() == out);
  CHECK(app.workspace()->frame_count() == 3);
  CHECK(app.save());  // now a plain save
  app.step();
  CHECK(app.finish() == 0);
}

TEST_CASE(
    "demo launcher: an existing demo is ready at once; an unusable folder fails with its name",
    "[gui][shell][demo]") {
  test::TempDir tmp;
  core::save_native(test::make_synthetic_document({}), tmp / "demo");
  gui::DemoLauncher ready(tmp / "demo");
  ready.start();
  CHECK(ready.state() == gui::DemoLauncher::State::Ready);

  test::write_text(tmp / "file", "not a folder");
  gui::DemoLauncher bad(tmp / "file" / "demo");
  bad.start();
  for (int i = 0; i < 200 && bad.state() == gui::DemoLauncher::State::Generating; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(bad.state() == gui::DemoLauncher::State::Failed);
  CHECK(bad.error().find((tmp / "file" / "demo").string()) != std::string::npos);
}
