// [SECTION] Edits (commands)
// [SECTION] Attribute widgets
// [SECTION] Shape flags
// [SECTION] Panel
#include "app/gui/panels/properties_panel.h"

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <functional>

#include "app/gui/panels/panel_util.h"
#include "app/gui/workspace.h"
#include "core/commands/annotation_commands.h"
#include "core/io/file_util.h"
#include "core/tracking/keyframe_commands.h"

namespace vantage::gui {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Edits (commands)
//-----------------------------------------------------------------------------
std::string g_error;  // last rejected edit, shown in the panel

void edit_object(Workspace& ws, core::ObjectId id, const std::string& what,
                 const std::function<void(core::Object&)>& fn) {
  auto cmd = core::ObjectsCommand::edit(ws.doc(), what, {id}, fn);
  if (cmd) ws.editor().execute(std::move(cmd));
}

// Edits every shape the object has at the current frame. Interpolated shapes
// are stored as keyframes first: an edit made at a frame belongs to it.
void edit_shapes_here(Workspace& ws, core::ObjectId id, const std::string& what,
                      const std::function<void(core::Shape&)>& fn) {
  const int frame = ws.view().frame;
  const core::Interpolator& interp = ws.interpolator();
  const std::string annotator = ws.annotator();
  edit_object(ws, id, what, [&](core::Object& o) {
    const core::Object before = o;
    for (core::Track& t : o.tracks) {
      const core::Track* bt = before.track(t.sensor, t.kind);
      std::optional<core::Shape> s = bt ? interp.evaluate(before, *bt, frame) : std::nullopt;
      if (!s) continue;
      const core::Shape* stored = t.at(frame);
      if (!stored || !core::is_anchor(*stored)) {
        s->keyframe = true;
        s->source = core::ShapeSource::Manual;
        s->score = -1;
        s->created_ms = core::now_ms();
      }
      fn(*s);
      s->annotator = annotator;
      s->modified_ms = core::now_ms();
      t.set(frame, *s);
    }
  });
}

void run(const std::function<void()>& fn) {
  try {
    fn();
    g_error.clear();
  } catch (const std::exception& e) {
    g_error = e.what();
  }
}

//-----------------------------------------------------------------------------
// [SECTION] Attribute widgets
//-----------------------------------------------------------------------------
// Draws one attribute's widget; returns the new value when the user changed it.
std::optional<core::AttributeValue> attribute_widget(const core::AttributeDef& def,
                                                     const core::AttributeValue* current) {
  const std::string id = "##" + def.name;
  switch (def.type) {
    case core::AttributeType::Bool: {
      bool b = current && std::holds_alternative<bool>(*current) && std::get<bool>(*current);
      if (ImGui::Checkbox(id.c_str(), &b)) return core::AttributeValue(b);
      break;
    }
    case core::AttributeType::Enum: {
      const std::string cur = current ? core::to_string(*current) : "";
      if (ImGui::BeginCombo(id.c_str(), cur.empty() ? "(unset)" : cur.c_str())) {
        std::optional<core::AttributeValue> out;
        for (const std::string& opt : def.options)
          if (ImGui::Selectable(opt.c_str(), opt == cur)) out = core::AttributeValue(opt);
        ImGui::EndCombo();
        return out;
      }
      break;
    }
    case core::AttributeType::Number:
    case core::AttributeType::Text: {
      // Text fields and sliders keep their value in a buffer while active and
      // commit on release, so one edit is one undo step.
      static std::string editing;
      static double number = 0;
      static std::string text;
      const bool mine = editing == def.name;
      if (!mine) {
        number =
            current && std::holds_alternative<double>(*current) ? std::get<double>(*current) : 0.0;
        text = current ? core::to_string(*current) : "";
      }
      double d = number;
      std::string t = text;
      bool changed = false;
      if (def.type == core::AttributeType::Text)
        changed = ImGui::InputText(id.c_str(), &t);
      else if (def.min != def.max)
        changed =
            ImGui::SliderScalar(id.c_str(), ImGuiDataType_Double, &d, &def.min, &def.max, "%.3g");
      else
        changed = ImGui::InputDouble(id.c_str(), &d, 0, 0, "%.4g");
      if (ImGui::IsItemActive() || changed) {
        editing = def.name;
        number = d;
        text = t;
      }
      if (ImGui::IsItemDeactivatedAfterEdit()) {
        editing.clear();
        if (def.type == core::AttributeType::Text) return core::AttributeValue(t);
        return core::AttributeValue(d);
      }
      if (!ImGui::IsItemActive() && mine) editing.clear();
      break;
    }
  }
  return std::nullopt;
}

void attribute_row(Workspace& ws, const core::Object& o, const core::AttributeDef& def,
                   const core::AttributeValue* current) {
  const bool missing = def.required && !current;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  if (missing) ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(240, 110, 90, 255));
  ImGui::TextUnformatted(fmt::format("{}{}", def.name, def.required ? " *" : "").c_str());
  if (missing) ImGui::PopStyleColor();
  tooltip(fmt::format("{} {}{}", def.per_frame ? "Per frame" : "Static", core::to_string(def.type),
                      def.required ? ", required" : "")
              .c_str());
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-1);
  if (auto v = attribute_widget(def, current)) {
    const std::string why = def.check(*v);
    if (!why.empty()) {
      g_error = fmt::format("{}: {}", def.name, why);
      return;
    }
    const std::string what = fmt::format("Set {} of object {}", def.name, o.id);
    if (def.per_frame)
      edit_shapes_here(ws, o.id, what, [&](core::Shape& s) { s.attributes[def.name] = *v; });
    else
      edit_object(ws, o.id, what, [&](core::Object& obj) { obj.attributes[def.name] = *v; });
  }
}

//-----------------------------------------------------------------------------
// [SECTION] Shape flags
//-----------------------------------------------------------------------------
void draw_shape_flags(Workspace& ws, const core::Object& o) {
  const int frame = ws.view().frame;
  static const char* kOcclusion[] = {"visible", "partly occluded", "largely occluded", "unknown"};
  bool any = false;
  for (const core::Track& t : o.tracks) {
    std::optional<core::Shape> s = ws.interpolator().evaluate(o, t, frame);
    if (!s) continue;
    any = true;
    const core::Shape* stored = t.at(frame);
    const bool is_key = stored && core::is_anchor(*stored);
    ImGui::PushID(&t);
    ImGui::TextUnformatted(fmt::format("{} {}", core::to_string(t.kind),
                                       t.sensor.empty() ? std::string("(3D)") : t.sensor)
                               .c_str());
    ImGui::SameLine();
    ImGui::TextDisabled(
        "%s%s",
        is_key ? (stored->keyframe ? "keyframe" : core::to_string(stored->source)) : "interpolated",
        s->score >= 0 ? fmt::format(" score {:.2f}", s->score).c_str() : "");
    bool key = is_key && stored->keyframe;
    if (ImGui::Checkbox("Keyframe", &key)) {
      run([&] {
        core::TrackRef ref{o.id, t.sensor, t.kind};
        if (auto cmd = core::make_set_keyframe(ws.doc(), ws.interpolator(), ref, frame, key))
          ws.editor().execute(std::move(cmd));
      });
    }
    ImGui::SameLine();
    int occ = s->occlusion;
    ImGui::SetNextItemWidth(130);
    if (ImGui::Combo("##occ", &occ, kOcclusion, 4))
      edit_shapes_here(ws, o.id, fmt::format("Set occlusion of object {}", o.id),
                       [&](core::Shape& x) {
                         if (x.kind() == t.kind) x.occlusion = uint8_t(occ);
                       });
    tooltip("Occlusion");
    float trunc = float(s->truncation);
    ImGui::SetNextItemWidth(-1);
    ImGui::SliderFloat("##trunc", &trunc, 0.0f, 1.0f, "truncated %.2f");
    if (ImGui::IsItemDeactivatedAfterEdit())
      edit_shapes_here(ws, o.id, fmt::format("Set truncation of object {}", o.id),
                       [&](core::Shape& x) {
                         if (x.kind() == t.kind) x.truncation = trunc;
                       });
    ImGui::PopID();
  }
  if (!any) ImGui::TextDisabled("No shape at frame %d.", frame);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Panel
//-----------------------------------------------------------------------------
void draw_properties_panel(Workspace& ws) {
  ViewState& v = ws.view();
  const core::Object* o = v.active >= 0 ? ws.doc().annotations.find(v.active) : nullptr;
  if (!o) {
    ImGui::TextDisabled(v.selection.empty() ? "No object selected." : "%zu objects selected.",
                        v.selection.size());
    return;
  }
  const core::Schema& schema = ws.doc().schema;
  ImGui::ColorButton("##col", class_color_vec(schema, o->class_name), ImGuiColorEditFlags_NoTooltip,
                     ImVec2(12, 12));
  ImGui::SameLine();
  ImGui::Text("Object %lld", static_cast<long long>(o->id));
  ImGui::SameLine();
  ImGui::TextDisabled("%zu shapes, frames %d-%d%s", o->shape_count(), o->first_frame(),
                      o->last_frame(), v.locked.count(o->id) ? ", locked" : "");
  if (v.selection.size() > 1)
    ImGui::TextDisabled("(%zu selected; batch edits in Tool options)", v.selection.size());

  if (ImGui::BeginTable("##props", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed, 110);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("class");
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##class", o->class_name.c_str())) {
      for (const core::ClassDef& c : schema.classes) {
        const size_t depth = schema.ancestry(c.name).size() - 1;
        ImGui::ColorButton(("##c" + c.name).c_str(), class_color_vec(schema, c.name),
                           ImGuiColorEditFlags_NoTooltip, ImVec2(10, 10));
        ImGui::SameLine(0, 4 + float(depth) * 10);
        if (ImGui::Selectable(c.name.c_str(), c.name == o->class_name) && c.name != o->class_name) {
          const std::string name = c.name;
          edit_object(ws, o->id, fmt::format("Class of object {} -> {}", o->id, name),
                      [&](core::Object& obj) { obj.class_name = name; });
        }
        if (!c.guideline.empty() && ImGui::IsItemHovered())
          ImGui::SetTooltip("%s", c.guideline.c_str());
      }
      ImGui::EndCombo();
    }
    o = ws.doc().annotations.find(v.active);  // the edit may have replaced it
    for (const core::AttributeDef& def : schema.attributes) {
      if (!o || !def.applies_to(o->class_name)) continue;
      ImGui::PushID(def.name.c_str());
      const core::AttributeValue* cur = nullptr;
      if (!def.per_frame) {
        auto it = o->attributes.find(def.name);
        if (it != o->attributes.end()) cur = &it->second;
      } else {
        for (const core::Track& t : o->tracks)
          if (const core::Shape* s = t.at(v.frame)) {
            auto it = s->attributes.find(def.name);
            if (it != s->attributes.end()) {
              cur = &it->second;
              break;
            }
          }
      }
      attribute_row(ws, *o, def, cur);
      ImGui::PopID();
      o = ws.doc().annotations.find(v.active);
    }
    ImGui::EndTable();
  }
  if (!o) return;
  ImGui::Separator();
  ImGui::TextUnformatted("Shapes at this frame");
  draw_shape_flags(ws, *o);
  if (!g_error.empty()) ImGui::TextColored(ImVec4(1, 0.45f, 0.35f, 1), "%s", g_error.c_str());
}

}  // namespace vantage::gui
