// [SECTION] Camera
// [SECTION] Input
// [SECTION] Rendering
// [SECTION] Labels
#include "app/gui/views/scene_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "app/gui/tools/tool.h"
#include "app/gui/views/class_colors.h"
#include "app/gui/views/draw_helpers.h"
#include "app/gui/views/scene_renderer.h"
#include "render/gl_objects.h"
#include "app/gui/workspace.h"
#include "core/geometry/cuboid_geometry.h"
#include "render/view_camera.h"

namespace vantage::gui {

// ---------------------------------------------------------------------------
// [SECTION] Camera
// ---------------------------------------------------------------------------

namespace {

// Mesa's llvmpipe and softpipe, and other CPU renderers.
bool software_gl() {
  static const bool software = [] {
    const char* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    const std::string s = r ? r : "";
    return s.find("llvmpipe") != std::string::npos || s.find("softpipe") != std::string::npos ||
           s.find("Software") != std::string::npos || s.find("SwiftShader") != std::string::npos;
  }();
  return software;
}

render::OrbitParams orbit_params(const OrbitState& o) {
  render::OrbitParams p;
  p.target = o.target;
  p.yaw = o.yaw;
  p.pitch = o.pitch;
  p.distance = o.distance;
  return p;
}

}  // namespace

void SceneView::update_viewport(const Workspace& ws, ImVec2 min, ImVec2 size) {
  const OrbitState& o = ws.view().orbit;
  vp_.view_min = min;
  vp_.view_max = {min.x + size.x, min.y + size.y};
  vp_.orthographic = o.bev;
  vp_.view_proj = o.bev ? render::bev_view_proj(o.target, o.bev_scale, size.x, size.y)
                        : render::orbit_view_proj(orbit_params(o), size.x, size.y);
}

// ---------------------------------------------------------------------------
// [SECTION] Input
// ---------------------------------------------------------------------------

void SceneView::zoom(Workspace& ws, float wheel, ImVec2 mouse) {
  OrbitState& o = ws.view().orbit;
  if (o.bev) {
    // Keep the ground point under the cursor where it is.
    const auto before = vp_.on_plane_z(mouse, o.target.z);
    o.bev_scale = std::clamp(o.bev_scale * std::pow(1.15, double(wheel)), 0.5, 400.0);
    update_viewport(ws, vp_.view_min, vp_.size());
    const auto after = vp_.on_plane_z(mouse, o.target.z);
    if (before && after) o.target += core::Vec3(before->x - after->x, before->y - after->y, 0.0);
  } else {
    o.distance = std::clamp(o.distance * std::pow(0.87, double(wheel)), 1.0, 800.0);
  }
  update_viewport(ws, vp_.view_min, vp_.size());
  still_frames_ = 0;
}

void SceneView::handle_view_event(Workspace& ws, const PointerEvent& e) {
  OrbitState& o = ws.view().orbit;
  const bool pan_button = e.button == 1 || e.button == 2 || o.bev ||
                          ImGui::IsKeyDown(ImGui::GetKeyIndex(ImGuiKey_Space));
  switch (e.type) {
    case PointerEvent::Type::Press:
      last_mouse_ = e.screen;
      break;
    case PointerEvent::Type::Drag: {
      const float dx = e.screen.x - last_mouse_.x, dy = e.screen.y - last_mouse_.y;
      last_mouse_ = e.screen;
      if (!input_.dragged()) break;
      still_frames_ = 0;
      if (o.bev) {
        // Screen right is vehicle -y, screen up is +x.
        o.target.y += dx / o.bev_scale;
        o.target.x += dy / o.bev_scale;
      } else if (pan_button) {
        const double mpp = 2.0 * o.distance * std::tan(0.87 / 2) / std::max(1.0f, vp_.size().y);
        const core::Vec3 right(-std::sin(o.yaw), std::cos(o.yaw), 0.0);
        const core::Vec3 fwd(-std::cos(o.yaw), -std::sin(o.yaw), 0.0);
        o.target -= right * (dx * mpp);
        o.target += fwd * (dy * mpp / std::max(0.25, std::sin(o.pitch)));
      } else {
        o.yaw -= dx * 0.008;
        o.pitch = std::clamp(o.pitch + dy * 0.008, 0.02, 1.55);
      }
      update_viewport(ws, vp_.view_min, vp_.size());
      break;
    }
    case PointerEvent::Type::Release:
      if (e.button == 0 && !input_.dragged())
        click_select(ws, pick(ws, e.screen), e.ctrl || e.shift);
      break;
    case PointerEvent::Type::DoubleClick:
      // Double-click a cuboid: orbit around it.
      if (e.button == 0) {
        const core::ObjectId id = pick(ws, e.screen);
        for (const core::EvaluatedShape& es : ws.shapes_at_frame())
          if (es.object == id)
            if (const auto* c = es.shape.as<core::Cuboid>()) o.target = c->center;
      }
      break;
    case PointerEvent::Type::Move:
      break;
  }
}

core::ObjectId SceneView::pick(Workspace& ws, ImVec2 s) const {
  const Ray r = vp_.ray(s);
  core::ObjectId best = -1;
  double best_t = 1e300;
  for (const core::EvaluatedShape& es : ws.shapes_at_frame()) {
    const auto* c = es.shape.as<core::Cuboid>();
    if (!c || ws.view().hidden.count(es.object)) continue;
    double t = 0;
    if (render::ray_hits_cuboid(*c, r.origin, r.direction, &t) && t < best_t) {
      best_t = t;
      best = es.object;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------
// [SECTION] Rendering
// ---------------------------------------------------------------------------

void SceneView::draw(Workspace& ws, Tool* tool, SceneRenderer& r, ImVec2 size) {
  ViewState& v = ws.view();
  size.x = std::max(size.x, 16.0f);
  size.y = std::max(size.y, 16.0f);
  const ImVec2 min = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##scene", size,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  vp_.draw_list = dl;
  update_viewport(ws, min, size);
  ++still_frames_;
  for (const PointerEvent& e : input_.poll()) {
    if (offer_scene_event(tool, ws, vp_, e, input_)) continue;
    if (input_.tool_owns_gesture && e.type != PointerEvent::Type::Move) continue;
    handle_view_event(ws, e);
  }
  const ImGuiIO& io = ImGui::GetIO();
  if (input_.hovered() && io.MouseWheel != 0.0f) zoom(ws, io.MouseWheel, io.MousePos);

  // Points, grid and wireframes into the offscreen target.
  const int w = int(size.x), h = int(size.y);
  lines_.clear();
  if (v.show_grid) {
    const double spacing = v.orbit.bev && v.orbit.bev_scale < 3 ? 50.0 : 10.0;
    lines_.add_grid(v.orbit.target, v.orbit.bev ? std::max(w, h) / v.orbit.bev_scale : 150.0,
                    spacing, r.data.ground_z(), render::rgba(70, 75, 90, 150),
                    render::rgba(110, 115, 135, 200), 5);
  }
  // Ego vehicle outline at the origin (heading +x), so the scene has a reference.
  core::Cuboid ego;
  ego.center = {0.0, 0.0, r.data.ground_z() + 0.8};
  ego.size = {4.5, 1.9, 1.6};
  lines_.add_cuboid(ego, render::rgba(200, 200, 200, 110), 1.0f);
  add_frame_cuboids(ws, lines_, -1, 1.0f, &vp_.view_proj);
  if (submit_gl) {
    if (target_.width() != std::max(1, w) || target_.height() != std::max(1, h))
      lod_.invalidate();
    target_.resize(w, h);
    r.data.update(ws);
    collect_timings();
    // Points: the budget's share, on top of the last frame's points when
    // nothing changed (progressive), from scratch otherwise.
    render::PointStyle style = r.point_style(ws);
    const PointLod::Plan plan = lod_.plan(view_key(ws, r, w, h), r.data.total_points());
    last_drawn_ = 0;
    const bool splat = use_splatter(style);
    if (splat != last_splat_) {
      last_splat_ = splat;
      lod_.invalidate();
    }
    if (splat) {
      // The compute path: splat the share into the words, then resolve
      // them into the points image (colour and depth).
      if (!r.splatter) r.splatter = std::make_unique<render::PointSplatter>();
      r.splatter->resize(w, h);
      if (plan.restart) r.splatter->clear();
      if (!plan.empty()) {
        style.begin = plan.begin;
        style.end = plan.end;
        glFinish();
        const auto t0 = std::chrono::steady_clock::now();
        last_drawn_ = r.splat_points(vp_.view_proj, style);
        glFinish();
        lod_.measured(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count(),
            last_drawn_);
      }
    } else if (plan.restart || !plan.empty()) {
      points_target_.resize(w, h);
      points_target_.begin();
      if (plan.restart) points_target_.clear(0.06f, 0.065f, 0.08f);
      if (!plan.empty()) {
        style.begin = plan.begin;
        style.end = plan.end;
        if (software_gl()) {
          // A software rasteriser renders on the CPU, after the call returns:
          // timer queries see only the submission. Time the pass to its end.
          glFinish();
          const auto t0 = std::chrono::steady_clock::now();
          last_drawn_ = r.draw_points(vp_.view_proj, style);
          glFinish();
          lod_.measured(
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                  .count(),
              last_drawn_);
        } else {
          const int q = query_next_;
          if (!queries_[q]) glGenQueries(kQueries, queries_);
          if (!query_pending_[q]) glBeginQuery(GL_TIME_ELAPSED, queries_[q]);
          last_drawn_ = r.draw_points(vp_.view_proj, style);
          if (!query_pending_[q]) {
            glEndQuery(GL_TIME_ELAPSED);
            query_pending_[q] = true;
            query_points_[q] = last_drawn_;
            query_next_ = (q + 1) % kQueries;
          }
        }
      }
      points_target_.end();
    }
    // The frame: the points (colour and depth, so the wireframes are hidden
    // behind points), the active cuboid's points in full, the lines. The
    // compute path resolves its words straight into it; GL_POINTS' image
    // is copied from the progressively filled target.
    target_.begin();
    if (splat) {
      target_.clear(0.06f, 0.065f, 0.08f);
      r.splatter->resolve(style.dim);
    } else {
      glBindFramebuffer(GL_READ_FRAMEBUFFER, points_target_.framebuffer());
      glBindFramebuffer(GL_DRAW_FRAMEBUFFER, target_.framebuffer());
      glBlitFramebuffer(0, 0, w, h, 0, 0, w, h, GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT,
                        GL_NEAREST);
      glBindFramebuffer(GL_FRAMEBUFFER, target_.framebuffer());
    }
    style.begin = 0.0;
    style.end = 1.0;
    r.draw_focus_points(vp_.view_proj, style);
    r.lines.draw(lines_, vp_.view_proj, w, h, true);
    target_.end();
  }

  dl->AddImage(reinterpret_cast<ImTextureID>(intptr_t(target_.color_texture())), min, vp_.view_max,
               {0, 1}, {1, 0});
  dl->PushClipRect(min, vp_.view_max, true);
  if (v.show_labels) draw_labels(ws);
  if (!r.data.status().empty())
    dl->AddText({min.x + 8, min.y + 8}, IM_COL32(230, 200, 120, 255), r.data.status().c_str());
  const double share = lod_.drawn_share();
  const std::string info =
      fmt::format("{}  {} pts{}", v.orbit.bev ? "BEV" : "3D", r.data.total_points(),
                  share < 1.0 ? fmt::format(" ({:.0f}%, filling in)", 100.0 * share) : "");
  dl->AddText({min.x + 8, vp_.view_max.y - ImGui::GetTextLineHeight() - 6},
              IM_COL32(170, 170, 180, 255), info.c_str());
  if (tool) tool->draw_scene_overlay(ws, vp_);
  dl->PopClipRect();

  // Hover position on the ground.
  if (input_.hovered()) {
    v.hover_world = vp_.on_plane_z(io.MousePos, r.data.ground_z());
    hover_owned_ = true;
  } else if (hover_owned_) {
    v.hover_world.reset();
    hover_owned_ = false;
  }
}

bool SceneView::use_splatter(const render::PointStyle& style) const {
  if (style.mode == render::PointColorMode::PerPoint) return false;  // class colours: GL_POINTS
  static const int forced = [] {
    const char* e = std::getenv("VANTAGE_POINTS");
    const std::string s = e ? e : "";
    return s == "compute" ? 1 : s == "raster" ? 0 : -1;
  }();
  const int want = points_path >= 0 ? points_path : forced;
  if (want == 0) return false;
  if (!render::PointSplatter::supported()) return false;
  // Default: compute on CPU renderers, where GL_POINTS costs the most.
  return want == 1 || software_gl();
}

SceneView::~SceneView() {
  if (queries_[0]) glDeleteQueries(kQueries, queries_);
}

void SceneView::collect_timings() {
  for (int k = 0; k < kQueries; ++k) {
    if (!query_pending_[k]) continue;
    GLint available = 0;
    glGetQueryObjectiv(queries_[k], GL_QUERY_RESULT_AVAILABLE, &available);
    if (!available) continue;
    GLuint64 ns = 0;
    glGetQueryObjectui64v(queries_[k], GL_QUERY_RESULT, &ns);
    query_pending_[k] = false;
    lod_.measured(double(ns) * 1e-6, query_points_[k]);
  }
}

uint64_t SceneView::view_key(const Workspace& ws, SceneRenderer& r, int w, int h) const {
  // Everything the points image depends on: camera, size, style, data.
  uint64_t k = 0xcbf29ce484222325ull;
  auto mix = [&k](uint64_t v) { k = (k ^ v) * 0x100000001B3ull; };
  for (int c = 0; c < 4; ++c)
    for (int row = 0; row < 4; ++row) {
      uint64_t bits;
      std::memcpy(&bits, &vp_.view_proj[c][row], sizeof bits);
      mix(bits);
    }
  mix(uint64_t(w) << 32 | uint64_t(h));
  const ViewState& v = ws.view();
  mix(uint64_t(v.point_color));
  uint32_t size_bits;
  std::memcpy(&size_bits, &v.point_size, sizeof size_bits);
  mix(size_bits);
  mix(r.data.revision());
  uint64_t g;
  const double gz = r.data.ground_z();
  std::memcpy(&g, &gz, sizeof g);
  mix(g);
  return k;
}

// ---------------------------------------------------------------------------
// [SECTION] Labels
// ---------------------------------------------------------------------------

void SceneView::draw_labels(Workspace& ws) {
  const ViewState& v = ws.view();
  const core::Document& doc = ws.doc();
  struct Item {
    ImVec2 at;
    double depth;
    std::string text;
    uint32_t rgb;
    bool selected;
  };
  std::vector<Item> items;
  for (const core::EvaluatedShape& es : ws.shapes_at_frame()) {
    const auto* c = es.shape.as<core::Cuboid>();
    if (!c || v.hidden.count(es.object)) continue;
    const core::Vec3 top = c->center + core::Vec3(0, 0, 0.5 * c->size.z);
    const core::Vec4 clip = vp_.view_proj * core::Vec4(top, 1.0);
    if (clip.w <= 1e-6 || std::abs(clip.x) > clip.w || std::abs(clip.y) > clip.w) continue;
    auto s = vp_.to_screen(top);
    if (!s) continue;
    // Above the box's silhouette, not over it (the top face's centre is the
    // middle of the box from above).
    for (const core::Vec3& k : core::cuboid_corners(*c))
      if (const auto ks = vp_.to_screen(k)) s->y = std::min(s->y, ks->y);
    const core::Object* o = doc.annotations.find(es.object);
    const bool selected = v.selection.count(es.object) > 0;
    // Far away in perspective, labels only clutter.
    const double dist =
        v.orbit.bev ? 0.0 : glm::length(top - render::orbit_eye(orbit_params(v.orbit)));
    if (!selected && dist > 120.0) continue;
    std::string text = fmt::format("{} {}", es.object, o ? o->class_name : "?");
    if (es.shape.source == core::ShapeSource::Model && es.shape.score >= 0)
      text += fmt::format(" {:.2f}", es.shape.score);
    items.push_back({*s, selected ? -1.0 : dist, std::move(text),
                     class_rgb(doc.schema, o ? o->class_name : ""), selected});
  }
  std::sort(items.begin(), items.end(),
            [](const Item& a, const Item& b) { return a.depth < b.depth; });
  LabelPlacer placer(vp_.draw_list, vp_.view_min, vp_.view_max);
  for (const Item& it : items) {
    const ImVec2 ts = ImGui::CalcTextSize(it.text.c_str());
    placer.place({it.at.x - ts.x * 0.5f, it.at.y - 2.0f}, it.text,
                 im_rgb(it.rgb, it.selected ? 240 : 170), contrast_text(it.rgb), it.selected);
  }
}

}  // namespace vantage::gui
