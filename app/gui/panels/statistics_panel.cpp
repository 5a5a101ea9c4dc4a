// Statistics panel: class counts, per-annotator figures, review progress and,
// against another annotation set of the sequence (path typed in), the
// agreement IoU histogram (core/qa statistics and consensus, the same
// numbers as `vantage qa stats --compare`).
#include <fmt/format.h>
#include <imgui.h>

#include <cfloat>

#include "app/gui/panels/qa_panel_state.h"
#include "app/gui/panels/qa_panels.h"
#include "app/gui/workspace.h"
#include "core/qa/consensus.h"
#include "core/qa/qa_input.h"
#include "core/qa/statistics.h"
#include "core/util/error.h"

namespace vantage::gui {

void draw_statistics_panel(Workspace& ws) {
  StatisticsPanelState& c = ws.qa_panels().statistics;
  if (c.revision != ws.editor().revision()) {
    c.stats = core::compute_statistics(ws.doc());
    c.class_counts.clear();
    for (const auto& [k, n] : c.stats.objects_per_class)
      c.class_counts.push_back(float(n));
    c.revision = ws.editor().revision();
  }
  const core::DatasetStatistics& s = c.stats;
  ImGui::Text("%d frames (%d excluded), %zu objects, %zu shapes, %zu keyframes", s.frames,
              s.excluded_frames, s.objects, s.shapes, s.keyframes);
  if (ImGui::BeginTable("##classes", 3,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Class");
    ImGui::TableSetupColumn("Objects");
    ImGui::TableSetupColumn("Shapes");
    ImGui::TableHeadersRow();
    for (const auto& [k, n] : s.objects_per_class) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(k.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%zu", n);
      ImGui::TableNextColumn();
      ImGui::Text("%zu", s.shapes_per_class.at(k));
    }
    ImGui::EndTable();
  }
  if (!c.class_counts.empty())
    ImGui::PlotHistogram("##class_hist", c.class_counts.data(), int(c.class_counts.size()), 0,
                         "objects per class", 0.0f, FLT_MAX, ImVec2(-1, 60));
  ImGui::Separator();
  if (ImGui::BeginTable("##annotators", 4,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Annotator");
    ImGui::TableSetupColumn("Objects");
    ImGui::TableSetupColumn("Keyframes");
    ImGui::TableSetupColumn("Rejected");
    ImGui::TableHeadersRow();
    for (const auto& [name, f] : s.per_annotator) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(name.empty() ? "(unknown)" : name.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%zu", f.objects);
      ImGui::TableNextColumn();
      ImGui::Text("%zu", f.keyframes);
      ImGui::TableNextColumn();
      ImGui::Text("%zu", f.objects_rejected);
    }
    ImGui::EndTable();
  }
  std::string st;
  for (const auto& [k, n] : s.frames_by_status)
    st += fmt::format("{} {}  ", k, n);
  ImGui::Text("Review: %s", st.c_str());
  ImGui::Text("Comments: %zu open, %zu resolved", s.open_comments, s.resolved_comments);
  ImGui::Separator();
  ImGui::SetNextItemWidth(-80);
  ImGui::InputTextWithHint("##compare", "other annotations of this sequence", c.compare_path,
                           sizeof(c.compare_path));
  ImGui::SameLine();
  if (ImGui::Button("Compare") && c.compare_path[0]) {
    try {
      const core::Document other = core::open_for_qa(c.compare_path);
      c.agreement = core::compute_consensus({&ws.doc(), &other});
      c.histogram.assign(c.agreement->iou_histogram.begin(), c.agreement->iou_histogram.end());
      c.compare_error.clear();
    } catch (const core::Error& e) {
      c.agreement.reset();
      c.compare_error = e.what();
    }
  }
  if (!c.compare_error.empty())
    ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.25f, 1), "%s", c.compare_error.c_str());
  if (c.agreement) {
    ImGui::Text("Agreement: mean IoU %.3f, match rate %.1f%%, %zu class mismatches, %zu unmatched",
                c.agreement->overall.mean_iou(), 100.0 * c.agreement->overall.match_rate(),
                c.agreement->class_mismatches, c.agreement->unmatched);
    ImGui::PlotHistogram("##agreement", c.histogram.data(), int(c.histogram.size()), 0,
                         "IoU 0 .. 1", 0.0f, FLT_MAX, ImVec2(-1, 80));
  }
}

}  // namespace vantage::gui
