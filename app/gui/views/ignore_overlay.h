#pragma once
// Ignore regions (KITTI DontCare, COCO crowds, drawn ones) over a camera
// image: hatched, so they read as "not labelled on purpose" and never as an
// object; outlined in their class colour (grey for DontCare) with their
// class as a small label. Masks are outlined along their pixels' contours.

#include <imgui.h>

#include <utility>
#include <vector>

#include "app/gui/viewport.h"

namespace vantage::gui {

class Workspace;

void draw_ignore_regions(Workspace& ws, const ImageViewport& vp);

// Index (in the frame's list) of the ignore region of this camera under
// screen position `s` (the smallest when several overlap), or -1.
int pick_ignore_region(const Workspace& ws, const ImageViewport& vp, ImVec2 s);

// Hatch lines (45 degrees, `spacing` screen pixels apart) clipped to the
// even-odd interior of `rings` (screen coordinates): the segments, as pairs
// of points. Exposed for the tests.
std::vector<std::pair<ImVec2, ImVec2>> hatch_segments(
    const std::vector<std::vector<ImVec2>>& rings, float spacing);

}  // namespace vantage::gui
