// Select tool: click a shape to select it (Ctrl/Shift toggle), drag the
// selected 2D shape's handles (box edges and corners, polygon and polyline
// vertices, keypoints) or its interior, drag a selected cuboid over the
// ground in the 3D / bird's-eye view. Double-click on a polygon or polyline
// edge inserts a vertex; Delete or right click removes the one under the
// cursor; V toggles a keypoint's visibility; arrow keys nudge the selected
// box (Shift: 10 px). Editing an interpolated shape stores a keyframe; one
// drag is one undo step. Dragging empty space is left to the view (pan).
#include <GLFW/glfw3.h>

#include <cmath>

#include "app/gui/tools/select_handles.h"
#include "app/gui/tools/tool_classes.h"
#include "app/gui/tools/tool_common.h"

namespace vantage::gui {

using namespace tools;  // helpers of the tool set (tool_common.h)

namespace {

class SelectTool : public Tool {
 public:
  explicit SelectTool(SettingsPtr settings) : settings_(std::move(settings)) {}
  ToolId id() const override { return ToolId::Select; }
  const char* name() const override { return "Select"; }
  const char* hint() const override {
    return "Click selects (Ctrl/Shift: add), drag handles to edit, double-click an edge adds a "
           "vertex";
  }

  bool on_image_event(Workspace& ws, const ImageViewport& vp, const PointerEvent& e) override {
    last_camera_ = vp.camera;
    const bool toggle = e.ctrl || e.shift;
    switch (e.type) {
      case PointerEvent::Type::Move:
        update_hover(ws, vp, e.screen);
        return false;
      case PointerEvent::Type::Press: {
        if (e.button == 1) return right_click(ws, vp, e.screen);
        if (e.button != 0) return false;
        if (!toggle && start_handle_drag(ws, vp, e.screen)) return true;
        const auto hit = pick_image(ws, vp, e.screen);
        // Empty space: the view pans on a drag and clears the selection on
        // a click (so panning keeps the selection).
        if (!hit) return false;
        select_object(ws, hit->object, toggle);
        if (!toggle && !hit->projected && !is_locked(ws, hit->object)) {
          if (auto s = shape_now(ws, hit->object, hit->sensor, hit->kind))
            begin_drag(ws, hit->object, hit->sensor, s->geometry, Handle{}, vp.to_image(e.screen));
        }
        return true;
      }
      case PointerEvent::Type::Drag:
        if (!drag_) return false;
        if (ws.view().frame != drag_frame_) {
          end_drag(ws);
          return true;
        }
        commit_edit(
            ws, drag_object_, drag_sensor_,
            drag_handle(drag_start_geometry_, drag_handle_, vp.to_image(e.screen) - drag_start_),
            merge_key_);
        return true;
      case PointerEvent::Type::Release:
        if (!drag_) return false;
        end_drag(ws);
        return true;
      case PointerEvent::Type::DoubleClick:
        return double_click(ws, vp, e.screen);
    }
    return false;
  }

  bool on_scene_event(Workspace& ws, const SceneViewport& vp, const PointerEvent& e) override {
    const bool toggle = e.ctrl || e.shift;
    switch (e.type) {
      case PointerEvent::Type::Press: {
        if (e.button != 0) return false;
        const auto hit = pick_scene(ws, vp, e.screen);
        if (!hit) return false;  // the view orbits / pans, or clears on a click
        const auto s = shape_now(ws, hit->object, core::kSceneSensor, core::ShapeKind::Cuboid);
        // The cuboid detail panes centre the active cuboid in an orthographic
        // view and edit it with their own handles: leave those presses to them.
        if (s && hit->object == ws.view().active && is_detail_pane(vp, *s->as<core::Cuboid>()))
          return false;
        select_object(ws, hit->object, toggle);
        if (toggle || is_locked(ws, hit->object) || !s) return true;
        const core::Cuboid& c = *s->as<core::Cuboid>();
        // Drag in the horizontal plane through the box's centre.
        if (auto p = vp.on_plane_z(e.screen, c.center.z)) {
          cuboid_plane_z_ = c.center.z;
          begin_drag(ws, hit->object, core::kSceneSensor, s->geometry, Handle{},
                     core::Vec2(p->x, p->y));
        }
        return true;
      }
      case PointerEvent::Type::Drag: {
        if (!drag_ || drag_sensor_ != core::kSceneSensor) return false;
        if (ws.view().frame != drag_frame_) {
          end_drag(ws);
          return true;
        }
        auto p = vp.on_plane_z(e.screen, cuboid_plane_z_);
        if (!p) return true;
        core::Cuboid c = std::get<core::Cuboid>(drag_start_geometry_);
        c.center.x += p->x - drag_start_.x;
        c.center.y += p->y - drag_start_.y;
        commit_edit(ws, drag_object_, drag_sensor_, c, merge_key_);
        return true;
      }
      case PointerEvent::Type::Release:
        if (!drag_) return false;
        end_drag(ws);
        return true;
      default:
        return false;
    }
  }

  bool on_key(Workspace& ws, const KeyEvent& k) override {
    switch (k.key) {
      case GLFW_KEY_DELETE:
      case GLFW_KEY_BACKSPACE:
        if (hover_.vertex && hover_.frame == ws.view().frame) {
          remove_vertex(ws, hover_.object, hover_.camera, hover_.ring, hover_.index);
          hover_.vertex = false;
          return true;
        }
        return false;
      case GLFW_KEY_V:
        if (hover_.keypoint && hover_.frame == ws.view().frame) {
          toggle_keypoint(ws);
          return true;
        }
        return false;
      case GLFW_KEY_LEFT:
      case GLFW_KEY_RIGHT:
      case GLFW_KEY_UP:
      case GLFW_KEY_DOWN: {
        const double step = k.shift ? 10.0 : 1.0;
        core::Vec2 d(0.0);
        if (k.key == GLFW_KEY_LEFT) d.x = -step;
        if (k.key == GLFW_KEY_RIGHT) d.x = step;
        if (k.key == GLFW_KEY_UP) d.y = -step;
        if (k.key == GLFW_KEY_DOWN) d.y = step;
        return nudge(ws, d);
      }
      default:
        return false;
    }
  }

  void draw_image_overlay(Workspace& ws, const ImageViewport& vp) override {
    ImDrawList* dl = vp.draw_list;
    if (!dl) return;
    for (core::ObjectId id : ws.view().selection) {
      if (is_hidden(ws, id)) continue;
      const bool locked = is_locked(ws, id);
      const ImU32 col = locked ? IM_COL32(160, 160, 160, 255) : IM_COL32(255, 255, 255, 255);
      for (core::ShapeKind kind : {core::ShapeKind::Box2D, core::ShapeKind::Polygon,
                                   core::ShapeKind::Polyline, core::ShapeKind::Keypoints}) {
        const auto s = shape_now(ws, id, vp.camera, kind);
        if (!s) continue;
        for (const core::Vec2& p : handle_points(s->geometry)) {
          const ImVec2 q = vp.to_screen(p);
          dl->AddRectFilled({q.x - 3, q.y - 3}, {q.x + 3, q.y + 3}, IM_COL32(0, 0, 0, 200));
          dl->AddRect({q.x - 3, q.y - 3}, {q.x + 3, q.y + 3}, col);
        }
      }
    }
    if (hover_.vertex && hover_.camera == vp.camera) {
      const ImVec2 q = vp.to_screen(hover_.point);
      dl->AddCircle(q, 6.0f, IM_COL32(255, 220, 0, 255), 0, 2.0f);
    }
  }

  void cancel() override {
    drag_ = false;
    hover_ = {};
  }

 private:
  struct Hover {
    bool vertex = false, keypoint = false;
    core::ObjectId object = -1;
    std::string camera;
    int frame = -1, ring = -1, index = -1;
    core::Vec2 point{0.0};
  };

  static std::vector<core::Vec2> handle_points(const core::Geometry& g) {
    std::vector<core::Vec2> out;
    if (const auto* b = std::get_if<core::Box2D>(&g)) {
      const double mx = (b->x1 + b->x2) / 2, my = (b->y1 + b->y2) / 2;
      out = {{b->x1, b->y1}, {mx, b->y1}, {b->x2, b->y1}, {b->x2, my},
             {b->x2, b->y2}, {mx, b->y2}, {b->x1, b->y2}, {b->x1, my}};
    } else if (const auto* p = std::get_if<core::Polygon>(&g)) {
      out = p->points;
      for (const auto& h : p->holes)
        out.insert(out.end(), h.begin(), h.end());
    } else if (const auto* l = std::get_if<core::Polyline>(&g)) {
      out = l->points;
    } else if (const auto* k = std::get_if<core::Keypoints>(&g)) {
      for (const auto& kp : k->points)
        if (kp.visibility > 0) out.push_back(kp.position);
    }
    return out;
  }

  static bool is_detail_pane(const SceneViewport& vp, const core::Cuboid& c) {
    if (!vp.orthographic) return false;
    const auto at = vp.to_screen(c.center);
    if (!at) return false;
    const float cx = (vp.view_min.x + vp.view_max.x) * 0.5f;
    const float cy = (vp.view_min.y + vp.view_max.y) * 0.5f;
    return std::abs(at->x - cx) < 1.5f && std::abs(at->y - cy) < 1.5f;
  }

  // Selected objects in editing order: the active one first.
  std::vector<core::ObjectId> editable_selection(const Workspace& ws) const {
    std::vector<core::ObjectId> ids;
    const ViewState& v = ws.view();
    if (v.active >= 0 && v.selection.count(v.active)) ids.push_back(v.active);
    for (core::ObjectId id : v.selection)
      if (id != v.active) ids.push_back(id);
    std::vector<core::ObjectId> out;
    for (core::ObjectId id : ids)
      if (!is_locked(ws, id) && !is_hidden(ws, id)) out.push_back(id);
    return out;
  }

  bool start_handle_drag(Workspace& ws, const ImageViewport& vp, ImVec2 s) {
    for (core::ObjectId id : editable_selection(ws)) {
      for (core::ShapeKind kind : {core::ShapeKind::Keypoints, core::ShapeKind::Polygon,
                                   core::ShapeKind::Polyline, core::ShapeKind::Box2D}) {
        const auto shape = shape_now(ws, id, vp.camera, kind);
        if (!shape) continue;
        const auto h = find_handle(shape->geometry, vp, s);
        if (!h) continue;
        // A move grip of a keypoint set is only its points.
        if (kind == core::ShapeKind::Keypoints && h->type != Handle::Type::Keypoint) continue;
        ws.view().active = id;
        begin_drag(ws, id, vp.camera, shape->geometry, *h, vp.to_image(s));
        return true;
      }
    }
    return false;
  }

  void begin_drag(Workspace& ws, core::ObjectId id, const std::string& sensor,
                  const core::Geometry& g, const Handle& h, core::Vec2 start) {
    drag_ = true;
    drag_object_ = id;
    drag_sensor_ = sensor;
    drag_start_geometry_ = g;
    drag_handle_ = h;
    drag_start_ = start;
    drag_frame_ = ws.view().frame;
    merge_key_ = next_merge_key();
  }

  void end_drag(Workspace& ws) {
    drag_ = false;
    ws.editor().seal();
  }

  void update_hover(Workspace& ws, const ImageViewport& vp, ImVec2 s) {
    hover_ = {};
    for (core::ObjectId id : editable_selection(ws)) {
      for (core::ShapeKind kind :
           {core::ShapeKind::Keypoints, core::ShapeKind::Polygon, core::ShapeKind::Polyline}) {
        const auto shape = shape_now(ws, id, vp.camera, kind);
        if (!shape) continue;
        const auto h = find_handle(shape->geometry, vp, s);
        if (!h || (h->type != Handle::Type::Vertex && h->type != Handle::Type::Keypoint)) continue;
        hover_.vertex = h->type == Handle::Type::Vertex;
        hover_.keypoint = h->type == Handle::Type::Keypoint;
        hover_.object = id;
        hover_.camera = vp.camera;
        hover_.frame = ws.view().frame;
        hover_.ring = h->ring;
        hover_.index = h->index;
        hover_.point = vp.to_image(s);
        if (const auto* k = shape->as<core::Keypoints>())
          hover_.point = k->points[h->index].position;
        return;
      }
    }
  }

  bool right_click(Workspace& ws, const ImageViewport& vp, ImVec2 s) {
    update_hover(ws, vp, s);
    if (!hover_.vertex) return false;
    remove_vertex(ws, hover_.object, hover_.camera, hover_.ring, hover_.index);
    hover_ = {};
    return true;
  }

  void remove_vertex(Workspace& ws, core::ObjectId id, const std::string& cam, int ring,
                     int index) {
    for (core::ShapeKind kind : {core::ShapeKind::Polygon, core::ShapeKind::Polyline}) {
      auto s = shape_now(ws, id, cam, kind);
      if (!s) continue;
      core::Geometry g = s->geometry;
      if (!delete_vertex(g, ring, index)) {
        settings_->say(kind == core::ShapeKind::Polygon ? "A polygon needs 3 vertices"
                                                        : "A polyline needs 2 points",
                       true);
        return;
      }
      commit_edit(ws, id, cam, std::move(g), 0);
      ws.editor().seal();
      return;
    }
  }

  void toggle_keypoint(Workspace& ws) {
    auto s = shape_now(ws, hover_.object, hover_.camera, core::ShapeKind::Keypoints);
    if (!s) return;
    core::Keypoints k = *s->as<core::Keypoints>();
    if (hover_.index < 0 || hover_.index >= int(k.points.size())) return;
    uint8_t& v = k.points[hover_.index].visibility;
    v = v == 2 ? 1 : 2;
    commit_edit(ws, hover_.object, hover_.camera, k, 0);
    ws.editor().seal();
  }

  bool double_click(Workspace& ws, const ImageViewport& vp, ImVec2 s) {
    for (core::ObjectId id : editable_selection(ws)) {
      for (core::ShapeKind kind : {core::ShapeKind::Polygon, core::ShapeKind::Polyline}) {
        auto shape = shape_now(ws, id, vp.camera, kind);
        if (!shape) continue;
        const auto e = find_edge(shape->geometry, vp, s);
        if (!e) continue;
        drag_ = false;
        core::Geometry g = shape->geometry;
        if (insert_vertex(g, *e)) {
          ws.editor().seal();  // not part of the press's (empty) drag
          commit_edit(ws, id, vp.camera, std::move(g), 0);
          ws.editor().seal();
        }
        return true;
      }
    }
    return false;
  }

  bool nudge(Workspace& ws, core::Vec2 d) {
    const core::ObjectId id = ws.view().active;
    if (id < 0 || is_locked(ws, id) || is_hidden(ws, id) || last_camera_.empty()) return false;
    auto s = shape_now(ws, id, last_camera_, core::ShapeKind::Box2D);
    if (!s) return false;
    commit_edit(ws, id, last_camera_, drag_handle(s->geometry, Handle{}, d), 0);
    ws.editor().seal();
    return true;
  }

  SettingsPtr settings_;
  std::string last_camera_;
  bool drag_ = false;
  core::ObjectId drag_object_ = -1;
  std::string drag_sensor_;
  core::Geometry drag_start_geometry_;
  Handle drag_handle_;
  core::Vec2 drag_start_{0.0};
  int drag_frame_ = -1;
  uint64_t merge_key_ = 0;
  double cuboid_plane_z_ = 0;
  Hover hover_;
};

}  // namespace

ToolPtr make_select_tool(SettingsPtr settings) {
  return std::make_unique<SelectTool>(std::move(settings));
}

}  // namespace vantage::gui
