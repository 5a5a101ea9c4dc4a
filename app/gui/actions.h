#pragma once
// Named actions (undo, next frame, box tool, tag 3, ...). Hotkeys bind to
// action ids (assets/hotkeys.json + user overrides), menus and the help
// overlay list them, so every command is reachable from keys and mouse alike.

#include <functional>
#include <string>
#include <vector>

namespace vantage::gui {

class Workspace;

struct Action {
  std::string id;            // "edit.undo", "tool.box", "tag.3"
  std::string label;         // "Undo", shown in menus and the help overlay
  std::string default_keys;  // "Ctrl+Z"; overridden by the hotkey files
  std::function<void(Workspace&)> run;
  std::function<bool(const Workspace&)> enabled;  // empty: always
};

class ActionList {
 public:
  void add(Action a) { actions_.push_back(std::move(a)); }
  const std::vector<Action>& all() const { return actions_; }
  const Action* find(const std::string& id) const {
    for (const Action& a : actions_)
      if (a.id == id) return &a;
    return nullptr;
  }

 private:
  std::vector<Action> actions_;
};

}  // namespace vantage::gui
