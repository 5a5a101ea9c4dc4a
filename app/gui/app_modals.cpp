#include "app/gui/app_modals.h"

#include <fmt/format.h>

#include <imgui.h>
#include <imgui_stdlib.h>

#include <optional>

namespace vantage::gui {

namespace {

void center_next() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(
      ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
      ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
}

}  // namespace

bool QuitPrompt::request(bool dirty) {
  if (!dirty) return true;
  asking_ = true;
  error_.clear();
  return false;
}

bool QuitPrompt::choose(Choice choice, const std::function<bool()>& save) {
  switch (choice) {
    case Choice::Cancel:
      asking_ = false;
      return false;
    case Choice::Discard:
      asking_ = false;
      return true;
    case Choice::Save:
      if (save && save()) {
        asking_ = false;
        return true;
      }
      if (error_.empty()) error_ = "The document was not saved.";
      return false;  // stay asking: the user decides again
  }
  return false;
}

bool QuitPrompt::draw(const std::function<bool()>& save) {
  const char* title = "Unsaved changes";
  if (asking_ && !popup_open_) {
    ImGui::OpenPopup(title);
    popup_open_ = true;
  }
  bool close = false;
  center_next();
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted("The annotations have changes that are not saved.");
    ImGui::TextDisabled("An autosave copy is kept, but it is not the saved file.");
    if (!error_.empty()) ImGui::TextColored(ImVec4(1, 0.45f, 0.35f, 1), "%s", error_.c_str());
    std::optional<Choice> c;
    if (ImGui::Button("Save", ImVec2(110, 0))) c = Choice::Save;
    ImGui::SameLine();
    if (ImGui::Button("Discard", ImVec2(110, 0))) c = Choice::Discard;
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(110, 0)) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
      c = Choice::Cancel;
    if (c) close = choose(*c, save);
    if (!asking_) {
      ImGui::CloseCurrentPopup();
      popup_open_ = false;
    }
    ImGui::EndPopup();
  } else {
    popup_open_ = false;
  }
  return close;
}

void RecoveryPrompt::offer(std::string sidecar, std::string saved_label) {
  pending_ = true;
  sidecar_ = std::move(sidecar);
  saved_label_ = std::move(saved_label);
}

RecoveryPrompt::Choice RecoveryPrompt::draw() {
  const char* title = "Recover unsaved work?";
  if (pending_ && !popup_open_) {
    ImGui::OpenPopup(title);
    popup_open_ = true;
  }
  Choice choice = Choice::None;
  center_next();
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted("An autosave newer than the saved annotations was found:");
    ImGui::TextDisabled("%s", sidecar_.c_str());
    ImGui::TextUnformatted(saved_label_.c_str());
    ImGui::TextUnformatted("Recover loads it as an undoable change; Discard deletes it.");
    if (ImGui::Button("Recover", ImVec2(120, 0))) choice = Choice::Recover;
    ImGui::SameLine();
    if (ImGui::Button("Discard", ImVec2(120, 0))) choice = Choice::Discard;
    if (choice != Choice::None) {
      pending_ = false;
      popup_open_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  return choice;
}

void OutsidePrompt::offer(std::string path, std::string sequence, std::string message) {
  pending_ = true;
  path_ = std::move(path);
  sequence_ = std::move(sequence);
  message_ = std::move(message);
}

OutsidePrompt::Choice OutsidePrompt::draw() {
  const char* title = "Data outside the sequence folder";
  if (pending_ && !popup_open_) {
    ImGui::OpenPopup(title);
    popup_open_ = true;
  }
  Choice choice = Choice::None;
  center_next();
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
    ImGui::TextUnformatted(message_.c_str());
    ImGui::TextUnformatted(
        "Open it only if you trust whoever wrote it: Vantage will read, show and export those "
        "files.");
    ImGui::PopTextWrapPos();
    if (ImGui::Button("Open anyway", ImVec2(140, 0))) choice = Choice::Open;
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(120, 0))) choice = Choice::Cancel;
    if (choice != Choice::None) {
      pending_ = false;
      popup_open_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  return choice;
}

std::string SaveWarning::text(bool dirty, bool autosave_ok) const {
  if (error_.empty() || !dirty) return {};
  return fmt::format("NOT SAVED: {} Your edits are kept in memory{}; save again when the "
                     "problem is fixed.",
                     error_, autosave_ok ? " and in the autosave" : "");
}

void SaveAsPrompt::open(std::string suggested, std::string reason) {
  open_ = true;
  path_ = std::move(suggested);
  reason_ = std::move(reason);
  error_.clear();
}

std::string SaveAsPrompt::draw(bool* cancelled) {
  const char* title = "Save as native folder";
  if (open_ && !popup_open_) {
    ImGui::OpenPopup(title);
    popup_open_ = true;
  }
  std::string chosen;
  center_next();
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted(reason_.c_str());
    ImGui::SetNextItemWidth(520);
    ImGui::InputText("Folder", &path_);
    if (!error_.empty()) ImGui::TextColored(ImVec4(1, 0.45f, 0.35f, 1), "%s", error_.c_str());
    if (ImGui::Button("Save", ImVec2(110, 0)) && !path_.empty()) chosen = path_;
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(110, 0))) {
      open_ = false;
      if (cancelled) *cancelled = true;
    }
    if (!open_) {
      popup_open_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  return chosen;
}

void ErrorBox::show(std::string title, std::string message) {
  open_ = true;
  title_ = std::move(title);
  message_ = std::move(message);
}

void ErrorBox::draw() {
  const std::string id = title_ + "##error";
  if (open_ && !popup_open_) {
    ImGui::OpenPopup(id.c_str());
    popup_open_ = true;
  }
  center_next();
  if (ImGui::BeginPopupModal(id.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
    ImGui::TextUnformatted(message_.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button("OK", ImVec2(110, 0))) {
      open_ = false;
      popup_open_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

}  // namespace vantage::gui
