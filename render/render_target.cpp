#include "render/render_target.h"

#include <stdexcept>

#include <opencv2/core.hpp>

namespace vantage::render {

void RenderTarget::resize(int width, int height) {
  width = std::max(1, width);
  height = std::max(1, height);
  if (fbo_ && width == width_ && height == height_) return;
  width_ = width;
  height_ = height;
  if (!fbo_) {
    fbo_ = make_framebuffer();
    color_ = make_texture();
    depth_ = make_renderbuffer();
  }
  GLint prev_tex = 0, prev_fbo = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &prev_tex);
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &prev_fbo);
  glBindTexture(GL_TEXTURE_2D, color_.id());
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindRenderbuffer(GL_RENDERBUFFER, depth_.id());
  glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, width, height);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_.id(), 0);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depth_.id());
  const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  glBindFramebuffer(GL_FRAMEBUFFER, GLuint(prev_fbo));
  glBindTexture(GL_TEXTURE_2D, GLuint(prev_tex));
  if (status != GL_FRAMEBUFFER_COMPLETE) {
    fbo_.reset();
    throw std::runtime_error("render target: framebuffer incomplete (status " +
                             std::to_string(status) + ")");
  }
}

void RenderTarget::begin() {
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &prev_fbo_);
  glGetIntegerv(GL_VIEWPORT, prev_viewport_);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
  glViewport(0, 0, width_, height_);
}

void RenderTarget::clear(float r, float g, float b, float a) {
  glDisable(GL_SCISSOR_TEST);
  glClearColor(r, g, b, a);
  glClearDepth(1.0);
  glDepthMask(GL_TRUE);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
}

void RenderTarget::end() {
  glBindFramebuffer(GL_FRAMEBUFFER, GLuint(prev_fbo_));
  glViewport(prev_viewport_[0], prev_viewport_[1], prev_viewport_[2], prev_viewport_[3]);
}

cv::Mat RenderTarget::read_bgr() const {
  cv::Mat img(height_, width_, CV_8UC3);
  if (!fbo_) return img;
  GLint prev = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &prev);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_.id());
  glReadBuffer(GL_COLOR_ATTACHMENT0);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  cv::Mat flipped(height_, width_, CV_8UC3);
  glReadPixels(0, 0, width_, height_, GL_BGR, GL_UNSIGNED_BYTE, flipped.data);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, GLuint(prev));
  // GL's first row is the bottom one.
  for (int y = 0; y < height_; ++y)
    flipped.row(height_ - 1 - y).copyTo(img.row(y));
  return img;
}

}  // namespace vantage::render
