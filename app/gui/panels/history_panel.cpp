#include "app/gui/panels/history_panel.h"

#include <fmt/format.h>
#include <imgui.h>

#include "app/gui/workspace.h"

namespace vantage::gui {

void draw_history_panel(Workspace& ws) {
  core::Editor& ed = ws.editor();
  const std::vector<std::string> undo = ed.undo_history();
  const std::vector<std::string> redo = ed.redo_history();
  ImGui::BeginDisabled(!ed.can_undo());
  if (ImGui::SmallButton("Undo")) ed.undo();
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!ed.can_redo());
  if (ImGui::SmallButton("Redo")) ed.redo();
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextDisabled("%zu steps%s", undo.size(), ed.dirty() ? ", unsaved" : "");
  // Row 0 is the state as opened; row i the state after undo[i-1]; redo rows follow.
  int target_undo = -1, target_redo = -1;
  if (ImGui::Selectable("(opened)", undo.empty())) target_undo = int(undo.size());
  for (size_t i = 0; i < undo.size(); ++i) {
    ImGui::PushID(int(i));
    if (ImGui::Selectable(fmt::format("{}. {}", i + 1, undo[i]).c_str(), i + 1 == undo.size()))
      target_undo = int(undo.size() - i - 1);
    ImGui::PopID();
  }
  for (size_t i = 0; i < redo.size(); ++i) {
    ImGui::PushID(int(undo.size() + i + 1));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (ImGui::Selectable(fmt::format("{}. {}", undo.size() + i + 1, redo[i]).c_str()))
      target_redo = int(i + 1);
    ImGui::PopStyleColor();
    ImGui::PopID();
  }
  for (int k = 0; k < target_undo; ++k)
    ed.undo();
  for (int k = 0; k < target_redo; ++k)
    ed.redo();
}

}  // namespace vantage::gui
