#include "render/line_renderer.h"

#include <cmath>

#include "core/geometry/cuboid_geometry.h"

namespace vantage::render {

void LineBatch::add_line(const core::Vec3& a, const core::Vec3& b, uint32_t color, float width) {
  vertices_.push_back({glm::vec3(a), color, width});
  vertices_.push_back({glm::vec3(b), color, width});
}

void LineBatch::add_cuboid(const core::Cuboid& c, uint32_t color, float width, bool heading) {
  const std::array<core::Vec3, 8> k = core::cuboid_corners(c);
  for (const auto& e : core::kCuboidEdges)
    add_line(k[size_t(e[0])], k[size_t(e[1])], color, width);
  if (!heading) return;
  // Front face: corners 0, 1, 5, 4. A cross marks it even when seen edge-on
  // from above, and the top line shows the heading in the bird's-eye view.
  add_line(k[0], k[5], color, width);
  add_line(k[1], k[4], color, width);
  const core::Vec3 top_center = 0.25 * (k[4] + k[5] + k[6] + k[7]);
  add_line(top_center, 0.5 * (k[4] + k[5]), color, width);
}

void LineBatch::add_grid(const core::Vec3& center, double half_extent, double spacing, double z,
                         uint32_t color, uint32_t major_color, int major) {
  if (spacing <= 0 || half_extent <= 0) return;
  const int n = int(std::ceil(half_extent / spacing));
  const double cx = std::round(center.x / (spacing * major)) * spacing * major;
  const double cy = std::round(center.y / (spacing * major)) * spacing * major;
  const double ext = n * spacing;
  for (int i = -n; i <= n; ++i) {
    const uint32_t col = (i % major == 0) ? major_color : color;
    const double o = i * spacing;
    add_line({cx + o, cy - ext, z}, {cx + o, cy + ext, z}, col, 1.0f);
    add_line({cx - ext, cy + o, z}, {cx + ext, cy + o, z}, col, 1.0f);
  }
}

LineRenderer::LineRenderer() : program_(ShaderProgram::from_files("lines.vert", "lines.frag")) {
  u_mvp_ = program_.uniform("u_mvp");
  u_viewport_ = program_.uniform("u_viewport");
  vao_ = make_vertex_array();
  vbo_ = make_buffer();
  glBindVertexArray(vao_.id());
  glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
  // One instance per segment: attributes 0-2 read its first vertex, 3-5 its
  // second, stepping two LineVertex per instance.
  constexpr GLsizei kStride = 2 * sizeof(LineVertex);
  for (GLuint end = 0; end < 2; ++end) {
    const size_t base = end * sizeof(LineVertex);
    const GLuint loc = end * 3;
    glEnableVertexAttribArray(loc);
    glVertexAttribPointer(loc, 3, GL_FLOAT, GL_FALSE, kStride,
                          reinterpret_cast<void*>(base + offsetof(LineVertex, position)));
    glEnableVertexAttribArray(loc + 1);
    glVertexAttribPointer(loc + 1, 4, GL_UNSIGNED_BYTE, GL_TRUE, kStride,
                          reinterpret_cast<void*>(base + offsetof(LineVertex, color)));
    glEnableVertexAttribArray(loc + 2);
    glVertexAttribPointer(loc + 2, 1, GL_FLOAT, GL_FALSE, kStride,
                          reinterpret_cast<void*>(base + offsetof(LineVertex, width)));
    for (GLuint a = loc; a < loc + 3; ++a)
      glVertexAttribDivisor(a, 1);
  }
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void LineRenderer::draw(const LineBatch& batch, const core::Mat4& view_proj, int viewport_width,
                        int viewport_height, bool depth_test) {
  const auto& v = batch.vertices();
  if (v.empty()) return;
  glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
  const size_t bytes = v.size() * sizeof(LineVertex);
  if (bytes > capacity_) {
    capacity_ = bytes * 2;
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(capacity_), nullptr, GL_STREAM_DRAW);
  }
  glBufferSubData(GL_ARRAY_BUFFER, 0, GLsizeiptr(bytes), v.data());
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  program_.use();
  const glm::mat4 mvp(view_proj);
  glUniformMatrix4fv(u_mvp_, 1, GL_FALSE, &mvp[0][0]);
  glUniform2f(u_viewport_, float(viewport_width), float(viewport_height));
  if (depth_test) {
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
  } else {
    glDisable(GL_DEPTH_TEST);
  }
  glEnable(GL_BLEND);
  glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
  glBindVertexArray(vao_.id());
  glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, GLsizei(v.size() / 2));
  glBindVertexArray(0);
}

}  // namespace vantage::render
