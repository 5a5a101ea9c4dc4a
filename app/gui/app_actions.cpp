// The app's own actions (file, edit, frame, playback, view, help) and the
// tools' actions, bound to hotkeys and listed in menus and the help overlay.
#include <fmt/format.h>

#include <algorithm>

#include "app/gui/app.h"
#include "app/gui/panels/timeline_nav.h"
#include "app/gui/workspace.h"
#include "core/commands/annotation_commands.h"

namespace vantage::gui {

namespace {

bool has_selection(const Workspace& ws) {
  return !ws.view().selection.empty();
}

void step(Workspace& ws, int delta) {
  ws.view().playing = false;
  ws.set_frame(ws.view().frame + delta, delta > 0 ? 1 : -1);
}

void jump(Workspace& ws, int frame) {
  if (frame >= 0) ws.set_frame(frame);
}

// Deletes the selected objects' stored shapes at the current frame (one undo
// step). Locked objects are left alone.
void delete_at_frame(Workspace& ws) {
  const int frame = ws.view().frame;
  auto cmd =
      std::make_unique<core::CompositeCommand>(fmt::format("Delete shapes at frame {}", frame));
  for (core::ObjectId id : ws.view().selection) {
    if (ws.view().locked.count(id)) continue;
    const core::Object* o = ws.doc().annotations.find(id);
    if (!o) continue;
    for (const core::Track& t : o->tracks)
      if (t.at(frame))
        cmd->add(
            std::make_unique<core::SetShapeCommand>(id, t.sensor, t.kind, frame, std::nullopt));
  }
  if (!cmd->empty()) ws.editor().execute(std::move(cmd));
}

}  // namespace

void App::register_actions() {
  auto add = [&](std::string id, std::string label, std::string keys,
                 std::function<void(Workspace&)> run,
                 std::function<bool(const Workspace&)> enabled = {}) {
    actions_.add(Action{std::move(id), std::move(label), std::move(keys), std::move(run),
                        std::move(enabled)});
  };
  // File
  add("file.save", "Save", "Ctrl+S", [this](Workspace&) { save(); });
  add("file.open", "Open...", "Ctrl+O", [this](Workspace&) { open_dialog_ = true; });
  add("file.export", "Export...", "Ctrl+E", [this](Workspace& ws) { io_.open_export(ws); });
  add("file.import", "Import...", "Ctrl+I", [this](Workspace& ws) { io_.open_import(ws); });
  add("file.quit", "Quit", "Ctrl+Q", [this](Workspace&) { request_quit(); });
  // Edit
  add(
      "edit.undo", "Undo", "Ctrl+Z", [](Workspace& ws) { ws.editor().undo(); },
      [](const Workspace& ws) { return const_cast<Workspace&>(ws).editor().can_undo(); });
  add(
      "edit.redo", "Redo", "Ctrl+Y, Ctrl+Shift+Z", [](Workspace& ws) { ws.editor().redo(); },
      [](const Workspace& ws) { return const_cast<Workspace&>(ws).editor().can_redo(); });
  add("edit.delete", "Delete selected shapes at this frame", "Delete", delete_at_frame,
      has_selection);
  add("selection.clear", "Clear selection", "Escape", [](Workspace& ws) {
    ws.view().selection.clear();
    ws.view().active = -1;
  });
  // Frames
  add("frame.next", "Next frame", "Right, D", [](Workspace& ws) { step(ws, 1); });
  add("frame.prev", "Previous frame", "Left, A", [](Workspace& ws) { step(ws, -1); });
  add("frame.next10", "10 frames forward", "Shift+Right", [](Workspace& ws) { step(ws, 10); });
  add("frame.prev10", "10 frames back", "Shift+Left", [](Workspace& ws) { step(ws, -10); });
  add("frame.first", "First frame", "Home", [](Workspace& ws) { jump(ws, 0); });
  add("frame.last", "Last frame", "End", [](Workspace& ws) { jump(ws, ws.frame_count() - 1); });
  add("play.toggle", "Play / pause", "Space", [](Workspace& ws) {
    ViewState& v = ws.view();
    v.playing = !v.playing;
    if (v.playing && v.play_direction > 0 && v.frame >= ws.frame_count() - 1) ws.set_frame(0, 1);
  });
  add(
      "timeline.next_keyframe", "Next keyframe of the active object", "Ctrl+Right",
      [](Workspace& ws) { jump(ws, find_keyframe(ws, ws.view().active, ws.view().frame, 1)); },
      [](const Workspace& ws) { return ws.view().active >= 0; });
  add(
      "timeline.prev_keyframe", "Previous keyframe of the active object", "Ctrl+Left",
      [](Workspace& ws) { jump(ws, find_keyframe(ws, ws.view().active, ws.view().frame, -1)); },
      [](const Workspace& ws) { return ws.view().active >= 0; });
  add("timeline.next_unlabelled", "Next unlabelled frame", "U",
      [](Workspace& ws) { jump(ws, find_unlabelled(ws, ws.view().frame)); });
  add("timeline.next_finding", "Next frame with a finding", "F",
      [](Workspace& ws) { jump(ws, find_finding(ws, ws.view().frame)); });
  // View
  add("view.bev", "Toggle bird's-eye view", "Tab",
      [](Workspace& ws) { ws.view().orbit.bev = !ws.view().orbit.bev; });
  add("view.fit", "Fit views", "Shift+F", [](Workspace& ws) {
    ++ws.view().fit_request;
    for (auto& [name, img] : ws.view().images)
      img.zoom = 0.0;  // 0: fit to the view
  });
  add("view.camera_grid", "Toggle camera grid / tabs", "Alt+G", [](Workspace& ws) {
    ViewState& v = ws.view();
    v.camera_layout =
        v.camera_layout == CameraLayout::Grid ? CameraLayout::Tabs : CameraLayout::Grid;
  });
  add("help.hotkeys", "Keyboard shortcuts", "F1, ?",
      [this](Workspace&) { show_help_ = !show_help_; });
  add_tool_actions(actions_, *tools_);
}

}  // namespace vantage::gui
