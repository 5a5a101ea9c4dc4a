// Layout sizes in layout.json (no ImGui here, so the reader is fuzzed and
// tested without a window).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "app/gui/hotkeys.h"
#include "app/gui/layout.h"
#include "core/io/file_util.h"
#include "core/io/json_reader.h"

namespace vantage::gui {

namespace fs = std::filesystem;

fs::path layout_path() {
  return config_dir() / "layout.json";
}

bool load_layout(const fs::path& file, LayoutSizes& sizes, std::string* error) {
  sizes = LayoutSizes{};
  std::error_code ec;
  if (!fs::exists(file, ec)) return true;
  try {
    const core::Json j = core::parse_json_file(file);
    auto get = [&](const char* key, float& v) {
      if (j.contains(key) && j[key].is_number()) v = j[key].get<float>();
    };
    get("left_width", sizes.left_width);
    get("right_width", sizes.right_width);
    get("timeline_height", sizes.timeline_height);
    get("scene_fraction", sizes.scene_fraction);
    get("detail_height", sizes.detail_height);
    sizes.scene_fraction = std::clamp(sizes.scene_fraction, 0.05f, 0.95f);
    return true;
  } catch (const std::exception& e) {
    sizes = LayoutSizes{};
    if (error) *error = fmt::format("{} (using the default layout)", e.what());
    return false;
  }
}

void save_layout(const fs::path& file, const LayoutSizes& s) {
  core::Json j = {{"left_width", s.left_width},
                  {"right_width", s.right_width},
                  {"timeline_height", s.timeline_height},
                  {"scene_fraction", s.scene_fraction},
                  {"detail_height", s.detail_height}};
  fs::create_directories(file.parent_path());
  core::AtomicWriteOptions opt;
  opt.keep_backup = false;
  core::write_file_atomic(file, j.dump(2) + "\n", opt);
}

}  // namespace vantage::gui
