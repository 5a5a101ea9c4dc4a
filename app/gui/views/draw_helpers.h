#pragma once
// Small ImDrawList helpers shared by the views: dashed lines, label chips
// that avoid each other, handles.

#include <string>
#include <vector>

#include <imgui.h>

namespace vantage::gui {

void draw_dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness,
                      float dash = 6.0f, float gap = 4.0f);
// dash <= 0: solid.
void draw_polyline(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 col, float thickness,
                   bool closed, float dash = 0.0f, float gap = 4.0f);

// Places label chips (text on a coloured background) greedily: a chip that
// would cover an earlier one is tried below its anchor, then dropped unless
// forced (the selected object's label always shows).
class LabelPlacer {
 public:
  explicit LabelPlacer(ImDrawList* dl, ImVec2 clip_min, ImVec2 clip_max)
      : dl_(dl), clip_min_(clip_min), clip_max_(clip_max) {}
  // `anchor` is the chip's bottom-left; returns false when it was dropped.
  bool place(ImVec2 anchor, const std::string& text, ImU32 background, ImU32 text_color,
             bool force);

 private:
  ImDrawList* dl_;
  ImVec2 clip_min_, clip_max_;
  std::vector<ImVec4> placed_;
};

// A square (move) or round (resize/rotate) drag handle.
void draw_handle(ImDrawList* dl, ImVec2 p, bool round, bool hot, ImU32 col);

}  // namespace vantage::gui
