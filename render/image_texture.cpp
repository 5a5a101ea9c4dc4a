#include "render/image_texture.h"

#include <opencv2/imgproc.hpp>

namespace vantage::render {

bool ImageTexture::update(const cv::Mat& image) {
  if (image.empty()) {
    clear();
    return false;
  }
  if (image.data == key_ && image.cols == width_ && image.rows == height_) return false;
  cv::Mat src = image;
  if (!src.isContinuous()) src = src.clone();
  GLenum format = GL_BGR;
  if (src.type() == CV_8UC1) {
    format = GL_RED;
  } else if (src.type() == CV_8UC4) {
    format = GL_BGRA;
  } else if (src.type() != CV_8UC3) {
    cv::Mat converted;
    src.convertTo(converted, CV_8U);
    if (converted.channels() == 1) cv::cvtColor(converted, converted, cv::COLOR_GRAY2BGR);
    src = converted;
  }
  if (!tex_) tex_ = make_texture();
  GLint prev = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &prev);
  glBindTexture(GL_TEXTURE_2D, tex_.id());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, src.cols, src.rows, 0, format, GL_UNSIGNED_BYTE,
               src.data);
  // Zoomed in, annotators want to see pixels; zoomed out, smooth.
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  if (format == GL_RED) {
    const GLint swizzle[4] = {GL_RED, GL_RED, GL_RED, GL_ONE};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
  } else {
    const GLint swizzle[4] = {GL_RED, GL_GREEN, GL_BLUE, GL_ALPHA};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
  }
  glBindTexture(GL_TEXTURE_2D, GLuint(prev));
  key_ = image.data;
  width_ = image.cols;
  height_ = image.rows;
  ++uploads_;
  return true;
}

}  // namespace vantage::render
