// The user's hotkeys.json: HotkeyMap::apply_json never throws, reports what
// it rejects, and every chord it binds formats to text that parses back to
// the same chord (the help overlay and menus show that text).
#include "app/gui/hotkeys.h"
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

namespace {

const gui::ActionList& actions() {
  static const gui::ActionList list = [] {
    gui::ActionList l;
    for (const char* id : {"file.save", "edit.undo", "edit.redo", "frame.next", "tool.box", "tag.3"})
      l.add({id, id, "", {}, {}});
    return l;
  }();
  return list;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  gui::HotkeyMap map;
  map.apply_json(actions(), text, "hotkeys.json", true);
  for (const auto& a : actions().all())
    for (const gui::KeyChord& c : map.chords(a.id)) {
      const auto back = gui::parse_chord(gui::format_chord(c));
      if (!back || *back != c) fuzz::fail("a bound chord does not format and parse back");
    }
  // Chord lists as the action defaults hold them.
  std::string err;
  for (const gui::KeyChord& c : gui::parse_chord_list(text.substr(0, 256), &err)) {
    const auto back = gui::parse_chord(gui::format_chord(c));
    if (!back || *back != c) fuzz::fail("a chord does not format and parse back");
  }
  return 0;
}
