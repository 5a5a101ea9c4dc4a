#include "core/models/letterbox.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace vantage::core {

Letterbox make_letterbox(cv::Size source, cv::Size input, ResizeMode mode) {
  Letterbox lb;
  lb.source = source;
  lb.input = input;
  if (source.width <= 0 || source.height <= 0) return lb;
  if (mode == ResizeMode::Stretch) {
    lb.resized = input;
  } else {
    const double r = std::min(double(input.width) / source.width,
                              double(input.height) / source.height);
    lb.resized = {std::max(1, int(std::lround(source.width * r))),
                  std::max(1, int(std::lround(source.height * r)))};
    lb.resized.width = std::min(lb.resized.width, input.width);
    lb.resized.height = std::min(lb.resized.height, input.height);
    const double dw = (input.width - lb.resized.width) / 2.0;
    const double dh = (input.height - lb.resized.height) / 2.0;
    lb.left = int(std::lround(dw - 0.1));
    lb.top = int(std::lround(dh - 0.1));
  }
  lb.scale_x = double(lb.resized.width) / source.width;
  lb.scale_y = double(lb.resized.height) / source.height;
  return lb;
}

Box2D Letterbox::to_source(const Box2D& b) const {
  const Vec2 a = to_source(Vec2{b.x1, b.y1});
  const Vec2 c = to_source(Vec2{b.x2, b.y2});
  auto clamp = [](double v, double hi) { return std::clamp(v, 0.0, hi); };
  return {clamp(a.x, source.width), clamp(a.y, source.height), clamp(c.x, source.width),
          clamp(c.y, source.height)};
}

cv::Mat apply_letterbox(const cv::Mat& image, const Letterbox& lb, const cv::Scalar& pad) {
  cv::Mat resized;
  if (image.size() == lb.resized)
    resized = image;
  else
    cv::resize(image, resized, lb.resized, 0, 0, cv::INTER_LINEAR);
  if (lb.resized == lb.input) return resized;
  cv::Mat out;
  cv::copyMakeBorder(resized, out, lb.top, lb.input.height - lb.resized.height - lb.top, lb.left,
                     lb.input.width - lb.resized.width - lb.left, cv::BORDER_CONSTANT, pad);
  return out;
}

}  // namespace vantage::core
