#include "core/model/ignore_region.h"

#include <algorithm>
#include <limits>

namespace vantage::core {

namespace {
Box2D ring_bounds(const std::vector<Vec2>& ring) {
  if (ring.empty()) return {};
  Box2D b{std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
          std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
  for (const Vec2& p : ring) {
    b.x1 = std::min(b.x1, p.x), b.y1 = std::min(b.y1, p.y);
    b.x2 = std::max(b.x2, p.x), b.y2 = std::max(b.y2, p.y);
  }
  return b;
}
}  // namespace

Box2D IgnoreRegion::bounds() const {
  if (const auto* b = std::get_if<Box2D>(&geometry)) return *b;
  if (const auto* p = std::get_if<Polygon>(&geometry)) return ring_bounds(p->points);
  return std::get<RleMask>(geometry).bounds();
}

const char* IgnoreRegion::kind_name() const {
  switch (geometry.index()) {
    case 0:
      return "box";
    case 1:
      return "polygon";
    default:
      return "mask";
  }
}

}  // namespace vantage::core
