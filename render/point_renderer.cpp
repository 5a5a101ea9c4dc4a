#include "render/point_renderer.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace vantage::render {

namespace {

void bind_layout(GLuint vao, GLuint points, GLuint colors, bool has_colors) {
  glBindVertexArray(vao);
  glBindBuffer(GL_ARRAY_BUFFER, points);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 4, GL_FLOAT, GL_FALSE, GLsizei(sizeof(glm::vec4)), nullptr);
  if (has_colors) {
    glBindBuffer(GL_ARRAY_BUFFER, colors);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, 4, nullptr);
  } else {
    glDisableVertexAttribArray(1);
    glVertexAttrib4f(1, 0.f, 0.f, 0.f, 0.f);
  }
}

}  // namespace

void PointSweep::upload(const glm::vec4* points, size_t count, const std::vector<uint32_t>* order) {
  if (!vao_) {
    vao_ = make_vertex_array();
    points_ = make_buffer();
    colors_ = make_buffer();
  }
  glBindBuffer(GL_ARRAY_BUFFER, points_.id());
  if (order && order->size() == count) {
    order_ = *order;
    std::vector<glm::vec4> shuffled(count);
    for (size_t i = 0; i < count; ++i) shuffled[i] = points[order_[i]];
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(count * sizeof(glm::vec4)), shuffled.data(),
                 GL_STATIC_DRAW);
  } else {
    order_.clear();
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(count * sizeof(glm::vec4)), points, GL_STATIC_DRAW);
  }
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  count_ = count;
  color_count_ = 0;
  layout_bound_ = false;
  // Intensity ranges differ per dataset (KITTI 0..1, nuScenes 0..255): scale
  // by a high percentile-ish bound of this sweep (max, ignoring the top few).
  float max_i = 0.0f;
  for (size_t i = 0; i < count; i += 7)
    max_i = std::max(max_i, points[i].w);
  intensity_scale_ = max_i > 1.5f ? 1.0f / std::max(1.0f, std::min(max_i, 100.0f)) : 1.0f;
  ++uploads_;
}

void PointSweep::upload_colors(const std::vector<uint32_t>& rgba) {
  if (!vao_) return;
  if (rgba.size() != count_) {
    color_count_ = 0;
    layout_bound_ = false;
    return;
  }
  glBindBuffer(GL_ARRAY_BUFFER, colors_.id());
  if (!order_.empty()) {
    std::vector<uint32_t> shuffled(rgba.size());
    for (size_t i = 0; i < rgba.size(); ++i) shuffled[i] = rgba[order_[i]];
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(shuffled.size() * 4), shuffled.data(),
                 GL_DYNAMIC_DRAW);
  } else {
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(rgba.size() * 4), rgba.data(), GL_DYNAMIC_DRAW);
  }
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  color_count_ = rgba.size();
  layout_bound_ = false;
  ++color_uploads_;
}

PointRenderer::PointRenderer() : program_(ShaderProgram::from_files("points.vert", "points.frag")) {
  u_mvp_ = program_.uniform("u_mvp");
  u_model_ = program_.uniform("u_model");
  u_mode_ = program_.uniform("u_mode");
  u_size_ = program_.uniform("u_point_size");
  u_height_ = program_.uniform("u_height_range");
  u_intensity_ = program_.uniform("u_intensity_scale");
  u_distance_ = program_.uniform("u_max_distance");
  u_dim_ = program_.uniform("u_dim");
}

size_t PointRenderer::draw(PointSweep& sweep, const core::Mat4& view_proj,
                           const core::Mat4& model, const PointStyle& style) {
  const auto [first, last] = share_range(sweep.count_, style.begin, style.end);
  if (last <= first) return 0;
  const bool has_colors = sweep.color_count_ == sweep.count_;
  if (!sweep.layout_bound_ || sweep.layout_has_colors_ != has_colors) {
    bind_layout(sweep.vao_.id(), sweep.points_.id(), sweep.colors_.id(), has_colors);
    sweep.layout_bound_ = true;
    sweep.layout_has_colors_ = has_colors;
  } else {
    glBindVertexArray(sweep.vao_.id());
    if (!has_colors) glVertexAttrib4f(1, 0.f, 0.f, 0.f, 0.f);
  }
  program_.use();
  // Compose in double (world-scale translations cancel here), then hand the
  // GPU a float matrix of sensor-scale numbers.
  const glm::mat4 mvp(view_proj * model);
  const glm::mat4 m(model);
  glUniformMatrix4fv(u_mvp_, 1, GL_FALSE, &mvp[0][0]);
  glUniformMatrix4fv(u_model_, 1, GL_FALSE, &m[0][0]);
  glUniform1i(u_mode_, int(style.mode));
  glUniform1f(u_size_, style.point_size);
  glUniform2f(u_height_, style.height_range.x, style.height_range.y);
  glUniform1f(u_intensity_, sweep.intensity_scale_);
  glUniform1f(u_distance_, style.max_distance);
  glUniform1f(u_dim_, style.dim);
  glEnable(GL_PROGRAM_POINT_SIZE);
  // Points are opaque: blending left on by the line pass or ImGui would make
  // software GL read back every covered pixel.
  glDisable(GL_BLEND);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LEQUAL);
  glDrawArrays(GL_POINTS, GLint(first), GLsizei(last - first));
  glBindVertexArray(0);
  return last - first;
}

}  // namespace vantage::render
