#include "core/tracking/grabcut.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "core/util/error.h"

namespace vantage::core {

std::optional<Polygon> grabcut_polygon(const cv::Mat& image, const Box2D& box,
                                       const GrabCutOptions& options) {
  if (image.empty()) return std::nullopt;
  if (image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3))
    throw Error("GrabCut needs an 8-bit grey or colour image");
  cv::Mat bgr;
  if (image.channels() == 1) {
    cv::cvtColor(image, bgr, cv::COLOR_GRAY2BGR);
  } else {
    bgr = image;
  }
  const cv::Rect full(0, 0, bgr.cols, bgr.rows);
  const cv::Rect rect = cv::Rect(cv::Point(int(std::floor(box.x1)), int(std::floor(box.y1))),
                                 cv::Point(int(std::ceil(box.x2)), int(std::ceil(box.y2)))) &
                        full;
  if (rect.width < 3 || rect.height < 3) return std::nullopt;
  // Work on the box plus a margin: GrabCut's cost grows with the image.
  const int m = std::max(options.margin_px, 1);
  const cv::Rect roi =
      cv::Rect(rect.x - m, rect.y - m, rect.width + 2 * m, rect.height + 2 * m) & full;
  const cv::Rect local(rect.x - roi.x, rect.y - roi.y, rect.width, rect.height);
  cv::Mat mask(roi.size(), CV_8U, cv::Scalar(cv::GC_BGD)), bgd, fgd;
  mask(local).setTo(cv::GC_PR_FGD);
  if (options.core_prior) {
    const cv::Rect core(local.x + local.width * 2 / 5, local.y + local.height / 10,
                        std::max(1, local.width / 5), std::max(1, local.height * 8 / 10));
    mask(core).setTo(cv::GC_FGD);
  }
  cv::grabCut(bgr(roi), mask, local, bgd, fgd, std::max(options.iterations, 1),
              cv::GC_INIT_WITH_MASK);
  cv::Mat fg = (mask == cv::GC_FGD) | (mask == cv::GC_PR_FGD);
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(fg, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  if (contours.empty()) return std::nullopt;
  const auto largest = std::max_element(
      contours.begin(), contours.end(),
      [](const auto& a, const auto& b) { return cv::contourArea(a) < cv::contourArea(b); });
  std::vector<cv::Point> outline = *largest;
  if (options.simplify_px > 0) cv::approxPolyDP(*largest, outline, options.simplify_px, true);
  if (outline.size() < 3) return std::nullopt;
  Polygon poly;
  poly.points.reserve(outline.size());
  for (const cv::Point& p : outline)
    poly.points.push_back({p.x + roi.x + 0.5, p.y + roi.y + 0.5});
  return poly;
}

}  // namespace vantage::core
