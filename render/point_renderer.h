#pragma once
// LiDAR sweeps on the GPU. A PointSweep holds one sweep's points (uploaded
// once when the frame changes, never per draw) and optional per-point
// colours (class of the containing cuboid, re-uploaded when annotations
// change). PointRenderer draws sweeps with a model matrix each, so the last
// N sweeps accumulate through the ego poses without re-uploading, and with a
// stride for level of detail while the camera moves.

#include <cstdint>
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
  int stride = 1;                       // draw every stride-th point (LOD)
};

class PointSweep {
 public:
  // Points x y z intensity in the sweep's own frame.
  void upload(const glm::vec4* points, size_t count);
  // RGBA8 per point (0xAABBGGRR in memory order R,G,B,A); alpha 0 = none.
  // Empty clears them (all "none").
  void upload_colors(const std::vector<uint32_t>& rgba);
  size_t size() const { return count_; }
  float intensity_scale() const { return intensity_scale_; }
  size_t uploads() const { return uploads_; }
  size_t color_uploads() const { return color_uploads_; }

 private:
  friend class PointRenderer;
  VertexArray vao_;
  Buffer points_;
  Buffer colors_;
  size_t count_ = 0;
  size_t color_count_ = 0;
  float intensity_scale_ = 1.0f;
  size_t uploads_ = 0, color_uploads_ = 0;
  int bound_stride_ = -1;
};

class PointRenderer {
 public:
  PointRenderer();  // needs a current GL context (compiles its shaders)
  // view_proj: vehicle(f) -> clip; model: sweep frame -> vehicle(f).
  void draw(PointSweep& sweep, const core::Mat4& view_proj, const core::Mat4& model,
            const PointStyle& style);

 private:
  ShaderProgram program_;
  GLint u_mvp_, u_model_, u_mode_, u_size_, u_height_, u_intensity_, u_distance_, u_dim_;
};

// Stride that keeps at most `budget` points of `total` (1 when under it).
inline int lod_stride(size_t total, size_t budget) {
  return total <= budget || budget == 0 ? 1 : int((total + budget - 1) / budget);
}

}  // namespace vantage::render
