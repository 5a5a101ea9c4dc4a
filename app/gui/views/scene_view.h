#pragma once
// The 3D view: the frame's points, cuboid wireframes and ground grid rendered
// offscreen and shown as an image; orbit / pan / zoom, bird's-eye toggle,
// picking, labels, hover position; pointer events go to the tool first.

#include "app/gui/viewport.h"
#include "app/gui/views/pointer_input.h"
#include "render/line_renderer.h"
#include "render/render_target.h"

namespace vantage::gui {

class Workspace;
class Tool;
struct SceneRenderer;

class SceneView {
 public:
  // Fills `size` from the cursor position (the current window's content).
  void draw(Workspace& ws, Tool* tool, SceneRenderer& r, ImVec2 size);
  const SceneViewport& viewport() const { return vp_; }
  // True while the camera is being moved (level of detail applies).
  bool moving() const { return still_frames_ < 2; }
  // Points over this are drawn as a stride subset while the camera moves.
  // 400k: ten accumulated 120k sweeps (1.2M) draw every 3rd point while moving,
  // one to three sweeps always draw in full.
  size_t lod_budget = 400'000;
  int last_stride() const { return last_stride_; }
  // Off: everything but the GL submission (the benchmark's "app CPU work").
  bool submit_gl = true;

 private:
  void update_viewport(const Workspace& ws, ImVec2 min, ImVec2 size);
  void handle_view_event(Workspace& ws, const PointerEvent& e);
  void zoom(Workspace& ws, float wheel, ImVec2 mouse);
  core::ObjectId pick(Workspace& ws, ImVec2 s) const;
  void draw_labels(Workspace& ws);

  render::RenderTarget target_;
  render::LineBatch lines_;
  PointerInput input_;
  SceneViewport vp_;
  ImVec2 last_mouse_{0, 0};
  int still_frames_ = 100;
  int last_stride_ = 1;
  bool hover_owned_ = false;
};

}  // namespace vantage::gui
