#pragma once
// The timeline: transport (play/pause at a chosen rate, step, jumps), a scrub
// ruler with finding markers, and one lane per listed object showing its
// keyframes, interpolated spans and outside spans. Lanes are virtualised, so
// thousands of objects cost only the visible rows.

#include <imgui.h>

namespace vantage::gui {

class Workspace;

// Where the ruler was drawn (screen coordinates), so tests can click a frame.
struct TimelineGeometry {
  ImVec2 ruler_min{0, 0}, ruler_max{0, 0};
  int frames = 0;
  float frame_x(int frame) const {
    const float w = (ruler_max.x - ruler_min.x) / float(frames > 0 ? frames : 1);
    return ruler_min.x + (float(frame) + 0.5f) * w;
  }
  int frame_at(float x) const;
};

// Fills the current window's remaining content region.
TimelineGeometry draw_timeline_panel(Workspace& ws);

}  // namespace vantage::gui
