#pragma once
// Points drawn by a compute shader instead of GL_POINTS (shaders/
// points_splat.comp): every point is projected and atomicMin'ed into a
// per-pixel word (depth | colour), then one full-screen pass turns the words
// into colour and depth. Needs OpenGL 4.3 (compute shaders, storage
// buffers). On Mesa's llvmpipe it is several times faster than GL_POINTS;
// on GPUs the rasteriser is usually as fast, so the 3D view picks per
// platform (scene_view.cpp). Colours: the height, intensity and distance
// ramps (per-point class colours stay with PointRenderer).
//
// Accumulates like a depth buffer: splat() into the words several times
// (progressive level of detail), resolve() whenever a picture is wanted.

#include "render/point_renderer.h"

namespace vantage::render {

class PointSplatter {
 public:
  // Whether the current context can run it (GL 4.3 core).
  static bool supported();
  PointSplatter();  // compiles its shaders; throws ShaderError

  // Sizes the word buffer to the target (clearing it when the size
  // changes); clear() empties it.
  void resize(int width, int height);
  void clear();
  // Splats the [style.begin, style.end) share of the sweep; returns the
  // points splatted. PerPoint colour mode is not supported (height is used).
  size_t splat(PointSweep& sweep, const core::Mat4& view_proj, const core::Mat4& model,
               const PointStyle& style, bool older);
  // Draws the splatted points into the bound framebuffer: colour, and depth
  // for what is drawn after (wireframes); empty pixels are left alone.
  void resolve(float dim = 0.0f);

 private:
  ShaderProgram splat_, resolve_;
  Buffer words_;
  VertexArray empty_vao_;
  int width_ = 0, height_ = 0;
  GLint u_mvp_, u_model_, u_first_, u_count_, u_size_, u_mode_, u_height_, u_intensity_,
      u_distance_, u_dim_, u_radius_, r_size_, r_dim_;
};

}  // namespace vantage::render
