#include <GLFW/glfw3.h>

#include <catch2/catch.hpp>

#include "app/gui/hotkeys.h"
#include "app/gui/tools/tool_box.h"

#include <nlohmann/json.hpp>
#include "core/util/embedded_assets.h"
#include "tests/gui/shell_imgui_harness.h"
#include "tests/support/test_support.h"

#include <imgui_stdlib.h>

using namespace vantage;
using gui::KeyChord;

namespace {

gui::ActionList sample_actions() {
  gui::ActionList a;
  a.add({"edit.undo", "Undo", "Ctrl+Z", nullptr, nullptr});
  a.add({"edit.redo", "Redo", "Ctrl+Y, Ctrl+Shift+Z", nullptr, nullptr});
  a.add({"frame.next", "Next frame", "Right", nullptr, nullptr});
  a.add({"help.hotkeys", "Help", "", nullptr, nullptr});
  a.add({"tool.box", "Box", "", nullptr, nullptr});
  return a;
}

}  // namespace

TEST_CASE("key chords parse and print", "[gui][shell][hotkeys]") {
  auto c = gui::parse_chord("Ctrl+Shift+Z");
  REQUIRE(c);
  CHECK(*c == KeyChord{GLFW_KEY_Z, true, true, false});
  CHECK(gui::format_chord(*c) == "Ctrl+Shift+Z");
  CHECK(*gui::parse_chord("space") == KeyChord{GLFW_KEY_SPACE});
  CHECK(*gui::parse_chord("F1") == KeyChord{GLFW_KEY_F1});
  CHECK(*gui::parse_chord("?") == KeyChord{GLFW_KEY_SLASH, false, true, false});
  CHECK(*gui::parse_chord("alt+3") == KeyChord{GLFW_KEY_3, false, false, true});
  CHECK(*gui::parse_chord("Delete") == KeyChord{GLFW_KEY_DELETE});
  std::string err;
  CHECK_FALSE(gui::parse_chord("Hyper+Q", &err));
  CHECK(err.find("Hyper") != std::string::npos);
  CHECK_FALSE(gui::parse_chord("Ctrl+Banana", &err));
  CHECK(err.find("Banana") != std::string::npos);
  const auto list = gui::parse_chord_list("Ctrl+Y, Ctrl+Shift+Z");
  REQUIRE(list.size() == 2);
  CHECK(list[1] == KeyChord{GLFW_KEY_Z, true, true, false});
}

TEST_CASE("bundled hotkeys bind the core actions; user file overrides them",
          "[gui][shell][hotkeys]") {
  const gui::ActionList actions = sample_actions();
  const std::string_view bundled = core::assets::embedded_file("hotkeys.json");
  REQUIRE_FALSE(bundled.empty());
  test::TempDir dir;
  gui::HotkeyMap keys;
  keys.load(actions, bundled, dir / "missing.json");
  CHECK(keys.messages().empty());
  CHECK(keys.match({GLFW_KEY_Z, true, false, false}) == "edit.undo");
  CHECK(keys.match({GLFW_KEY_Z, true, true, false}) == "edit.redo");
  CHECK(keys.match({GLFW_KEY_D}) == "frame.next");  // from the bundled file (Right, D)
  CHECK(keys.match({GLFW_KEY_B}) == "tool.box");
  CHECK(keys.match({GLFW_KEY_SLASH, false, true, false}) == "help.hotkeys");
  CHECK(keys.match({GLFW_KEY_Z}).empty());  // modifiers must match exactly

  test::write_text(
      dir / "hotkeys.json",
      R"({"edit.undo": "Ctrl+U", "frame.next": ["N", "Right"], "no.such.action": "X"})");
  keys.load(actions, bundled, dir / "hotkeys.json");
  CHECK(keys.match({GLFW_KEY_U, true, false, false}) == "edit.undo");
  CHECK(keys.match({GLFW_KEY_Z, true, false, false}).empty());
  CHECK(keys.match({GLFW_KEY_N}) == "frame.next");
  CHECK(keys.match({GLFW_KEY_D}).empty());
  CHECK(keys.chord_text("frame.next") == "N, Right");
  REQUIRE(keys.messages().size() == 1);
  CHECK(keys.messages()[0].find("no.such.action") != std::string::npos);
  CHECK(keys.messages()[0].find("hotkeys.json") != std::string::npos);
}

TEST_CASE("malformed user hotkey file: message with file and position, defaults kept",
          "[gui][shell][hotkeys]") {
  const gui::ActionList actions = sample_actions();
  test::TempDir dir;
  const auto file = dir / "hotkeys.json";
  test::write_text(file, "{\n  \"edit.undo\": \"Ctrl+U\",\n  \"edit.redo\" \"Ctrl+R\"\n}\n");
  gui::HotkeyMap keys;
  keys.load(actions, core::assets::embedded_file("hotkeys.json"), file);
  REQUIRE(keys.messages().size() == 1);
  const std::string& m = keys.messages()[0];
  CHECK(m.find(file.string()) != std::string::npos);
  CHECK(m.find("line 3") != std::string::npos);
  CHECK(keys.match({GLFW_KEY_Z, true, false, false}) == "edit.undo");  // defaults survive

  test::write_text(file, R"({"edit.undo": "Ctrl+Wibble", "edit.redo": "Ctrl+R"})");
  keys.load(actions, core::assets::embedded_file("hotkeys.json"), file);
  REQUIRE(keys.messages().size() == 1);
  CHECK(keys.messages()[0].find("/edit.undo") != std::string::npos);
  CHECK(keys.match({GLFW_KEY_Z, true, false, false}) == "edit.undo");  // bad entry skipped
  CHECK(keys.match({GLFW_KEY_R, true, false, false}) == "edit.redo");  // good entry applied
}

TEST_CASE("hotkeys fire from ImGui key input, go to the tool first, never into text fields",
          "[gui][shell][hotkeys]") {
  const gui::ActionList actions = sample_actions();
  gui::HotkeyMap keys;
  keys.load(actions, core::assets::embedded_file("hotkeys.json"), {});
  test::ImGuiHarness ui;
  ImGuiIO& io = ImGui::GetIO();
  std::vector<std::string> fired;
  bool tool_eats = false;
  std::vector<int> tool_saw;
  auto tool = [&](const gui::KeyEvent& ev) {
    tool_saw.push_back(ev.key);
    return tool_eats;
  };
  bool with_field = false, focus = false;
  std::string text;
  auto draw = [&] {
    auto ids = gui::collect_hotkey_actions(keys, tool);
    fired.insert(fired.end(), ids.begin(), ids.end());
    if (with_field) {
      if (focus) ImGui::SetKeyboardFocusHere();
      ImGui::InputText("##field", &text);
    }
  };
  auto press = [&](int key, bool ctrl = false) {
    io.KeyCtrl = ctrl;
    io.KeysDown[key] = true;
    ui.frame(draw);
    io.KeysDown[key] = false;
    ui.frame(draw);
    io.KeyCtrl = false;
  };
  press(GLFW_KEY_RIGHT);
  press(GLFW_KEY_Z, true);
  CHECK(fired == std::vector<std::string>{"frame.next", "edit.undo"});
  CHECK(tool_saw == std::vector<int>{GLFW_KEY_RIGHT, GLFW_KEY_Z});

  fired.clear();
  tool_eats = true;
  press(GLFW_KEY_RIGHT);
  CHECK(fired.empty());
  tool_eats = false;

  // A focused text field takes the keys.
  with_field = focus = true;
  ui.frame(draw);
  focus = false;
  // Focus lands on the field during the next frame; ImGui reports it after.
  for (int i = 0; i < 4 && !io.WantTextInput; ++i)
    ui.frame(draw);
  REQUIRE(io.WantTextInput);
  press(GLFW_KEY_D);
  CHECK(fired.empty());
}

TEST_CASE("bundled hotkeys: every chord used once, tool actions included",
          "[gui][shell][hotkeys]") {
  gui::ActionList actions;
  gui::ToolBox tools;
  gui::add_tool_actions(actions, tools);
  // Stand-ins for every other id the bundled file names (the app's own actions).
  const auto json = nlohmann::json::parse(core::assets::embedded_file("hotkeys.json"));
  for (auto it = json.begin(); it != json.end(); ++it)
    if (it.key()[0] != '_' && !actions.find(it.key()))
      actions.add({it.key(), it.key(), "", nullptr, nullptr});
  gui::HotkeyMap keys;
  keys.load(actions, core::assets::embedded_file("hotkeys.json"), {});
  for (const std::string& m : keys.messages())
    INFO(m);
  CHECK(keys.messages().empty());
  CHECK(keys.match({GLFW_KEY_B}) == "tool.box");
  CHECK(keys.match({GLFW_KEY_G}) == "assist.grabcut");
}

TEST_CASE("hotkey clashes are reported", "[gui][shell][hotkeys]") {
  gui::ActionList actions;
  actions.add({"a.one", "One", "X", nullptr, nullptr});
  actions.add({"b.two", "Two", "Ctrl+X, X", nullptr, nullptr});
  gui::HotkeyMap keys;
  keys.load(actions, {}, {});
  REQUIRE(keys.messages().size() == 1);
  CHECK(keys.messages()[0] == "X is bound to both a.one and b.two (a.one wins)");
  CHECK(keys.match({GLFW_KEY_X}) == "a.one");
}
