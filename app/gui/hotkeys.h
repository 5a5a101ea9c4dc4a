#pragma once
// Key chords bound to action ids. Bindings come, in order of precedence, from
// the user's ~/.config/vantage/hotkeys.json, the bundled assets/hotkeys.json
// and each action's own default_keys. A malformed user file is reported (file,
// line and column) and ignored, so a typo never leaves the keyboard dead.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <functional>

#include "app/gui/actions.h"
#include "app/gui/tools/tool.h"

namespace vantage::gui {

struct KeyChord {
  int key = -1;  // GLFW_KEY_*
  bool ctrl = false, shift = false, alt = false;
  bool operator==(const KeyChord& o) const {
    return key == o.key && ctrl == o.ctrl && shift == o.shift && alt == o.alt;
  }
  bool operator!=(const KeyChord& o) const { return !(*this == o); }
};

// "Ctrl+Shift+Z", "Space", "F1", "?" (Shift+/). Returns nullopt and sets
// `error` for an unknown key or modifier.
std::optional<KeyChord> parse_chord(std::string_view text, std::string* error = nullptr);
// Several chords separated by commas ("Ctrl+Y, Ctrl+Shift+Z").
std::vector<KeyChord> parse_chord_list(std::string_view text, std::string* error = nullptr);
std::string format_chord(const KeyChord& chord);
std::string key_name(int key);

class HotkeyMap {
 public:
  // Rebuilds every binding for `actions`: their default_keys, then
  // `defaults_json` (the bundled file), then `user_file` when it exists.
  // Problems are collected in messages(), never thrown.
  void load(const ActionList& actions, std::string_view defaults_json,
            const std::filesystem::path& user_file);
  // Applies one JSON text on top of the current bindings. `label` names the
  // file in messages; `warn_unknown` reports ids that no action has.
  // Returns false (bindings unchanged) when the text is not valid.
  bool apply_json(const ActionList& actions, std::string_view json, const std::string& label,
                  bool warn_unknown);

  const std::vector<KeyChord>& chords(const std::string& action_id) const;
  std::string chord_text(const std::string& action_id) const;  // "Ctrl+Y, Ctrl+Shift+Z"
  // The action bound to exactly this chord (modifiers must match), or "".
  std::string match(const KeyChord& chord) const;
  // Every key code used by a binding (the keys to poll each frame).
  std::vector<int> bound_keys() const;

  // Warnings and errors from the last load, each naming its file.
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  std::map<std::string, std::vector<KeyChord>> bindings_;
  std::vector<std::string> messages_;
};

// This frame's key presses (call after ImGui::NewFrame), as the actions they
// trigger, in order. Each pressed key goes to `tool_key` first (the active
// tool; true = consumed). Nothing fires while a text field has focus. Held
// keys repeat only frame stepping and undo/redo.
std::vector<std::string> collect_hotkey_actions(
    const HotkeyMap& keys, const std::function<bool(const KeyEvent&)>& tool_key);

// The user's hotkey file: $XDG_CONFIG_HOME/vantage/hotkeys.json or
// ~/.config/vantage/hotkeys.json.
std::filesystem::path user_hotkeys_path();
// $XDG_CONFIG_HOME/vantage or ~/.config/vantage.
std::filesystem::path config_dir();

}  // namespace vantage::gui
