#include "core/geometry/ignore_coverage.h"

#include <algorithm>
#include <cmath>

#include "core/geometry/polygon_iou.h"

namespace vantage::core {

namespace {

Polygon box_polygon(const Box2D& b) {
  return Polygon{{{b.x1, b.y1}, {b.x2, b.y1}, {b.x2, b.y2}, {b.x1, b.y2}}, {}};
}

// Area of the set pixels of a column-major RLE inside `box` (pixel (c, r)
// covers [c, c+1) x [r, r+1), partially covered pixels count by their share).
double mask_area_in_box(const RleMask& m, const Box2D& box) {
  if (m.height <= 0 || m.width <= 0) return 0.0;
  const double h = m.height;
  double area = 0.0;
  uint64_t pos = 0;
  // Overlap of [a, a+1) with [lo, hi).
  auto span = [](double a, double lo, double hi) {
    return std::max(0.0, std::min(a + 1.0, hi) - std::max(a, lo));
  };
  for (size_t i = 0; i < m.counts.size(); ++i) {
    const uint64_t n = m.counts[i];
    if (i % 2 == 1) {
      for (uint64_t p = pos; p < pos + n;) {
        const uint64_t col = p / static_cast<uint64_t>(m.height);
        const uint64_t row0 = p % static_cast<uint64_t>(m.height);
        const uint64_t col_end = (col + 1) * static_cast<uint64_t>(m.height);
        const uint64_t stop = std::min(pos + n, col_end);
        const uint64_t row1 = row0 + (stop - p);  // exclusive
        const double wx = span(static_cast<double>(col), box.x1, box.x2);
        if (wx > 0) {
          const double lo = std::max(static_cast<double>(row0), box.y1);
          const double hi = std::min(static_cast<double>(row1), std::min(box.y2, h));
          if (hi > lo) area += wx * (hi - lo);
        }
        p = stop;
      }
    }
    pos += n;
  }
  return area;
}

}  // namespace

double ignore_coverage(const IgnoreRegion& region, const Box2D& box) {
  const double a = box.area();
  if (!(a > 0)) return 0.0;
  double inside = 0.0;
  if (const auto* r = std::get_if<Box2D>(&region.geometry)) {
    const double w = std::min(r->x2, box.x2) - std::max(r->x1, box.x1);
    const double h = std::min(r->y2, box.y2) - std::max(r->y1, box.y1);
    inside = w > 0 && h > 0 ? w * h : 0.0;
  } else if (const auto* p = std::get_if<Polygon>(&region.geometry)) {
    inside = polygon_intersection_area(*p, box_polygon(box));
  } else {
    inside = mask_area_in_box(std::get<RleMask>(region.geometry), box);
  }
  return std::clamp(inside / a, 0.0, 1.0);
}

bool ignored_by_regions(const std::vector<IgnoreRegion>& regions, const std::string& sensor,
                        const Box2D& box, double min_coverage) {
  for (const IgnoreRegion& r : regions)
    if (r.sensor == sensor && ignore_coverage(r, box) > min_coverage) return true;
  return false;
}

}  // namespace vantage::core
