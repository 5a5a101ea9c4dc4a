#include "app/gui/panels/dataset_panel.h"

#include <fmt/format.h>
#include <imgui.h>

#include "core/util/error.h"

namespace vantage::gui {

namespace fs = std::filesystem;

void DatasetBrowser::refresh(const fs::path& opened) {
  root.reset();
  error.clear();
  info = {};
  std::error_code ec;
  current = fs::weakly_canonical(fs::absolute(opened, ec), ec);
  const auto found = core::Dataset::find_root(opened);
  if (!found) return;
  root = *found;
  try {
    info = core::dataset_info(core::Dataset::open(*found));
  } catch (const std::exception& e) {
    error = e.what();
  }
}

void draw_dataset_panel(DatasetBrowser& b) {
  if (!b.root) return;
  if (!b.error.empty()) {
    ImGui::TextColored(ImVec4(1, 0.45f, 0.35f, 1), "%s", b.error.c_str());
    return;
  }
  const core::DatasetInfo& info = b.info;
  ImGui::TextDisabled("%zu sequences, %d frames, %.0f%% done", info.sequences.size(), info.frames,
                      100.0 * info.progress);
  if (info.conflicts + info.manifest_conflicts > 0)
    ImGui::TextColored(ImVec4(1, 0.7f, 0.2f, 1), "%zu merge conflicts to review", info.conflicts + info.manifest_conflicts);
  ImGui::SameLine();
  if (ImGui::SmallButton("Refresh")) b.refresh(b.current);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  const float rows = float(std::min<size_t>(info.sequences.size(), 8) + 1);
  if (!ImGui::BeginTable("##dataset", 4, flags, ImVec2(0, rows * ImGui::GetFrameHeightWithSpacing() + 4)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("sequence", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn("status", ImGuiTableColumnFlags_WidthStretch, 2.6f);
  ImGui::TableSetupColumn("done", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("claimed", ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableHeadersRow();
  std::error_code ec;
  for (const core::SequenceInfo& s : info.sequences) {
    const fs::path folder = fs::weakly_canonical(*b.root / s.path, ec);
    const bool open = folder == b.current;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string label = s.conflicts ? fmt::format("{} (!{})", s.name, s.conflicts) : s.name;
    if (ImGui::Selectable(label.c_str(), open, ImGuiSelectableFlags_SpanAllColumns) && !open) b.requested = folder;
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::Text("%s: %d frames, %zu objects, %zu shapes", s.name.c_str(), s.frames, s.objects, s.shapes);
      ImGui::Text("status %s, %.0f%% of the frames done or accepted", core::to_string(s.status), 100.0 * s.progress);
      if (!s.split.empty()) ImGui::Text("split: %s", s.split.c_str());
      if (!s.annotators.empty()) {
        std::string who;
        for (const auto& a : s.annotators) who += (who.empty() ? "" : ", ") + a;
        ImGui::Text("annotators: %s", who.c_str());
      }
      for (const auto& [st, n] : s.frame_review) ImGui::Text("%zu frames %s", n, st.c_str());
      for (const core::Claim& c : s.claims) ImGui::Text("claimed: %s", core::to_string(c).c_str());
      if (s.conflicts) ImGui::Text("%zu merge conflicts waiting for review", s.conflicts);
      if (!s.error.empty()) ImGui::Text("cannot be read: %s", s.error.c_str());
      ImGui::TextDisabled("click to open");
      ImGui::EndTooltip();
    }
    ImGui::TableNextColumn();
    const bool finished = s.status == core::ReviewStatus::Accepted || s.status == core::ReviewStatus::Done;
    const ImVec4 colour = s.status == core::ReviewStatus::Rejected ? ImVec4(1, 0.45f, 0.35f, 1)
                          : finished                               ? ImVec4(0.45f, 0.85f, 0.45f, 1)
                                                                   : ImGui::GetStyleColorVec4(ImGuiCol_Text);
    ImGui::TextColored(colour, "%s", core::to_string(s.status));
    ImGui::TableNextColumn();
    ImGui::Text("%.0f%%", 100.0 * s.progress);
    ImGui::TableNextColumn();
    std::string claims;
    for (const core::Claim& c : s.claims)
      if (claims.find(c.by) == std::string::npos) claims += (claims.empty() ? "" : ", ") + c.by;
    ImGui::TextUnformatted(claims.empty() ? "-" : claims.c_str());
  }
  ImGui::EndTable();
}

}  // namespace vantage::gui
