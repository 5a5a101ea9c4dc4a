// [SECTION] Filter controls
// [SECTION] Object list
#include "app/gui/panels/objects_panel.h"

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/gui/panels/object_filter.h"
#include "app/gui/panels/panel_util.h"
#include "app/gui/workspace.h"

namespace vantage::gui {

namespace {

// "2D 3D" style: compact enough for the narrow list.
std::string kinds_short(unsigned kinds) {
  static const char* kShort[] = {"box", "poly", "line", "kp", "3D"};
  std::string s;
  for (int k = 0; k < core::kShapeKindCount; ++k)
    if (kinds & (1u << k)) s += std::string(s.empty() ? "" : " ") + kShort[k];
  return s;
}

const char* state_name(ObjectFilter::State s) {
  switch (s) {
    case ObjectFilter::State::Any:
      return "Any state";
    case ObjectFilter::State::Keyframe:
      return "Keyframe here";
    case ObjectFilter::State::Interpolated:
      return "Interpolated here";
    case ObjectFilter::State::Prelabel:
      return "Pre-label";
    case ObjectFilter::State::Rejected:
      return "Rejected";
  }
  return "";
}

//-----------------------------------------------------------------------------
// [SECTION] Filter controls
//-----------------------------------------------------------------------------
void draw_filter(Workspace& ws) {
  ObjectFilter& f = ws.view().filter;
  const core::Schema& schema = ws.doc().schema;
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##search", "Search id or class", &f.search);
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  ImGui::SetNextItemWidth(half);
  if (ImGui::BeginCombo("##class", f.class_name.empty() ? "All classes" : f.class_name.c_str())) {
    if (ImGui::Selectable("All classes", f.class_name.empty())) f.class_name.clear();
    for (const core::ClassDef& c : schema.classes) {
      const size_t depth = schema.ancestry(c.name).size() - 1;
      ImGui::ColorButton(("##c" + c.name).c_str(), class_color_vec(schema, c.name),
                         ImGuiColorEditFlags_NoTooltip, ImVec2(10, 10));
      ImGui::SameLine(0, 4 + float(depth) * 10);
      if (ImGui::Selectable(c.name.c_str(), f.class_name == c.name)) f.class_name = c.name;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(half);
  if (ImGui::BeginCombo("##state", state_name(f.state))) {
    for (auto s : {ObjectFilter::State::Any, ObjectFilter::State::Keyframe,
                   ObjectFilter::State::Interpolated, ObjectFilter::State::Prelabel,
                   ObjectFilter::State::Rejected})
      if (ImGui::Selectable(state_name(s), f.state == s)) f.state = s;
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(half);
  if (ImGui::BeginCombo("##attr", f.attribute.empty() ? "Any attribute" : f.attribute.c_str())) {
    if (ImGui::Selectable("Any attribute", f.attribute.empty())) f.attribute.clear();
    for (const core::AttributeDef& a : schema.attributes)
      if (ImGui::Selectable(a.name.c_str(), f.attribute == a.name)) f.attribute = a.name;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(half);
  ImGui::BeginDisabled(f.attribute.empty());
  ImGui::InputTextWithHint("##value", "= value", &f.attribute_value);
  ImGui::EndDisabled();
  ImGui::Checkbox("Only present at this frame", &f.visible_only);
}

//-----------------------------------------------------------------------------
// [SECTION] Object list
//-----------------------------------------------------------------------------
void toggle(std::set<core::ObjectId>& set, core::ObjectId id) {
  if (!set.erase(id)) set.insert(id);
}

}  // namespace

void draw_objects_panel(Workspace& ws) {
  draw_filter(ws);
  ViewState& v = ws.view();
  const std::vector<ObjectRow> rows = filtered_objects(ws);
  ImGui::TextDisabled("%zu of %zu objects, %zu selected", rows.size(),
                      ws.doc().annotations.objects.size(), v.selection.size());
  ImGui::SameLine();
  if (ImGui::SmallButton("Show all")) v.hidden.clear();
  ImGui::Separator();
  const ImGuiTableFlags flags =
      ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##objects", 5, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Vis", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("Lock", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("Object", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Shapes", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("Here", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(int(rows.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const ObjectRow& row = rows[size_t(i)];
      const core::Object& o = *row.object;
      ImGui::PushID(int(o.id));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const bool hidden = v.hidden.count(o.id) > 0;
      if (ImGui::SmallButton(hidden ? "-" : "o")) toggle(v.hidden, o.id);
      tooltip(hidden ? "Hidden: click to show" : "Shown: click to hide");
      ImGui::TableNextColumn();
      const bool locked = v.locked.count(o.id) > 0;
      if (ImGui::SmallButton(locked ? "L" : ".")) toggle(v.locked, o.id);
      tooltip(locked ? "Locked: tools leave it alone; click to unlock" : "Click to lock");
      ImGui::TableNextColumn();
      ImGui::ColorButton("##col", class_color_vec(ws.doc().schema, o.class_name),
                         ImGuiColorEditFlags_NoTooltip, ImVec2(10, 10));
      ImGui::SameLine();
      const bool selected = v.selection.count(o.id) > 0;
      if (ImGui::Selectable(
              fmt::format("{} {}", o.id, o.class_name).c_str(), selected || o.id == v.active,
              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
        select_object(ws, o.id, ImGui::GetIO().KeyCtrl);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(kinds_short(row.kinds).c_str());
      tooltip(kinds_text(row.kinds).c_str());
      ImGui::TableNextColumn();
      std::string state = row.keyframe       ? "key"
                          : row.interpolated ? "int"
                          : row.present      ? "yes"
                                             : "-";
      if (row.prelabel) state += " pre";
      if (row.rejected) state += " rej";
      ImGui::TextUnformatted(state.c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

}  // namespace vantage::gui
