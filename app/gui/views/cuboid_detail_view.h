#pragma once
// Cuboid detail views: top, side and front orthographic views around the
// active object's cuboid at the current frame, showing only the points near
// it, with handles to move (centre), resize (faces) and rotate (top view).
// Edits are SetShapeCommands sharing a merge key per drag (one undo step),
// sealed on release; an interpolated cuboid becomes a keyframe when edited;
// locked objects show no handles.

#include <array>
#include <cstdint>
#include <optional>

#include "app/gui/viewport.h"
#include "app/gui/views/pointer_input.h"
#include "core/model/shape.h"
#include "render/line_renderer.h"
#include "render/render_target.h"
#include "render/view_camera.h"

namespace vantage::gui {

class Workspace;
class Tool;
struct SceneRenderer;

class CuboidDetailView {
 public:
  void draw(Workspace& ws, Tool* tool, SceneRenderer& r, ImVec2 size);
  // Viewport of pane 0 (top), 1 (side), 2 (front) from the last draw.
  const SceneViewport& viewport(int pane) const { return panes_[size_t(pane)].vp; }
  bool dragging() const { return drag_.has_value(); }

  struct Handle {
    enum class Kind { Move, Face, Rotate };
    Kind kind = Kind::Move;
    int axis = 0;  // local axis of a face handle (0 length, 1 width, 2 height)
    int sign = 1;
    ImVec2 screen{0, 0};
  };

 private:
  struct Pane {
    render::DetailAxis axis = render::DetailAxis::Top;
    render::RenderTarget target;
    PointerInput input;
    SceneViewport vp;
    double scale = 1.0;
  };
  struct Drag {
    int pane = 0;
    Handle handle;
    core::ObjectId object = -1;
    core::Cuboid start;
    core::Vec3 press_local{0.0};
    uint64_t merge_key = 0;
  };

  void draw_pane(Workspace& ws, Tool* tool, SceneRenderer& r, int index, ImVec2 min, ImVec2 size,
                 const core::Cuboid& shown, const core::Cuboid& current, bool editable);
  std::vector<Handle> handles(const Pane& p, const core::Cuboid& c) const;
  core::Vec3 local_at(const Pane& p, const core::Cuboid& frame_of, ImVec2 s) const;
  void apply_drag(Workspace& ws, ImVec2 mouse);

  std::array<Pane, 3> panes_;
  render::LineBatch lines_;
  std::optional<Drag> drag_;
  int hot_pane_ = -1, hot_handle_ = -1;
};

// Cuboid after dragging `h` from local position `press` to `now` (both in
// the start cuboid's frame); pure geometry, shared with the tests.
core::Cuboid drag_cuboid(const core::Cuboid& start, const CuboidDetailView::Handle& h,
                         render::DetailAxis pane, const core::Vec3& press, const core::Vec3& now);

}  // namespace vantage::gui
