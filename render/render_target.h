#pragma once
// An offscreen framebuffer: RGBA8 colour texture (shown with ImGui::Image)
// plus a depth renderbuffer. The 3D and detail views render into one each.

#include <opencv2/core.hpp>

#include "render/gl_objects.h"

namespace vantage::render {

class RenderTarget {
 public:
  RenderTarget() = default;
  // (Re)allocates storage when the size changes; cheap when it does not.
  void resize(int width, int height);
  int width() const { return width_; }
  int height() const { return height_; }
  bool valid() const { return bool(fbo_); }
  GLuint color_texture() const { return color_.id(); }
  GLuint framebuffer() const { return fbo_.id(); }

  // Binds the framebuffer and sets the viewport to its size; remembers the
  // previous framebuffer and viewport for end().
  void begin();
  void clear(float r, float g, float b, float a = 1.0f);
  void end();

  // Colour buffer as BGR8, top row first (what cv::imwrite expects).
  cv::Mat read_bgr() const;

 private:
  Framebuffer fbo_;
  Texture color_;
  Renderbuffer depth_;
  int width_ = 0, height_ = 0;
  GLint prev_fbo_ = 0;
  GLint prev_viewport_[4] = {0, 0, 0, 0};
};

}  // namespace vantage::render
