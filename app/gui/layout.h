#pragma once
// The workstation layout (no docking in ImGui 1.86): toolbar; objects on the
// left; camera views above the 3D view in the centre; properties, cuboid
// detail, tool options, schema, history and QA on the right; timeline and
// status bar at the bottom. Splitters are invisible buttons dragged with the
// mouse; their sizes persist in ~/.config/vantage/layout.json.

#include <filesystem>
#include <string>

#include "app/gui/panels/status_bar.h"

namespace vantage::gui {

class Workspace;
class ViewSet;
class ToolBox;
class HotkeyMap;
struct DatasetBrowser;

struct LayoutSizes {
  float left_width = 300;
  float right_width = 400;
  float timeline_height = 210;
  float scene_fraction = 0.45f;  // share of the centre column for the 3D view
  float detail_height = 260;     // cuboid detail views
};

std::filesystem::path layout_path();  // config_dir()/layout.json
// Missing file: defaults, true. Unreadable or malformed: defaults, false and `error`.
bool load_layout(const std::filesystem::path& file, LayoutSizes& sizes,
                 std::string* error = nullptr);
void save_layout(const std::filesystem::path& file, const LayoutSizes& sizes);

// A drag handle between two regions. Draws at the cursor an invisible button
// `thickness` thick (vertical: a column of the given length), and while it is
// dragged adds the mouse delta (negated with `invert`) to *size, clamped.
// Returns true while dragging.
bool splitter(const char* id, bool vertical, float length, float* size, float min_size,
              float max_size, bool invert = false, float thickness = 6.0f);

struct LayoutContext {
  Workspace& ws;
  ViewSet& views;
  ToolBox& tools;
  const HotkeyMap& keys;
  LayoutSizes& sizes;
  StatusInfo status;
  DatasetBrowser* dataset = nullptr;  // shown above the objects when the sequence is in a dataset
};

// The toolbar row and everything below the menu bar, filling the current window.
void draw_workspace_layout(LayoutContext& ctx);

}  // namespace vantage::gui
