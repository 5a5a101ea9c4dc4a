#pragma once
// A camera image as a GL texture. Uploads only when handed a different image
// (FrameData images are immutable and shared, so the pixel pointer plus size
// identifies one; the caller keeps the FrameData alive while it shows it).

#include <opencv2/core.hpp>

#include "render/gl_objects.h"

namespace vantage::render {

class ImageTexture {
 public:
  // BGR8, BGRA8 or 8-bit grey. Returns true when it uploaded.
  bool update(const cv::Mat& image);
  GLuint id() const { return tex_.id(); }
  int width() const { return width_; }
  int height() const { return height_; }
  bool valid() const { return bool(tex_) && width_ > 0; }
  size_t uploads() const { return uploads_; }
  void clear() {
    key_ = nullptr;
    width_ = height_ = 0;
  }

 private:
  Texture tex_;
  const void* key_ = nullptr;
  int width_ = 0, height_ = 0;
  size_t uploads_ = 0;
};

}  // namespace vantage::render
