#pragma once
// Shared by the selection and track operations: the frame range the tool
// options name, and running a command builder as one sealed undo step with
// its outcome reported in the tool options panel.

#include <algorithm>
#include <string>

#include "app/gui/tools/tool_settings.h"
#include "app/gui/workspace.h"
#include "core/util/error.h"

namespace vantage::gui::tools {

inline core::FrameRange settings_range(const Workspace& ws, const ToolSettings& s) {
  const int last = std::max(0, ws.frame_count() - 1);
  core::FrameRange r{std::clamp(s.range_first, 0, last), std::clamp(s.range_last, 0, last)};
  if (r.last < r.first) std::swap(r.first, r.last);
  return r;
}

// Runs a command builder; a null command reports "nothing to change", a
// core::Error is reported instead of thrown.
template <class F>
bool run_command(Workspace& ws, ToolSettings& s, F&& build, const std::string& done) {
  try {
    core::CommandPtr cmd = build();
    if (!cmd) {
      s.say("Nothing to change");
      return false;
    }
    ws.editor().execute(std::move(cmd));
    ws.editor().seal();
    s.say(done);
    return true;
  } catch (const core::Error& e) {
    s.say(e.what(), true);
    return false;
  }
}

}  // namespace vantage::gui::tools
