#include "core/formats/coco_rle.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "core/util/error.h"

namespace vantage::core {

std::optional<std::vector<uint32_t>> rle_counts_from_string(const std::string& s) {
  // pycocotools rleFrString: 5 bits per character (offset 48), bit 0x20 says
  // "more characters follow", bit 0x10 of the last one is the sign; from the
  // third run on, values are deltas against the run two places back.
  std::vector<int64_t> runs;
  size_t p = 0;
  while (p < s.size()) {
    int64_t x = 0;
    int k = 0;
    bool more = true;
    while (more) {
      if (p >= s.size() || k > 12) return std::nullopt;
      const int c = static_cast<unsigned char>(s[p]) - 48;
      if (c < 0 || c > 63) return std::nullopt;
      x |= static_cast<int64_t>(c & 0x1f) << (5 * k);
      more = (c & 0x20) != 0;
      ++p;
      ++k;
      if (!more && (c & 0x10)) x |= static_cast<int64_t>(-1) * (static_cast<int64_t>(1) << (5 * k));
    }
    if (runs.size() > 2) x += runs[runs.size() - 2];
    runs.push_back(x);
  }
  std::vector<uint32_t> out;
  out.reserve(runs.size());
  for (const int64_t r : runs) {
    if (r < 0 || r > UINT32_MAX) return std::nullopt;
    out.push_back(static_cast<uint32_t>(r));
  }
  return out;
}

cv::Mat rle_decode(const std::vector<uint32_t>& counts, int height, int width) {
  if (height <= 0 || width <= 0)
    throw Error(fmt::format("mask size {}x{} is not positive", width, height));
  const uint64_t total = static_cast<uint64_t>(height) * static_cast<uint64_t>(width);
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
