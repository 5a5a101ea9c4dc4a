#pragma once
// What the 3D, bird's-eye and detail views share: the GL renderers (one
// shader program each) and the frame's point sweeps on the GPU, plus the
// drawing of a frame's cuboids as wireframes.

#include "app/gui/views/scene_data.h"
#include "core/model/object.h"
#include "render/line_renderer.h"
#include "render/point_renderer.h"
#include "render/point_splatter.h"

#include <memory>

namespace vantage::gui {

class Workspace;

struct SceneRenderer {
  render::PointRenderer points;
  render::LineRenderer lines;
  SceneData data;
  // The compute-shader point path (GL 4.3), made on first use.
  std::unique_ptr<render::PointSplatter> splatter;

  // Point style of the view state, with the colour ramp around the ground.
  render::PointStyle point_style(const Workspace& ws) const;
  // Draws the style's share of every sweep of data's last update() (older
  // sweeps dimmed); returns the number of points drawn.
  size_t draw_points(const core::Mat4& view_proj, render::PointStyle style);
  // The same into the splatter's words (older sweeps marked dim).
  size_t splat_points(const core::Mat4& view_proj, const render::PointStyle& style);
  // The active cuboid's points, in full (data.focus()).
  void draw_focus_points(const core::Mat4& view_proj, render::PointStyle style);
};

// Adds every visible cuboid of the current frame to `batch`, styled like the
// image overlays (class colour; selected lighter and wider; interpolated and
// pre-labels fainter). `only` >= 0 adds just that object. With `cull_view_proj`,
// cuboids wholly outside that view's frustum are left out.
void add_frame_cuboids(Workspace& ws, render::LineBatch& batch, core::ObjectId only = -1,
                       float width_scale = 1.0f, const core::Mat4* cull_view_proj = nullptr);
// True when every corner of `c` is beyond one and the same clip plane of
// `view_proj` (the box cannot cover a pixel).
bool cuboid_outside_view(const core::Cuboid& c, const core::Mat4& view_proj);

}  // namespace vantage::gui
