#include "app/gui/panels/help_overlay.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/gui/actions.h"
#include "app/gui/hotkeys.h"

namespace vantage::gui {

void draw_help_overlay(bool& open, const ActionList& actions, const HotkeyMap& keys) {
  if (!open) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(
      ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
      ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(560, vp->WorkSize.y * 0.7f), ImGuiCond_Appearing);
  if (!ImGui::Begin("Keyboard shortcuts", &open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  static std::string filter;
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##filter", "Filter", &filter);
  ImGui::TextDisabled("Edit %s to change them.", user_hotkeys_path().string().c_str());
  for (const std::string& m : keys.messages())
    ImGui::TextColored(ImVec4(1, 0.6f, 0.3f, 1), "%s", m.c_str());
  if (ImGui::BeginTable(
          "##keys", 3,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Keys");
    ImGui::TableSetupColumn("Action");
    ImGui::TableSetupColumn("Id");
    ImGui::TableHeadersRow();
    for (const Action& a : actions.all()) {
      const std::string chords = keys.chord_text(a.id);
      if (!filter.empty() && a.label.find(filter) == std::string::npos &&
          a.id.find(filter) == std::string::npos && chords.find(filter) == std::string::npos)
        continue;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(chords.empty() ? "-" : chords.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(a.label.c_str());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", a.id.c_str());
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace vantage::gui
