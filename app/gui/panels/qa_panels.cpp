// Issues panel: findings of structural validation and the QA rules, with a
// severity filter; a click jumps to the frame and selects the object. Checks
// run on "Run checks" and again after every save (the editor going from
// dirty to clean without a new revision).
#include "app/gui/panels/qa_panels.h"

#include <fmt/format.h>
#include <imgui.h>

#include "app/gui/panels/qa_panel_state.h"
#include "app/gui/selection.h"
#include "app/gui/workspace.h"
#include "core/qa/rules.h"
#include "core/util/error.h"

namespace vantage::gui {

size_t run_checks(Workspace& ws) {
  std::vector<core::Finding> out;
  try {
    const core::RuleSet rules = core::project_rules(ws.doc().folder);
    core::ValidationOptions vo;
    vo.check_files = false;  // the frame cache shows missing files already
    vo.rules.read_points = false;
    out = core::validate_document(ws.doc(), rules, vo);
  } catch (const core::Error& e) {
    core::Finding f;
    f.rule = "rules-file";
    f.message = e.what();
    if (const auto* fe = dynamic_cast<const core::FileError*>(&e)) {
      f.location = fe->file() + ": " + fe->location();
      f.message = fe->message();
    }
    out.push_back(f);
  }
  ws.findings() = std::move(out);
  return ws.findings().size();
}

void jump_to_finding(Workspace& ws, const core::Finding& f) {
  if (f.frame >= 0) ws.set_frame(f.frame);
  if (f.object && ws.doc().annotations.find(*f.object)) select_object(ws, *f.object, false);
}

namespace {

ImVec4 severity_colour(core::Severity s) {
  switch (s) {
    case core::Severity::Error:
      return ImVec4(0.90f, 0.27f, 0.24f, 1);
    case core::Severity::Warning:
      return ImVec4(0.90f, 0.70f, 0.20f, 1);
    case core::Severity::Info:
      return ImVec4(0.45f, 0.65f, 0.90f, 1);
  }
  return ImVec4(1, 1, 1, 1);
}

const char* severity_icon(core::Severity s) {
  switch (s) {
    case core::Severity::Error:
      return "(x)";
    case core::Severity::Warning:
      return "/!\\";
    case core::Severity::Info:
      return "(i)";
  }
  return "";
}

}  // namespace

void draw_issues_panel(Workspace& ws) {
  IssuesPanelState& st = ws.qa_panels().issues;
  // Re-check after a save: dirty -> clean.
  const bool dirty = ws.editor().dirty();
  if (st.ran && st.was_dirty && !dirty) run_checks(ws);
  st.was_dirty = dirty;

  if (ImGui::Button("Run checks")) {
    run_checks(ws);
    st.ran = true;
  }
  size_t counts[3] = {0, 0, 0};
  for (const auto& f : ws.findings())
    ++counts[int(f.severity)];
  ImGui::SameLine();
  ImGui::TextColored(severity_colour(core::Severity::Error), "%zu errors", counts[2]);
  ImGui::SameLine();
  ImGui::TextColored(severity_colour(core::Severity::Warning), "%zu warnings", counts[1]);
  ImGui::Checkbox("Errors", &st.show[2]);
  ImGui::SameLine();
  ImGui::Checkbox("Warnings", &st.show[1]);
  ImGui::SameLine();
  ImGui::Checkbox("Info", &st.show[0]);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##issue_filter", "filter (rule, text)", st.text, sizeof(st.text));
  const std::string needle = st.text;

  if (ImGui::BeginChild("##issues", ImVec2(0, 240), true)) {
    const auto& findings = ws.findings();
    for (size_t i = 0; i < findings.size(); ++i) {
      const core::Finding& f = findings[i];
      if (!st.show[int(f.severity)]) continue;
      if (!needle.empty() && f.rule.find(needle) == std::string::npos &&
          f.message.find(needle) == std::string::npos)
        continue;
      ImGui::PushID(int(i));
      ImGui::TextColored(severity_colour(f.severity), "%s", severity_icon(f.severity));
      ImGui::SameLine();
      std::string where;
      if (f.frame >= 0) where += fmt::format("f{} ", f.frame);
      if (f.object) where += fmt::format("#{} ", *f.object);
      const bool selected = f.frame == ws.view().frame && f.object && ws.view().active == *f.object;
      if (ImGui::Selectable(fmt::format("{}{} [{}]", where, f.message, f.rule).c_str(), selected))
        jump_to_finding(ws, f);
      if (ImGui::IsItemHovered() && !f.location.empty())
        ImGui::SetTooltip("%s", f.location.c_str());
      ImGui::PopID();
    }
    if (findings.empty()) ImGui::TextDisabled(st.ran ? "No findings" : "Press Run checks");
  }
  ImGui::EndChild();
}

}  // namespace vantage::gui
