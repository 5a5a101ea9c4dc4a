#pragma once
// The 3D view: the frame's points, cuboid wireframes and ground grid rendered
// offscreen and shown as an image; orbit / pan / zoom, bird's-eye toggle,
// picking, labels, hover position; pointer events go to the tool first.

#include "app/gui/viewport.h"
#include "app/gui/views/point_lod.h"
#include "app/gui/views/pointer_input.h"
#include "render/line_renderer.h"
#include "render/point_renderer.h"
#include "render/render_target.h"

namespace vantage::gui {

class Workspace;
class Tool;
struct SceneRenderer;

class SceneView {
 public:
  SceneView() = default;
  ~SceneView();
  SceneView(const SceneView&) = delete;
  SceneView& operator=(const SceneView&) = delete;
  // Fills `size` from the cursor position (the current window's content).
  void draw(Workspace& ws, Tool* tool, SceneRenderer& r, ImVec2 size);
  const SceneViewport& viewport() const { return vp_; }
  // True while the camera is being moved.
  bool moving() const { return still_frames_ < 2; }
  // The point budget: a frame-time target, and what it allows (point_lod.h).
  PointLod& lod() { return lod_; }
  const PointLod& lod() const { return lod_; }
  // More points are still being filled in for the current view: keep
  // drawing frames.
  bool refining() const { return lod_.refining(); }
  // Points drawn in the last frame (LOD share, without the focus points).
  size_t last_drawn() const { return last_drawn_; }
  // How points are drawn: -1 per platform (compute splatting on CPU
  // renderers, GL_POINTS on GPUs; VANTAGE_POINTS=compute|raster overrides),
  // 0 GL_POINTS, 1 compute (needs GL 4.3).
  int points_path = -1;
  bool using_splatter() const { return last_splat_; }
  // Off: everything but the GL submission (the benchmark's "app CPU work").
  bool submit_gl = true;

 private:
  void update_viewport(const Workspace& ws, ImVec2 min, ImVec2 size);
  void handle_view_event(Workspace& ws, const PointerEvent& e);
  void zoom(Workspace& ws, float wheel, ImVec2 mouse);
  core::ObjectId pick(Workspace& ws, ImVec2 s) const;
  void draw_labels(Workspace& ws);

  // Reads the finished point-pass timer queries into the budget.
  void collect_timings();
  bool use_splatter(const render::PointStyle& style) const;
  uint64_t view_key(const Workspace& ws, SceneRenderer& r, int w, int h) const;

  render::RenderTarget target_;
  render::RenderTarget points_target_;  // the progressively filled points image
  PointLod lod_;
  // Timer queries of the last point passes (ring), with the points each drew.
  static constexpr int kQueries = 4;
  unsigned queries_[kQueries] = {0, 0, 0, 0};
  size_t query_points_[kQueries] = {0, 0, 0, 0};
  bool query_pending_[kQueries] = {false, false, false, false};
  int query_next_ = 0;
  size_t last_drawn_ = 0;
  bool last_splat_ = false;
  render::LineBatch lines_;
  PointerInput input_;
  SceneViewport vp_;
  ImVec2 last_mouse_{0, 0};
  int still_frames_ = 100;
  bool hover_owned_ = false;
};

}  // namespace vantage::gui
