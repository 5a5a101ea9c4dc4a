// Review panel: the status of the current frame and the active object with
// Accept / Reject (reason) / Done / In progress, comments with add/resolve,
// stepping to the next rejected or unreviewed frame, and the annotator's
// "rejected and why" list.
#include <fmt/format.h>
#include <imgui.h>

#include "app/gui/panels/qa_panel_state.h"
#include "app/gui/panels/qa_panels.h"
#include "app/gui/selection.h"
#include "app/gui/workspace.h"
#include "core/commands/review_commands.h"
#include "core/qa/review_queries.h"

namespace vantage::gui {

void review_frame(Workspace& ws, core::ReviewStatus status, const std::string& reason) {
  ws.editor().execute(
      core::make_frame_review_command(ws.doc(), ws.view().frame, status, ws.annotator(), reason));
}

bool review_active_object(Workspace& ws, core::ReviewStatus status, const std::string& reason) {
  const core::ObjectId id = ws.view().active;
  if (id < 0 || !ws.doc().annotations.find(id)) return false;
  ws.editor().execute(
      core::make_object_review_command(ws.doc(), id, status, ws.annotator(), reason));
  return true;
}

void comment_here(Workspace& ws, const std::string& text) {
  core::Comment c;
  c.frame = ws.view().frame;
  if (ws.view().active >= 0 && ws.doc().annotations.find(ws.view().active))
    c.object = ws.view().active;
  c.author = ws.annotator();
  c.text = text;
  c.time_ms = core::now_ms();
  ws.editor().execute(core::make_add_comment_command(ws.doc(), c));
}

bool step_to_rejected(Workspace& ws, int direction) {
  const auto f =
      direction >= 0
          ? core::next_rejected_frame(ws.doc().annotations, ws.view().frame, ws.frame_count())
          : core::previous_rejected_frame(ws.doc().annotations, ws.view().frame, ws.frame_count());
  if (!f) return false;
  ws.set_frame(*f, direction);
  return true;
}

bool step_to_unreviewed(Workspace& ws, int direction) {
  const auto f = direction >= 0 ? core::next_unreviewed_frame(ws.doc().annotations, ws.view().frame,
                                                              ws.frame_count())
                                : core::previous_unreviewed_frame(
                                      ws.doc().annotations, ws.view().frame, ws.frame_count());
  if (!f) return false;
  ws.set_frame(*f, direction);
  return true;
}

namespace {

ImVec4 status_colour(core::ReviewStatus s) {
  switch (s) {
    case core::ReviewStatus::Accepted:
      return ImVec4(0.35f, 0.80f, 0.35f, 1);
    case core::ReviewStatus::Rejected:
      return ImVec4(0.90f, 0.30f, 0.25f, 1);
    case core::ReviewStatus::Done:
      return ImVec4(0.45f, 0.65f, 0.90f, 1);
    case core::ReviewStatus::InProgress:
      return ImVec4(0.90f, 0.70f, 0.20f, 1);
    case core::ReviewStatus::Todo:
      return ImVec4(0.6f, 0.6f, 0.6f, 1);
  }
  return ImVec4(1, 1, 1, 1);
}

void mark_line(const char* what, const core::Review& r, bool frame, int64_t key) {
  const core::ReviewMark* m = nullptr;
  if (frame) {
    const auto it = r.frames.find(int(key));
    if (it != r.frames.end()) m = &it->second;
  } else {
    const auto it = r.objects.find(key);
    if (it != r.objects.end()) m = &it->second;
  }
  const core::ReviewStatus s = m ? m->status : core::ReviewStatus::Todo;
  ImGui::Text("%s", what);
  ImGui::SameLine();
  ImGui::TextColored(status_colour(s), "%s", core::to_string(s));
  if (m && !m->reviewer.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("by %s", m->reviewer.c_str());
  }
  if (m && !m->reason.empty()) ImGui::TextWrapped("  reason: %s", m->reason.c_str());
}

// Accept / Reject / Done / In progress for the frame or the object.
void status_buttons(Workspace& ws, const char* id, bool object, ReviewPanelState& st) {
  ImGui::PushID(id);
  auto apply = [&](core::ReviewStatus s, const std::string& reason) {
    if (object)
      review_active_object(ws, s, reason);
    else
      review_frame(ws, s, reason);
  };
  if (ImGui::SmallButton("Accept")) apply(core::ReviewStatus::Accepted, {});
  ImGui::SameLine();
  if (ImGui::SmallButton("Reject")) apply(core::ReviewStatus::Rejected, st.reason);
  ImGui::SameLine();
  if (ImGui::SmallButton("Done")) apply(core::ReviewStatus::Done, {});
  ImGui::SameLine();
  if (ImGui::SmallButton("In progress")) apply(core::ReviewStatus::InProgress, {});
  ImGui::PopID();
}

}  // namespace

void draw_review_panel(Workspace& ws) {
  ReviewPanelState& st = ws.qa_panels().review;
  const core::Annotations& a = ws.doc().annotations;
  const int frame = ws.view().frame;

  mark_line(fmt::format("Frame {}:", frame).c_str(), a.review, true, frame);
  if (a.excluded_frames.count(frame)) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.9f, 0.5f, 0.2f, 1), "(excluded)");
  }
  status_buttons(ws, "frame", false, st);
  const core::ObjectId active = ws.view().active;
  const core::Object* obj = active >= 0 ? a.find(active) : nullptr;
  if (obj) {
    mark_line(fmt::format("Object {} ({}):", obj->id, obj->class_name).c_str(), a.review, false,
              obj->id);
    status_buttons(ws, "object", true, st);
  } else {
    ImGui::TextDisabled("No active object");
  }
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##reason", "reason for Reject", st.reason, sizeof(st.reason));

  ImGui::Separator();
  if (ImGui::Button("< Rejected")) step_to_rejected(ws, -1);
  ImGui::SameLine();
  if (ImGui::Button("Rejected >")) step_to_rejected(ws, +1);
  ImGui::SameLine();
  if (ImGui::Button("< Unreviewed")) step_to_unreviewed(ws, -1);
  ImGui::SameLine();
  if (ImGui::Button("Unreviewed >")) step_to_unreviewed(ws, +1);

  ImGui::Separator();
  ImGui::Text("Comments at frame %d", frame);
  for (const core::Comment& c : a.review.comments) {
    if (c.frame != frame) continue;
    ImGui::PushID(int(c.id));
    ImGui::TextColored(c.resolved ? ImVec4(0.5f, 0.5f, 0.5f, 1) : ImVec4(1, 1, 1, 1), "%s%s: %s",
                       c.object ? fmt::format("#{} ", *c.object).c_str() : "", c.author.c_str(),
                       c.text.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(c.resolved ? "Reopen" : "Resolve"))
      ws.editor().execute(core::make_resolve_comment_command(ws.doc(), c.id, !c.resolved));
    ImGui::PopID();
  }
  ImGui::SetNextItemWidth(-60);
  ImGui::InputTextWithHint("##comment", "comment on the active object / frame", st.comment,
                           sizeof(st.comment));
  ImGui::SameLine();
  if (ImGui::Button("Add") && st.comment[0]) {
    comment_here(ws, st.comment);
    st.comment[0] = 0;
  }

  ImGui::Separator();
  ImGui::Text("Rejected and why");
  const auto items = core::rejection_list(a);
  if (items.empty()) ImGui::TextDisabled("Nothing rejected");
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    ImGui::PushID(int(i));
    std::string label = fmt::format("f{} {}{} {}: {}", it.frame, core::to_string(it.kind),
                                    it.object ? fmt::format(" #{}", *it.object) : std::string(),
                                    it.reviewer, it.reason.empty() ? "(no reason)" : it.reason);
    if (ImGui::Selectable(label.c_str())) {
      ws.set_frame(it.frame);
      if (it.object && a.find(*it.object)) select_object(ws, *it.object, false);
    }
    ImGui::PopID();
  }
}

}  // namespace vantage::gui
