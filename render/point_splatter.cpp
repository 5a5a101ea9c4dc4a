#include "render/point_splatter.h"

#include <algorithm>

namespace vantage::render {

bool PointSplatter::supported() {
  return GLAD_GL_VERSION_4_3 != 0;
}

PointSplatter::PointSplatter()
    : splat_(ShaderProgram::compute_from_file("points_splat.comp")),
      resolve_(ShaderProgram::from_files("points_resolve.vert", "points_resolve.frag")) {
  u_mvp_ = splat_.uniform("u_mvp");
  u_model_ = splat_.uniform("u_model");
  u_first_ = splat_.uniform("u_first");
  u_count_ = splat_.uniform("u_count");
  u_size_ = splat_.uniform("u_size");
  u_mode_ = splat_.uniform("u_mode");
  u_height_ = splat_.uniform("u_height_range");
  u_intensity_ = splat_.uniform("u_intensity_scale");
  u_distance_ = splat_.uniform("u_max_distance");
  u_dim_ = splat_.uniform("u_dim");
  u_radius_ = splat_.uniform("u_radius");
  r_size_ = resolve_.uniform("u_size");
  r_dim_ = resolve_.uniform("u_dim");
  words_ = make_buffer();
  empty_vao_ = make_vertex_array();
}

void PointSplatter::resize(int width, int height) {
  width = std::max(1, width);
  height = std::max(1, height);
  if (width == width_ && height == height_) return;
  width_ = width;
  height_ = height;
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, words_.id());
  glBufferData(GL_SHADER_STORAGE_BUFFER, GLsizeiptr(size_t(width) * size_t(height) * 4), nullptr,
               GL_DYNAMIC_COPY);
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, 0);
  clear();
}

void PointSplatter::clear() {
  const GLuint empty = 0xffffffffu;
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, words_.id());
  glClearBufferData(GL_SHADER_STORAGE_BUFFER, GL_R32UI, GL_RED_INTEGER, GL_UNSIGNED_INT, &empty);
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, 0);
}

size_t PointSplatter::splat(PointSweep& sweep, const core::Mat4& view_proj,
                            const core::Mat4& model, const PointStyle& style, bool older) {
  const auto [first, last] = share_range(sweep.count_, style.begin, style.end);
  if (last <= first) return 0;
  splat_.use();
  const glm::mat4 mvp(view_proj * model);
  const glm::mat4 m(model);
  glUniformMatrix4fv(u_mvp_, 1, GL_FALSE, &mvp[0][0]);
  glUniformMatrix4fv(u_model_, 1, GL_FALSE, &m[0][0]);
  glUniform1ui(u_first_, GLuint(first));
  glUniform1ui(u_count_, GLuint(last - first));
  glUniform2i(u_size_, width_, height_);
  const int mode = style.mode == PointColorMode::PerPoint ? 0 : int(style.mode);
  glUniform1i(u_mode_, mode);
  glUniform2f(u_height_, style.height_range.x, style.height_range.y);
  glUniform1f(u_intensity_, sweep.intensity_scale_);
  glUniform1f(u_distance_, style.max_distance);
  glUniform1ui(u_dim_, older ? 1u : 0u);
  // Footprint like GL_POINTS of that size: 1 px, 2x2, 3x3, ...
  const int size = std::max(1, int(style.point_size + 0.5f));
  glUniform1i(u_radius_, size == 1 ? 0 : size == 2 ? -1 : size / 2);
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 0, sweep.points_.id());
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 1, words_.id());
  glDispatchCompute(GLuint((last - first + 255) / 256), 1, 1);
  return last - first;
}

void PointSplatter::resolve(float dim) {
  glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT);
  resolve_.use();
  glUniform2i(r_size_, width_, height_);
  glUniform1f(r_dim_, dim);
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 1, words_.id());
  glBindVertexArray(empty_vao_.id());
  glDisable(GL_BLEND);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_ALWAYS);
  glDepthMask(GL_TRUE);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glDepthFunc(GL_LEQUAL);
  glBindVertexArray(0);
}

}  // namespace vantage::render
