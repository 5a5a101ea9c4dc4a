#include "app/gui/hotkeys.h"

#include <GLFW/glfw3.h>
#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

#include "core/io/file_util.h"
#include "core/io/json_reader.h"

namespace vantage::gui {

namespace {

struct NamedKey {
  const char* name;
  int key;
};

// Names accepted in chords; the first name of a key is the one shown.
constexpr NamedKey kNamedKeys[] = {
    {"Space", GLFW_KEY_SPACE},
    {"Enter", GLFW_KEY_ENTER},
    {"Return", GLFW_KEY_ENTER},
    {"Escape", GLFW_KEY_ESCAPE},
    {"Esc", GLFW_KEY_ESCAPE},
    {"Tab", GLFW_KEY_TAB},
    {"Backspace", GLFW_KEY_BACKSPACE},
    {"Delete", GLFW_KEY_DELETE},
    {"Del", GLFW_KEY_DELETE},
    {"Insert", GLFW_KEY_INSERT},
    {"Home", GLFW_KEY_HOME},
    {"End", GLFW_KEY_END},
    {"PageUp", GLFW_KEY_PAGE_UP},
    {"PageDown", GLFW_KEY_PAGE_DOWN},
    {"Left", GLFW_KEY_LEFT},
    {"Right", GLFW_KEY_RIGHT},
    {"Up", GLFW_KEY_UP},
    {"Down", GLFW_KEY_DOWN},
    {",", GLFW_KEY_COMMA},
    {"Comma", GLFW_KEY_COMMA},
    {".", GLFW_KEY_PERIOD},
    {"Period", GLFW_KEY_PERIOD},
    {"/", GLFW_KEY_SLASH},
    {"Slash", GLFW_KEY_SLASH},
    {";", GLFW_KEY_SEMICOLON},
    {"'", GLFW_KEY_APOSTROPHE},
    {"[", GLFW_KEY_LEFT_BRACKET},
    {"]", GLFW_KEY_RIGHT_BRACKET},
    {"\\", GLFW_KEY_BACKSLASH},
    {"-", GLFW_KEY_MINUS},
    {"Minus", GLFW_KEY_MINUS},
    {"=", GLFW_KEY_EQUAL},
    {"`", GLFW_KEY_GRAVE_ACCENT},
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

std::optional<int> parse_key(std::string_view name) {
  if (name.size() == 1) {
    const char c = char(std::toupper(static_cast<unsigned char>(name[0])));
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return int(c);  // GLFW uses ASCII
  }
  const std::string l = lower(name);
  if (l.size() >= 2 && l[0] == 'f' && std::all_of(l.begin() + 1, l.end(), ::isdigit)) {
    const int n = std::atoi(l.c_str() + 1);
    if (n >= 1 && n <= 25) return GLFW_KEY_F1 + n - 1;
  }
  for (const NamedKey& k : kNamedKeys)
    if (lower(k.name) == l) return k.key;
  return std::nullopt;
}

}  // namespace

std::string key_name(int key) {
  if ((key >= 'A' && key <= 'Z') || (key >= '0' && key <= '9')) return std::string(1, char(key));
  if (key >= GLFW_KEY_F1 && key <= GLFW_KEY_F25) return fmt::format("F{}", key - GLFW_KEY_F1 + 1);
  for (const NamedKey& k : kNamedKeys)
    if (k.key == key) return k.name;
  return fmt::format("key {}", key);
}

std::optional<KeyChord> parse_chord(std::string_view text, std::string* error) {
  text = trim(text);
  KeyChord c;
  if (text == "?") {  // Shift+/ on US layouts
    c.key = GLFW_KEY_SLASH;
    c.shift = true;
    return c;
  }
  if (text == "+") {
    c.key = GLFW_KEY_EQUAL;
    c.shift = true;
    return c;
  }
  // Split on '+', but a trailing "+" is the key itself ("Ctrl++").
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+' && i > start) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string_view p = trim(parts[i]);
    const std::string l = lower(p);
    if (i + 1 < parts.size()) {
      if (l == "ctrl" || l == "control" || l == "cmd")
        c.ctrl = true;
      else if (l == "shift")
        c.shift = true;
      else if (l == "alt" || l == "option")
        c.alt = true;
      else {
        if (error) *error = fmt::format("unknown modifier '{}' in '{}'", p, text);
        return std::nullopt;
      }
      continue;
    }
    if (p == "?") {
      c.key = GLFW_KEY_SLASH;
      c.shift = true;
    } else if (const std::optional<int> k = parse_key(p)) {
      c.key = *k;
    } else {
      if (error) *error = fmt::format("unknown key '{}' in '{}'", p, text);
      return std::nullopt;
    }
  }
  return c;
}

std::vector<KeyChord> parse_chord_list(std::string_view text, std::string* error) {
  std::vector<KeyChord> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    // A lone "," is the comma key, not a separator.
    if (comma == start && trim(text.substr(start)).size() == 1) comma = std::string_view::npos;
    const std::string_view part = trim(text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (!part.empty()) {
      if (auto c = parse_chord(part, error))
        out.push_back(*c);
      else
        return {};
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string format_chord(const KeyChord& c) {
  if (c.key == GLFW_KEY_SLASH && c.shift && !c.ctrl && !c.alt) return "?";
  std::string s;
  if (c.ctrl) s += "Ctrl+";
  if (c.alt) s += "Alt+";
  if (c.shift) s += "Shift+";
  return s + key_name(c.key);
}

void HotkeyMap::load(const ActionList& actions, std::string_view defaults_json,
                     const std::filesystem::path& user_file) {
  bindings_.clear();
  messages_.clear();
  for (const Action& a : actions.all()) {
    std::string err;
    std::vector<KeyChord> chords = parse_chord_list(a.default_keys, &err);
    if (!err.empty()) messages_.push_back(fmt::format("action {}: {}", a.id, err));
    bindings_[a.id] = std::move(chords);
  }
  if (!defaults_json.empty()) apply_json(actions, defaults_json, "assets/hotkeys.json", false);
  std::error_code ec;
  if (!user_file.empty() && std::filesystem::exists(user_file, ec)) {
    try {
      apply_json(actions, core::read_file_to_string(user_file), user_file.string(), true);
    } catch (const std::exception& e) {
      messages_.push_back(fmt::format("{} (using the default hotkeys)", e.what()));
    }
  }
  // One chord, one action: report clashes (the first id in order wins).
  std::map<std::string, std::string> owner;
  for (const auto& [id, chords] : bindings_) {
    for (const KeyChord& c : chords) {
      const std::string text = format_chord(c);
      auto [it, fresh] = owner.emplace(text, id);
      if (!fresh)
        messages_.push_back(fmt::format("{} is bound to both {} and {} ({} wins)", text, it->second,
                                        id, it->second));
    }
  }
}

bool HotkeyMap::apply_json(const ActionList& actions, std::string_view text,
                           const std::string& label, bool warn_unknown) {
  core::Json json;
  try {
    json = core::parse_json_text(std::string(text), label);
  } catch (const std::exception& e) {
    messages_.push_back(fmt::format("{} (using the default hotkeys)", e.what()));
    return false;
  }
  if (!json.is_object()) {
    messages_.push_back(fmt::format(
        "{}: expected an object mapping action ids to key chords (using the default hotkeys)",
        label));
    return false;
  }
  // Validate everything first so a half-bad file changes nothing.
  std::map<std::string, std::vector<KeyChord>> parsed;
  for (auto it = json.begin(); it != json.end(); ++it) {
    const std::string& id = it.key();
    if (!id.empty() && id[0] == '_') continue;  // comments
    std::vector<KeyChord> chords;
    auto add = [&](const core::Json& v, const std::string& where) {
      if (!v.is_string()) {
        messages_.push_back(fmt::format("{}: {}: expected a key chord string", label, where));
        return false;
      }
      std::string err;
      auto c = parse_chord(v.get<std::string>(), &err);
      if (!c) {
        messages_.push_back(fmt::format("{}: {}: {}", label, where, err));
        return false;
      }
      chords.push_back(*c);
      return true;
    };
    const std::string where = "/" + id;
    bool ok = true;
    if (it->is_array()) {
      for (size_t i = 0; i < it->size() && ok; ++i)
        ok = add((*it)[i], fmt::format("{}/{}", where, i));
    } else {
      ok = add(*it, where);
    }
    if (!ok) continue;  // this entry is skipped, the rest still apply
    if (!actions.find(id)) {
      if (warn_unknown)
        messages_.push_back(fmt::format("{}: {}: no action has this id (ignored)", label, where));
      continue;
    }
    parsed[id] = std::move(chords);
  }
  for (auto& [id, chords] : parsed)
    bindings_[id] = std::move(chords);
  return true;
}

const std::vector<KeyChord>& HotkeyMap::chords(const std::string& action_id) const {
  static const std::vector<KeyChord> kNone;
  auto it = bindings_.find(action_id);
  return it == bindings_.end() ? kNone : it->second;
}

std::string HotkeyMap::chord_text(const std::string& action_id) const {
  std::string s;
  for (const KeyChord& c : chords(action_id)) {
    if (!s.empty()) s += ", ";
    s += format_chord(c);
  }
  return s;
}

std::string HotkeyMap::match(const KeyChord& chord) const {
  for (const auto& [id, chords] : bindings_)
    for (const KeyChord& c : chords)
      if (c == chord) return id;
  return {};
}

std::vector<int> HotkeyMap::bound_keys() const {
  std::set<int> keys;
  for (const auto& [id, chords] : bindings_)
    for (const KeyChord& c : chords)
      keys.insert(c.key);
  return {keys.begin(), keys.end()};
}

std::vector<std::string> collect_hotkey_actions(
    const HotkeyMap& keys, const std::function<bool(const KeyEvent&)>& tool_key) {
  std::vector<std::string> out;
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return out;
  for (int key = GLFW_KEY_SPACE; key <= GLFW_KEY_LAST; ++key) {
    if (!ImGui::IsKeyPressed(key, true)) continue;
    const bool repeat = !ImGui::IsKeyPressed(key, false);
    KeyEvent ev;
    ev.key = key;
    ev.shift = io.KeyShift;
    ev.ctrl = io.KeyCtrl;
    ev.alt = io.KeyAlt;
    if (tool_key && tool_key(ev)) continue;
    const std::string id = keys.match(KeyChord{key, io.KeyCtrl, io.KeyShift, io.KeyAlt});
    if (id.empty()) continue;
    if (repeat && id.rfind("frame.", 0) != 0 && id != "edit.undo" && id != "edit.redo") continue;
    out.push_back(id);
  }
  return out;
}

std::filesystem::path config_dir() {
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x)
    return std::filesystem::path(x) / "vantage";
  if (const char* h = std::getenv("HOME"); h && *h)
    return std::filesystem::path(h) / ".config" / "vantage";
  return std::filesystem::temp_directory_path() / "vantage-config";
}

std::filesystem::path user_hotkeys_path() {
  return config_dir() / "hotkeys.json";
}

}  // namespace vantage::gui
