#pragma once
// Where the timeline's jump buttons and hotkeys go. Each returns the target
// frame, or -1 when there is none in that direction.

#include "core/model/object.h"

namespace vantage::gui {

class Workspace;

// Next (dir > 0) or previous keyframe of `object` (any track) from `frame`.
int find_keyframe(const Workspace& ws, core::ObjectId object, int frame, int dir);
// Next frame after `frame` (wrapping) where no object has any shape and the
// frame is not excluded from the work.
int find_unlabelled(const Workspace& ws, int frame);
// Next frame after `frame` (wrapping) with a finding.
int find_finding(Workspace& ws, int frame);

}  // namespace vantage::gui
