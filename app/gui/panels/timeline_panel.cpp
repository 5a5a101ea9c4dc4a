// [SECTION] Transport row
// [SECTION] Ruler
// [SECTION] Object lanes
#include "app/gui/panels/timeline_panel.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "app/gui/panels/object_filter.h"
#include "app/gui/panels/panel_util.h"
#include "app/gui/panels/timeline_nav.h"
#include "app/gui/workspace.h"

namespace vantage::gui {

namespace {

constexpr float kLabelWidth = 150.0f;
constexpr float kRulerHeight = 22.0f;
constexpr float kLaneHeight = 16.0f;
constexpr float kPlayRates[] = {1, 2, 5, 10, 15, 20, 30};

void go(Workspace& ws, int frame, int dir = 0) {
  if (frame >= 0) ws.set_frame(frame, dir);
}

//-----------------------------------------------------------------------------
// [SECTION] Transport row
//-----------------------------------------------------------------------------
void draw_transport(Workspace& ws) {
  ViewState& v = ws.view();
  const int n = ws.frame_count();
  if (ImGui::Button("|<")) go(ws, 0, -1);
  tooltip("First frame (Home)");
  ImGui::SameLine();
  ImGui::BeginDisabled(v.active < 0);
  if (ImGui::Button("<K")) go(ws, find_keyframe(ws, v.active, v.frame, -1), -1);
  tooltip("Previous keyframe of the active object (Ctrl+Left)");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("<")) go(ws, v.frame - 1, -1);
  ImGui::SameLine();
  if (ImGui::Button(v.playing ? "Pause" : "Play", ImVec2(56, 0))) {
    v.playing = !v.playing;
    if (v.playing && v.frame >= n - 1 && v.play_direction > 0) go(ws, 0, 1);
  }
  tooltip("Play / pause (Space)");
  ImGui::SameLine();
  if (ImGui::Button(">")) go(ws, v.frame + 1, 1);
  ImGui::SameLine();
  ImGui::BeginDisabled(v.active < 0);
  if (ImGui::Button("K>")) go(ws, find_keyframe(ws, v.active, v.frame, 1), 1);
  tooltip("Next keyframe of the active object (Ctrl+Right)");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(">|")) go(ws, n - 1, 1);
  tooltip("Last frame (End)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(80);
  if (ImGui::BeginCombo("##rate", fmt::format("{:g} fps", v.play_fps).c_str())) {
    for (float r : kPlayRates)
      if (ImGui::Selectable(fmt::format("{:g} fps", r).c_str(), r == v.play_fps)) v.play_fps = r;
    ImGui::EndCombo();
  }
  tooltip("Playback rate");
  ImGui::SameLine();
  bool reverse = v.play_direction < 0;
  if (ImGui::Checkbox("Reverse", &reverse)) v.play_direction = reverse ? -1 : 1;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90);
  int shown = v.frame;
  if (ImGui::InputInt("##frame", &shown, 1, 10)) go(ws, shown);
  ImGui::SameLine();
  const auto& frames = ws.doc().sequence.frames;
  const double t =
      v.frame < int(frames.size()) && !frames.empty()
          ? double(frames[size_t(v.frame)].timestamp_us - frames.front().timestamp_us) * 1e-6
          : 0.0;
  ImGui::Text("/ %d   t = %.2f s", std::max(0, n - 1), t);
  ImGui::SameLine();
  if (ImGui::Button("Next unlabelled")) go(ws, find_unlabelled(ws, v.frame));
  tooltip("Next frame where no object has a shape (U)");
  ImGui::SameLine();
  ImGui::BeginDisabled(ws.findings().empty());
  if (ImGui::Button("Next finding")) go(ws, find_finding(ws, v.frame));
  tooltip("Next frame with a validation finding (F)");
  ImGui::EndDisabled();
}

//-----------------------------------------------------------------------------
// [SECTION] Ruler
//-----------------------------------------------------------------------------
void draw_ruler(Workspace& ws, TimelineGeometry& g) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 a = g.ruler_min, b = g.ruler_max;
  dl->AddRectFilled(a, b, IM_COL32(38, 40, 46, 255));
  const int n = g.frames;
  const float per = (b.x - a.x) / float(std::max(1, n));
  // Label every k-th frame so labels never overlap.
  int step = 1;
  for (int s : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000})
    if ((step = s) * per >= 40.0f) break;
  for (int f = 0; f < n; f += step) {
    const float x = g.frame_x(f);
    dl->AddLine(ImVec2(x, b.y - 6), ImVec2(x, b.y), IM_COL32(150, 150, 160, 255));
    dl->AddText(ImVec2(x + 2, a.y + 1), IM_COL32(170, 170, 180, 255), std::to_string(f).c_str());
  }
  // Excluded frames and findings.
  for (int f : ws.doc().annotations.excluded_frames)
    if (f >= 0 && f < n)
      dl->AddRectFilled(ImVec2(g.frame_x(f) - per / 2, b.y - 4),
                        ImVec2(g.frame_x(f) + per / 2, b.y), IM_COL32(120, 120, 120, 200));
  for (const core::Finding& fd : ws.findings()) {
    if (fd.frame < 0 || fd.frame >= n) continue;
    const float x = g.frame_x(fd.frame);
    const ImU32 col = fd.severity == core::Severity::Error     ? IM_COL32(230, 70, 60, 255)
                      : fd.severity == core::Severity::Warning ? IM_COL32(230, 180, 50, 255)
                                                               : IM_COL32(90, 160, 230, 255);
    dl->AddTriangleFilled(ImVec2(x - 4, b.y), ImVec2(x + 4, b.y), ImVec2(x, b.y - 7), col);
  }
  ImGui::SetCursorScreenPos(a);
  ImGui::InvisibleButton("##ruler", ImVec2(b.x - a.x, b.y - a.y));
  if (ImGui::IsItemActive() && n > 0) {
    const int f = g.frame_at(ImGui::GetIO().MousePos.x);
    if (f != ws.view().frame) ws.set_frame(f, f > ws.view().frame ? 1 : -1);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Frame %d", g.frame_at(ImGui::GetIO().MousePos.x));
}

//-----------------------------------------------------------------------------
// [SECTION] Object lanes
//-----------------------------------------------------------------------------
void draw_lane(Workspace& ws, const ObjectRow& row, const TimelineGeometry& g, float y, float h) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const core::Object& o = *row.object;
  const int n = g.frames;
  const float per = (g.ruler_max.x - g.ruler_min.x) / float(std::max(1, n));
  const ImU32 col = class_imcolor(ws.doc().schema, o.class_name, 255);
  const ImU32 span_col = class_imcolor(ws.doc().schema, o.class_name, 110);
  auto x_of = [&](int f) { return g.ruler_min.x + float(f) * per; };
  for (const core::FrameRange& r : o.outside)
    dl->AddRectFilled(ImVec2(x_of(r.first), y + h * 0.4f), ImVec2(x_of(r.last + 1), y + h * 0.6f),
                      IM_COL32(90, 90, 90, 200));
  for (const core::Track& t : o.tracks)
    for (const core::FrameRange& r : ws.interpolator().spans(o, t))
      dl->AddRectFilled(ImVec2(x_of(r.first), y + 3), ImVec2(x_of(r.last + 1), y + h - 3),
                        span_col);
  for (const core::Track& t : o.tracks) {
    for (const core::FrameShape& fs : t.shapes) {
      if (!core::is_anchor(fs.shape)) continue;
      const float cx = x_of(fs.frame) + per * 0.5f, cy = y + h * 0.5f,
                  r = std::min(5.0f, h * 0.35f);
      if (fs.shape.keyframe)
        dl->AddQuadFilled(ImVec2(cx, cy - r), ImVec2(cx + r, cy), ImVec2(cx, cy + r),
                          ImVec2(cx - r, cy), col);
      else
        dl->AddRect(ImVec2(cx - r * 0.7f, cy - r * 0.7f), ImVec2(cx + r * 0.7f, cy + r * 0.7f),
                    col);
    }
  }
}

void draw_lanes(Workspace& ws, const TimelineGeometry& g) {
  ViewState& v = ws.view();
  const std::vector<ObjectRow> rows = filtered_objects(ws);
  ImGui::BeginChild("##lanes", ImVec2(0, 0), false);
  // Rows exactly kLaneHeight apart, as the clipper assumes.
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // Bring the active object's lane into view when the selection changes
  // elsewhere (objects list, views).
  static core::ObjectId last_active = -1;
  if (v.active != last_active) {
    last_active = v.active;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].id != v.active) continue;
      const float y = float(i) * kLaneHeight, top = ImGui::GetScrollY(),
                  h = ImGui::GetWindowHeight();
      if (y < top || y + kLaneHeight > top + h) ImGui::SetScrollY(std::max(0.0f, y - h * 0.5f));
      break;
    }
  }
  ImGuiListClipper clipper;
  clipper.Begin(int(rows.size()), kLaneHeight);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const ObjectRow& row = rows[size_t(i)];
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const bool selected = v.selection.count(row.id) > 0;
      const float lane_w = g.ruler_max.x - g.ruler_min.x;
      if (selected || row.id == v.active)
        dl->AddRectFilled(
            ImVec2(p.x, p.y), ImVec2(g.ruler_max.x, p.y + kLaneHeight),
            row.id == v.active ? IM_COL32(70, 90, 130, 120) : IM_COL32(60, 70, 90, 90));
      dl->AddRectFilled(ImVec2(p.x + 2, p.y + 4), ImVec2(p.x + 10, p.y + kLaneHeight - 4),
                        class_imcolor(ws.doc().schema, row.object->class_name, 255));
      dl->AddText(ImVec2(p.x + 14, p.y), ImGui::GetColorU32(ImGuiCol_Text),
                  fmt::format("{} {}", row.id, row.object->class_name).c_str());
      draw_lane(ws, row, g, p.y, kLaneHeight);
      ImGui::PushID(int(i));
      ImGui::SetCursorScreenPos(p);
      ImGui::InvisibleButton("##label", ImVec2(g.ruler_min.x - p.x, kLaneHeight));
      if (ImGui::IsItemClicked()) select_object(ws, row.id, ImGui::GetIO().KeyCtrl);
      ImGui::SetCursorScreenPos(ImVec2(g.ruler_min.x, p.y));
      ImGui::InvisibleButton("##lane", ImVec2(std::max(1.0f, lane_w), kLaneHeight));
      if (ImGui::IsItemClicked()) {
        select_object(ws, row.id, ImGui::GetIO().KeyCtrl);
        ws.set_frame(g.frame_at(ImGui::GetIO().MousePos.x));
      }
      if (ImGui::IsItemHovered()) {
        const int f = g.frame_at(ImGui::GetIO().MousePos.x);
        const char* what = row.object->is_outside(f) ? "outside" : "no shape";
        for (const core::Track& t : row.object->tracks) {
          if (const core::Shape* s = t.at(f); s && core::is_anchor(*s)) {
            what = s->keyframe ? "keyframe" : core::to_string(s->source);
            break;
          }
          if (ws.interpolator().evaluate(*row.object, t, f)) what = "interpolated";
        }
        ImGui::SetTooltip("%lld %s, frame %d: %s", static_cast<long long>(row.id),
                          row.object->class_name.c_str(), f, what);
      }
      ImGui::PopID();
    }
  }
  clipper.End();
  // Current frame line over every lane.
  const float x = g.frame_x(v.frame);
  const ImVec2 wmin = ImGui::GetWindowPos();
  dl->AddLine(ImVec2(x, wmin.y), ImVec2(x, wmin.y + ImGui::GetWindowHeight()),
              IM_COL32(255, 220, 80, 220), 1.5f);
  if (rows.empty()) ImGui::TextDisabled("No objects match the filter.");
  ImGui::PopStyleVar();
  ImGui::EndChild();
}

}  // namespace

int TimelineGeometry::frame_at(float x) const {
  if (frames <= 0) return 0;
  const float w = (ruler_max.x - ruler_min.x) / float(frames);
  return std::clamp(int(std::floor((x - ruler_min.x) / w)), 0, frames - 1);
}

TimelineGeometry draw_timeline_panel(Workspace& ws) {
  TimelineGeometry g;
  g.frames = ws.frame_count();
  draw_transport(ws);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float avail = ImGui::GetContentRegionAvail().x;
  g.ruler_min = ImVec2(p.x + kLabelWidth, p.y);
  g.ruler_max = ImVec2(p.x + std::max(kLabelWidth + 50.0f, avail - ImGui::GetStyle().ScrollbarSize),
                       p.y + kRulerHeight);
  ImGui::GetWindowDrawList()->AddText(
      ImVec2(p.x + 4, p.y + 3), ImGui::GetColorU32(ImGuiCol_TextDisabled),
      fmt::format("{} objects", ws.doc().annotations.objects.size()).c_str());
  draw_ruler(ws, g);
  const float x = g.frame_x(ws.view().frame);
  ImGui::GetWindowDrawList()->AddLine(ImVec2(x, g.ruler_min.y), ImVec2(x, g.ruler_max.y),
                                      IM_COL32(255, 220, 80, 255), 2.0f);
  ImGui::SetCursorScreenPos(ImVec2(p.x, g.ruler_max.y + 2));
  draw_lanes(ws, g);
  return g;
}

}  // namespace vantage::gui
