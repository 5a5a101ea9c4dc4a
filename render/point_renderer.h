#pragma once
// LiDAR sweeps on the GPU. A PointSweep holds one sweep's points (uploaded
// once when the frame changes, never per draw) and optional per-point
// colours (class of the containing cuboid, re-uploaded when annotations
// change). PointRenderer draws sweeps with a model matrix each, so the last
// N sweeps accumulate through the ego poses without re-uploading.
//
// Level of detail: a sweep uploaded with a progressive order (every prefix a
// uniform subsample, core/geometry/progressive_order.h) is stored in that
// order, and a draw takes any range of it: a prefix while the camera moves
// (as many points as the frame-time budget allows), then the following
// ranges on top of the same image until the whole sweep is in.

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include <glm/glm.hpp>

#include "core/model/math.h"
#include "render/gl_objects.h"
#include "render/shader_program.h"

namespace vantage::render {

enum class PointColorMode { Height = 0, Intensity = 1, Distance = 2, PerPoint = 3 };

struct PointStyle {
  PointColorMode mode = PointColorMode::Height;
  float point_size = 2.0f;
  glm::vec2 height_range{-2.0f, 3.0f};  // vehicle z at the ends of the ramp
  float max_distance = 60.0f;           // metres at the far end of the ramp
  float dim = 0.0f;                     // 0..1 darkening
  // Share of each sweep drawn: points [begin * n, end * n) of its stored
  // (progressive) order. [0, 1) is everything.
  double begin = 0.0, end = 1.0;
};

class PointSweep {
 public:
  // Points x y z intensity in the sweep's own frame, stored in `order` (a
  // permutation of 0..count-1) when given, else as they come.
  void upload(const glm::vec4* points, size_t count, const std::vector<uint32_t>* order = nullptr);
  // RGBA8 per point in the points' original order (0xAABBGGRR in memory
  // order R,G,B,A); alpha 0 = none. Stored in the upload's order. Empty
  // clears them (all "none").
  void upload_colors(const std::vector<uint32_t>& rgba);
  size_t size() const { return count_; }
  float intensity_scale() const { return intensity_scale_; }
  size_t uploads() const { return uploads_; }
  size_t color_uploads() const { return color_uploads_; }

 private:
  friend class PointRenderer;
  friend class PointSplatter;
  VertexArray vao_;
  Buffer points_;
  Buffer colors_;
  size_t count_ = 0;
  size_t color_count_ = 0;
  float intensity_scale_ = 1.0f;
  size_t uploads_ = 0, color_uploads_ = 0;
  bool layout_has_colors_ = false;
  bool layout_bound_ = false;
  std::vector<uint32_t> order_;  // the upload's order (empty: identity)
};

class PointRenderer {
 public:
  PointRenderer();  // needs a current GL context (compiles its shaders)
  // view_proj: vehicle(f) -> clip; model: sweep frame -> vehicle(f).
  // Draws the [style.begin, style.end) share of the sweep's points; returns
  // how many points that was.
  size_t draw(PointSweep& sweep, const core::Mat4& view_proj, const core::Mat4& model,
              const PointStyle& style);

 private:
  ShaderProgram program_;
  GLint u_mvp_, u_model_, u_mode_, u_size_, u_height_, u_intensity_, u_distance_, u_dim_;
};

// Index range [first, last) of a `share` [begin, end) of n points: shares
// that meet give ranges that meet (no point twice, none skipped).
inline std::pair<size_t, size_t> share_range(size_t n, double begin, double end) {
  auto at = [n](double f) {
    return f <= 0.0 ? size_t(0) : f >= 1.0 ? n : std::min(n, size_t(f * double(n) + 0.5));
  };
  return {at(begin), at(end)};
}

}  // namespace vantage::render
