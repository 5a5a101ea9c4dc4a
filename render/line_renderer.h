#pragma once
// Batched coloured 3D lines (cuboid wireframes with heading markers, the
// ground grid, detail-view guides): collect with add_*, then one draw call.
// Widths are in pixels (the vertex shader expands each segment into a quad,
// one instance per segment, since the core profile has no wide lines) and segments are clipped at
// the near plane.

#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include "core/model/math.h"
#include "core/model/shape.h"
#include "render/gl_objects.h"
#include "render/shader_program.h"

namespace vantage::render {

// 0xAABBGGRR (memory order R, G, B, A), like ImGui's IM_COL32.
constexpr uint32_t rgba(int r, int g, int b, int a = 255) {
  return uint32_t(r) | (uint32_t(g) << 8) | (uint32_t(b) << 16) | (uint32_t(a) << 24);
}
// From a schema colour 0xRRGGBB.
constexpr uint32_t rgba_from_rgb(uint32_t rgb, int a = 255) {
  return rgba(int((rgb >> 16) & 0xff), int((rgb >> 8) & 0xff), int(rgb & 0xff), a);
}

struct LineVertex {
  glm::vec3 position;
  uint32_t color;
  float width;
};

class LineBatch {
 public:
  void clear() { vertices_.clear(); }
  void add_line(const core::Vec3& a, const core::Vec3& b, uint32_t color, float width = 1.5f);
  // 12 edges plus a heading marker: a cross on the front face and a line from
  // the centre of the top to the front.
  void add_cuboid(const core::Cuboid& c, uint32_t color, float width = 1.5f, bool heading = true);
  // Square grid on z = `z` around `center` (snapped to the spacing), every
  // `major`-th line brighter.
  void add_grid(const core::Vec3& center, double half_extent, double spacing, double z,
                uint32_t color, uint32_t major_color, int major = 5);
  const std::vector<LineVertex>& vertices() const { return vertices_; }
  size_t segments() const { return vertices_.size() / 2; }

 private:
  std::vector<LineVertex> vertices_;
};

class LineRenderer {
 public:
  LineRenderer();  // needs a current GL context
  // Uploads the batch (orphaning the buffer) and draws it. viewport_* is the
  // pixel size of the target, for the widths.
  void draw(const LineBatch& batch, const core::Mat4& view_proj, int viewport_width,
            int viewport_height, bool depth_test = true);

 private:
  ShaderProgram program_;
  VertexArray vao_;
  Buffer vbo_;
  size_t capacity_ = 0;
  GLint u_mvp_ = -1, u_viewport_ = -1;
};

}  // namespace vantage::render
