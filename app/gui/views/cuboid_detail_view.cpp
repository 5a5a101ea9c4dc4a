// [SECTION] Geometry of handles and drags
// [SECTION] Drawing
// [SECTION] Editing
#include "app/gui/views/cuboid_detail_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "app/gui/tools/tool.h"
#include "app/gui/views/class_colors.h"
#include "app/gui/views/draw_helpers.h"
#include "app/gui/views/scene_renderer.h"
#include "app/gui/workspace.h"
#include "core/commands/annotation_commands.h"
#include "core/geometry/cuboid_geometry.h"

namespace vantage::gui {

// ---------------------------------------------------------------------------
// [SECTION] Geometry of handles and drags
// ---------------------------------------------------------------------------

namespace {

// Local axes lying in a pane's screen plane, and the one along its depth.
void pane_axes(render::DetailAxis a, int& ax0, int& ax1, int& depth) {
  switch (a) {
    case render::DetailAxis::Top:
    case render::DetailAxis::TopWide:
      ax0 = 0, ax1 = 1, depth = 2;
      return;
    case render::DetailAxis::Side:
      ax0 = 0, ax1 = 2, depth = 1;
      return;
    case render::DetailAxis::Front:
      ax0 = 1, ax1 = 2, depth = 0;
      return;
  }
}

constexpr double kMinSize = 0.1;  // metres: a face cannot be dragged through its opposite
constexpr float kHandleRadius = 8.0f;

}  // namespace

core::Cuboid drag_cuboid(const core::Cuboid& start, const CuboidDetailView::Handle& h,
                         render::DetailAxis pane, const core::Vec3& press, const core::Vec3& now) {
  core::Cuboid c = start;
  const core::Mat3 r = core::cuboid_rotation(start);
  int ax0 = 0, ax1 = 1, depth = 2;
  pane_axes(pane, ax0, ax1, depth);
  switch (h.kind) {
    case CuboidDetailView::Handle::Kind::Move: {
      core::Vec3 d = now - press;
      d[depth] = 0.0;  // a pane moves the box only within its own plane
      c.center = start.center + r * d;
      break;
    }
    case CuboidDetailView::Handle::Kind::Face: {
      const int i = h.axis;
      const double s = h.sign;
      const double fixed = -s * 0.5 * start.size[i];
      const double extent = std::max(kMinSize, s * (now[i] - fixed));
      c.size[i] = extent;
      core::Vec3 offset(0.0);
      offset[i] = fixed + s * extent * 0.5;
      c.center = start.center + r * offset;
      break;
    }
    case CuboidDetailView::Handle::Kind::Rotate: {
      const double a0 = std::atan2(press.y, press.x), a1 = std::atan2(now.y, now.x);
      c.yaw = core::wrap_angle(start.yaw + (a1 - a0));
      break;
    }
  }
  return c;
}

std::vector<CuboidDetailView::Handle> CuboidDetailView::handles(const Pane& p,
                                                                const core::Cuboid& c) const {
  std::vector<Handle> out;
  const core::Mat3 r = core::cuboid_rotation(c);
  auto screen = [&](const core::Vec3& local) {
    return p.vp.to_screen(c.center + r * local).value_or(ImVec2{-1e6f, -1e6f});
  };
  int ax0 = 0, ax1 = 1, depth = 2;
  pane_axes(p.axis, ax0, ax1, depth);
  out.push_back({Handle::Kind::Move, -1, 0, screen(core::Vec3(0.0))});
  for (int axis : {ax0, ax1}) {
    for (int sign : {1, -1}) {
      core::Vec3 l(0.0);
      l[axis] = sign * 0.5 * c.size[axis];
      out.push_back({Handle::Kind::Face, axis, sign, screen(l)});
    }
  }
  if (p.axis == render::DetailAxis::Top || p.axis == render::DetailAxis::TopWide) {
    // Beyond the front face, at a fixed screen distance.
    const ImVec2 front = screen({0.5 * c.size.x, 0, 0});
    const ImVec2 centre = screen(core::Vec3(0.0));
    const float dx = front.x - centre.x, dy = front.y - centre.y;
    const float len = std::max(1e-3f, std::sqrt(dx * dx + dy * dy));
    out.push_back(
        {Handle::Kind::Rotate, -1, 0, {front.x + dx / len * 24.0f, front.y + dy / len * 24.0f}});
  }
  return out;
}

core::Vec3 CuboidDetailView::local_at(const Pane& p, const core::Cuboid& c, ImVec2 s) const {
  // Orthographic: the ray's origin has the right in-plane coordinates.
  const Ray ray = p.vp.ray(s);
  return glm::transpose(core::cuboid_rotation(c)) * (ray.origin - c.center);
}

// ---------------------------------------------------------------------------
// [SECTION] Drawing
// ---------------------------------------------------------------------------

void CuboidDetailView::draw(Workspace& ws, Tool* tool, SceneRenderer& r, ImVec2 size) {
  const ViewState& v = ws.view();
  size.x = std::max(size.x, 48.0f);
  size.y = std::max(size.y, 48.0f);
  const ImVec2 min = ImGui::GetCursorScreenPos();
  std::optional<core::Cuboid> current;
  for (const core::EvaluatedShape& es : ws.shapes_at_frame())
    if (es.object == v.active)
      if (const auto* c = es.shape.as<core::Cuboid>()) current = *c;
  if (!current) {
    drag_.reset();
    ImGui::Dummy(size);
    const char* msg = v.active < 0 ? "Select a cuboid to see its top, side and front views"
                                   : "The active object has no cuboid at this frame";
    ImGui::GetWindowDrawList()->AddText({min.x + 8, min.y + 8}, IM_COL32(170, 170, 180, 255), msg);
    return;
  }
  if (drag_ && drag_->object != v.active) drag_.reset();
  // While dragging, the views stay framed on the cuboid as it was at the
  // press, so the mouse keeps one mapping for the whole gesture.
  const core::Cuboid shown = drag_ ? drag_->start : *current;
  const bool editable = !v.locked.count(v.active);
  const bool wide = size.x >= size.y * 1.5f;
  const ImVec2 pane_size = wide ? ImVec2{std::floor(size.x / 3) - 2, size.y}
                                : ImVec2{size.x, std::floor(size.y / 3) - 2};
  r.data.update(ws);
  for (int i = 0; i < 3; ++i) {
    const ImVec2 pmin = wide ? ImVec2{min.x + i * (pane_size.x + 3), min.y}
                             : ImVec2{min.x, min.y + i * (pane_size.y + 3)};
    ImGui::SetCursorScreenPos(pmin);
    ImGui::PushID(i);
    draw_pane(ws, tool, r, i, pmin, pane_size, shown, *current, editable);
    ImGui::PopID();
  }
  ImGui::SetCursorScreenPos(min);
  ImGui::Dummy(size);
}

void CuboidDetailView::draw_pane(Workspace& ws, Tool* tool, SceneRenderer& r, int index, ImVec2 min,
                                 ImVec2 size, const core::Cuboid& shown,
                                 const core::Cuboid& current, bool editable) {
  static constexpr render::DetailAxis kAxes[3] = {render::DetailAxis::Top, render::DetailAxis::Side,
                                                  render::DetailAxis::Front};
  static constexpr const char* kNames[3] = {"Top", "Side", "Front"};
  Pane& p = panes_[size_t(index)];
  // A wide, short pane (the panel stacks the views) shows the top view with
  // the heading to the right, so a long box is not squeezed to a sliver.
  if (!drag_)
    p.axis = index == 0 && size.x > size.y * 1.2f ? render::DetailAxis::TopWide : kAxes[index];
  ImGui::InvisibleButton("##detail", size,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  if (!drag_) p.scale = render::detail_fit_scale(shown, p.axis, size.x, size.y);
  p.vp.view_min = min;
  p.vp.view_max = {min.x + size.x, min.y + size.y};
  p.vp.orthographic = true;
  p.vp.draw_list = ImGui::GetWindowDrawList();
  // Top view: from 1 m above the box down to 15 cm above its bottom, so the
  // ground under it does not cover the footprint; side views 1 m either side.
  const bool top = p.axis == render::DetailAxis::Top || p.axis == render::DetailAxis::TopWide;
  p.vp.view_proj = render::detail_view_proj(shown, p.axis, p.scale, size.x, size.y, 1.0,
                                            top ? -std::min(0.15, 0.25 * shown.size.z) : 1.0);

  // Input: tool first, then the handles.
  const std::vector<Handle> hs = editable ? handles(p, current) : std::vector<Handle>{};
  const ImGuiIO& io = ImGui::GetIO();
  int hot = -1;
  if (!drag_ && ImGui::IsItemHovered()) {
    float best = kHandleRadius * kHandleRadius;
    for (size_t i = 0; i < hs.size(); ++i) {
      const float dx = hs[i].screen.x - io.MousePos.x, dy = hs[i].screen.y - io.MousePos.y;
      // The move handle also grabs anywhere inside the box outline (lowest priority).
      if (dx * dx + dy * dy < best) best = dx * dx + dy * dy, hot = int(i);
    }
  }
  if (hot >= 0)
    hot_pane_ = index, hot_handle_ = hot;
  else if (hot_pane_ == index && !drag_)
    hot_pane_ = -1;
  for (const PointerEvent& e : p.input.poll()) {
    if (offer_scene_event(tool, ws, p.vp, e, p.input)) continue;
    if (p.input.tool_owns_gesture && e.type != PointerEvent::Type::Move) continue;
    if (e.type == PointerEvent::Type::Press && e.button == 0 && hot >= 0) {
      static uint64_t next_key = 1;
      Drag d;
      d.pane = index;
      d.handle = hs[size_t(hot)];
      d.object = ws.view().active;
      d.start = current;
      d.merge_key = (uint64_t(0x4445544c) << 32) | next_key++;  // "DETL" + drag number
      drag_ = d;
      drag_->press_local = local_at(p, current, e.screen);
    } else if (e.type == PointerEvent::Type::Drag && drag_ && drag_->pane == index) {
      apply_drag(ws, e.screen);
    } else if (e.type == PointerEvent::Type::Release && drag_ && drag_->pane == index) {
      ws.editor().seal();
      drag_.reset();
    }
  }

  // Points near the box and its wireframe.
  const int w = int(size.x), h = int(size.y);
  p.target.resize(w, h);
  p.target.begin();
  p.target.clear(0.05f, 0.055f, 0.07f);
  render::PointStyle style = r.point_style(ws);
  style.point_size = std::max(3.0f, style.point_size + 1.0f);
  for (const SceneData::DrawItem& item : r.data.update_items())
    if (item.current) r.points.draw(item.sweep->gpu, p.vp.view_proj, item.model, style);
  lines_.clear();
  add_frame_cuboids(ws, lines_, -1, 1.0f);
  r.lines.draw(lines_, p.vp.view_proj, w, h, false);
  p.target.end();
  ImDrawList* dl = p.vp.draw_list;
  dl->AddImage(reinterpret_cast<ImTextureID>(intptr_t(p.target.color_texture())), min,
               p.vp.view_max, {0, 1}, {1, 0});
  dl->PushClipRect(min, p.vp.view_max, true);
  dl->AddRect(min, p.vp.view_max, IM_COL32(80, 80, 95, 255));
  const std::string title =
      fmt::format("{}  {:.2f} x {:.2f} x {:.2f} m{}", kNames[index], current.size.x, current.size.y,
                  current.size.z, editable ? "" : "  (locked)");
  dl->AddText({min.x + 6, min.y + 4}, IM_COL32(200, 200, 210, 255), title.c_str());
  const uint32_t rgb = class_rgb(ws.doc().schema, [&] {
    const core::Object* o = ws.doc().annotations.find(ws.view().active);
    return o ? o->class_name : std::string();
  }());
  for (size_t i = 0; i < hs.size(); ++i) {
    const Handle& hd = hs[i];
    const bool is_hot = (drag_ && drag_->pane == index && drag_->handle.kind == hd.kind &&
                         drag_->handle.axis == hd.axis && drag_->handle.sign == hd.sign) ||
                        (!drag_ && hot_pane_ == index && hot_handle_ == int(i));
    if (hd.kind == Handle::Kind::Rotate)
      dl->AddLine(hs[0].screen, hd.screen, im_rgb(rgb, 120), 1.0f);
    draw_handle(dl, hd.screen, hd.kind != Handle::Kind::Move, is_hot,
                is_hot ? IM_COL32(255, 255, 255, 255) : im_rgb(lighten_rgb(rgb, 0.3)));
  }
  if (tool) tool->draw_scene_overlay(ws, p.vp);
  dl->PopClipRect();
}

// ---------------------------------------------------------------------------
// [SECTION] Editing
// ---------------------------------------------------------------------------

void CuboidDetailView::apply_drag(Workspace& ws, ImVec2 mouse) {
  if (!drag_) return;
  const Pane& p = panes_[size_t(drag_->pane)];
  const core::Vec3 now = local_at(p, drag_->start, mouse);
  const core::Cuboid next =
      drag_cuboid(drag_->start, drag_->handle, p.axis, drag_->press_local, now);
  const int frame = ws.view().frame;
  const core::Shape* base = nullptr;
  for (const core::EvaluatedShape& es : ws.shapes_at_frame())
    if (es.object == drag_->object && es.shape.as<core::Cuboid>()) base = &es.shape;
  if (!base) return;
  core::Shape shape = *base;
  if (const auto* c = shape.as<core::Cuboid>(); c && *c == next) return;
  shape.geometry = next;
  // Edited: it is a keyframe now, made by this annotator.
  shape.keyframe = true;
  if (shape.source == core::ShapeSource::Interpolated || shape.source == core::ShapeSource::Model) {
    shape.source = core::ShapeSource::Manual;
    shape.score = -1.0;
  }
  const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  if (shape.created_ms == 0) shape.created_ms = now_ms;
  shape.modified_ms = now_ms;
  shape.annotator = ws.annotator();
  const char* what = drag_->handle.kind == Handle::Kind::Move   ? "Move cuboid"
                     : drag_->handle.kind == Handle::Kind::Face ? "Resize cuboid"
                                                                : "Rotate cuboid";
  auto cmd = std::make_unique<core::SetShapeCommand>(
      drag_->object, core::kSceneSensor, core::ShapeKind::Cuboid, frame, std::move(shape),
      fmt::format("{} {}", what, drag_->object));
  cmd->merge_key = drag_->merge_key;
  ws.editor().execute(std::move(cmd));
}

}  // namespace vantage::gui
