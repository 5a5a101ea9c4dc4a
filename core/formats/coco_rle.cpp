#include "core/formats/coco_rle.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "core/util/error.h"

namespace vantage::core {

cv::Mat rle_decode(const std::vector<uint32_t>& counts, int height, int width) {
  if (height <= 0 || width <= 0)
    throw Error(fmt::format("mask size {}x{} is not positive", width, height));
  const uint64_t total = static_cast<uint64_t>(height) * static_cast<uint64_t>(width);
  // Sizes come from files: a 20-byte RLE may claim 65536 x 65536 pixels.
  if (total > kMaxMaskPixels)
    throw Error(fmt::format("mask size {}x{} is larger than any image ({} pixels at most)", width,
                            height, kMaxMaskPixels));
  uint64_t sum = 0;
  for (const uint32_t c : counts)
    sum += c;
  if (sum != total)
    throw Error(fmt::format("run lengths add up to {} pixels, the {}x{} mask has {}", sum, width,
                            height, total));
  // Column-major: decode into the transposed mask, then transpose.
  cv::Mat t(width, height, CV_8U, cv::Scalar(0));
  uint8_t* data = t.ptr<uint8_t>();
  uint64_t pos = 0;
  uint8_t value = 0;
  for (const uint32_t c : counts) {
    if (value) std::fill(data + pos, data + pos + c, uint8_t{1});
    pos += c;
    value ^= 1;
  }
  cv::Mat mask;
  cv::transpose(t, mask);
  return mask;
}

std::vector<uint32_t> rle_encode(const cv::Mat& mask) {
  CV_Assert(mask.type() == CV_8U);
  std::vector<uint32_t> counts;
  uint8_t value = 0;
  uint32_t run = 0;
  for (int c = 0; c < mask.cols; ++c)
    for (int r = 0; r < mask.rows; ++r) {
      const uint8_t v = mask.at<uint8_t>(r, c) ? 1 : 0;
      if (v != value) {
        counts.push_back(run);
        run = 0;
        value = v;
      }
      ++run;
    }
  counts.push_back(run);
  return counts;
}

cv::Mat polygon_to_mask(const Polygon& polygon, int height, int width) {
  cv::Mat mask(std::max(height, 0), std::max(width, 0), CV_8U, cv::Scalar(0));
  std::vector<const std::vector<Vec2>*> rings{&polygon.points};
  for (const auto& h : polygon.holes)
    rings.push_back(&h);
  std::vector<double> xs;
  for (int r = 0; r < mask.rows; ++r) {
    // Even-odd crossings of the row's pixel centres with every ring's edges
    // (half-open in y, so a vertex on the line counts once).
    const double y = r + 0.5;
    xs.clear();
    for (const auto* ring : rings) {
      const size_t n = ring->size();
      for (size_t i = 0; i < n; ++i) {
        const Vec2& a = (*ring)[i];
        const Vec2& b = (*ring)[(i + 1) % n];
        if ((a.y <= y) == (b.y <= y)) continue;
        xs.push_back(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
      }
    }
    std::sort(xs.begin(), xs.end());
    uint8_t* row = mask.ptr<uint8_t>(r);
    for (size_t i = 0; i + 1 < xs.size(); i += 2) {
      // Pixels whose centre c + 0.5 lies in [xs[i], xs[i+1]).
      const double lo = std::ceil(xs[i] - 0.5), hi = std::ceil(xs[i + 1] - 0.5);
      const int c0 = static_cast<int>(std::clamp(lo, 0.0, static_cast<double>(mask.cols)));
      const int c1 = static_cast<int>(std::clamp(hi, 0.0, static_cast<double>(mask.cols)));
      for (int c = c0; c < c1; ++c)
        row[c] = 1;
    }
  }
  return mask;
}

double ring_area(const std::vector<Vec2>& ring) {
  double a = 0;
  for (size_t i = 0, n = ring.size(); i < n; ++i) {
    const Vec2& p = ring[i];
    const Vec2& q = ring[(i + 1) % n];
    a += p.x * q.y - q.x * p.y;
  }
  return std::abs(a) * 0.5;
}

std::vector<Polygon> mask_to_polygons(const cv::Mat& mask) {
  std::vector<std::vector<cv::Point>> contours;
  std::vector<cv::Vec4i> hierarchy;
  cv::Mat work = mask.clone();
  cv::findContours(work, contours, hierarchy, cv::RETR_CCOMP, cv::CHAIN_APPROX_SIMPLE);
  auto to_ring = [](const std::vector<cv::Point>& c) {
    std::vector<Vec2> r;
    r.reserve(c.size());
    for (const cv::Point& p : c)
      r.push_back({p.x + 0.5, p.y + 0.5});
    return r;
  };
  std::vector<Polygon> out;
  for (size_t i = 0; i < contours.size(); ++i) {
    if (hierarchy[i][3] >= 0) continue;  // a hole: added with its parent
    Polygon poly;
    poly.points = to_ring(contours[i]);
    for (int child = hierarchy[i][2]; child >= 0; child = hierarchy[static_cast<size_t>(child)][0])
      if (contours[static_cast<size_t>(child)].size() >= 3)
        poly.holes.push_back(to_ring(contours[static_cast<size_t>(child)]));
    out.push_back(std::move(poly));
  }
  std::stable_sort(out.begin(), out.end(), [](const Polygon& a, const Polygon& b) {
    return ring_area(a.points) > ring_area(b.points);
  });
  return out;
}

}  // namespace vantage::core
