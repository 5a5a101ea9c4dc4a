// The menu bar (every entry runs a named action, showing its hotkey) and the
// File > Open dialog.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/gui/app.h"
#include "app/gui/workspace.h"

namespace vantage::gui {

namespace {

// A menu item for an action: label, current chord, enabled state.
bool action_item(const ActionList& actions, const HotkeyMap& keys, Workspace* ws,
                 const std::string& id, bool selected = false) {
  const Action* a = actions.find(id);
  if (!a) return false;
  const bool enabled = ws && (!a->enabled || a->enabled(*ws));
  const std::string chord = keys.chord_text(id);
  return ImGui::MenuItem(a->label.c_str(), chord.empty() ? nullptr : chord.c_str(), selected,
                         enabled);
}

}  // namespace

void App::draw_menu_bar() {
  if (!ImGui::BeginMenuBar()) return;
  Workspace* ws = ws_.get();
  auto item = [&](const char* id, bool selected = false) {
    if (action_item(actions_, keys_, ws, id, selected)) run_action(id);
  };
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open...", keys_.chord_text("file.open").c_str())) open_dialog_ = true;
    item("file.save");
    if (ImGui::MenuItem("Save as...", nullptr, false, ws != nullptr)) {
      const std::filesystem::path p = ws_->path();
      save_as_.open((p.parent_path() / (p.filename().string() + "-copy")).string(),
                    "Save the sequence and its annotations as a new native folder.");
    }
    ImGui::Separator();
    item("file.import");
    item("file.export");
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", keys_.chord_text("file.quit").c_str())) request_quit();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    item("edit.undo");
    item("edit.redo");
    ImGui::Separator();
    item("edit.delete");
    item("selection.clear");
    // Tool actions (copy/paste, propagate, tags, ...) live here too.
    bool first = true;
    for (const Action& a : actions_.all()) {
      if (a.id.rfind("tool.", 0) == 0 || a.id.rfind("edit.", 0) == 0 ||
          a.id.rfind("file.", 0) == 0 || a.id.rfind("frame.", 0) == 0 ||
          a.id.rfind("play.", 0) == 0 || a.id.rfind("timeline.", 0) == 0 ||
          a.id.rfind("view.", 0) == 0 || a.id.rfind("help.", 0) == 0 || a.id == "selection.clear")
        continue;
      if (first) ImGui::Separator();
      first = false;
      item(a.id.c_str());
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Tools")) {
    for (const Action& a : actions_.all())
      if (a.id.rfind("tool.", 0) == 0) item(a.id.c_str());
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Navigate")) {
    for (const char* id :
         {"frame.next", "frame.prev", "frame.next10", "frame.prev10", "frame.first", "frame.last",
          "play.toggle", "timeline.next_keyframe", "timeline.prev_keyframe",
          "timeline.next_unlabelled", "timeline.next_finding"})
      item(id);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    item("view.bev", ws && ws->view().orbit.bev);
    item("view.camera_grid", ws && ws->view().camera_layout == CameraLayout::Grid);
    item("view.fit");
    if (ws) {
      ImGui::Separator();
      ImGui::MenuItem("LiDAR in camera", nullptr, &ws->view().lidar_in_camera);
      ImGui::MenuItem("Labels", nullptr, &ws->view().show_labels);
      ImGui::MenuItem("Grid in 3D", nullptr, &ws->view().show_grid);
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard shortcuts", keys_.chord_text("help.hotkeys").c_str()))
      show_help_ = true;
    ImGui::EndMenu();
  }
  if (ws) {
    const std::string& seq = ws->doc().sequence.name;
    const std::string title =
        (seq.empty() ? ws->path().filename().string() : seq) + (ws->editor().dirty() ? " *" : "");
    ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::CalcTextSize(title.c_str()).x - 20);
    ImGui::TextDisabled("%s", title.c_str());
  }
  ImGui::EndMenuBar();
}

void App::draw_open_dialog() {
  const char* title = "Open sequence";
  if (open_dialog_) {
    ImGui::OpenPopup(title);
    open_dialog_ = false;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(
      ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
      ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted(
        "A native folder, a KITTI object or tracking folder, a nuScenes info file or an image "
        "folder.");
    ImGui::SetNextItemWidth(520);
    ImGui::InputText("Path", &open_path_);
    ImGui::SetNextItemWidth(120);
    ImGui::InputText("KITTI tracking sequence", &open_sequence_);
    if (ws_ && ws_->editor().dirty())
      ImGui::TextColored(ImVec4(1, 0.75f, 0.3f, 1),
                         "The current annotations have unsaved changes (kept in the autosave).");
    if (ImGui::Button("Open", ImVec2(110, 0)) && !open_path_.empty()) {
      ImGui::CloseCurrentPopup();
      open(open_path_, open_sequence_);
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(110, 0))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

}  // namespace vantage::gui
