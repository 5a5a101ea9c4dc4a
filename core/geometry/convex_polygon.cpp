#include "core/geometry/convex_polygon.h"

#include <algorithm>

namespace vantage::core {

namespace {

double cross(const Vec2& a, const Vec2& b) {
  return a.x * b.y - a.y * b.x;
}

std::vector<Vec2> counter_clockwise(const std::vector<Vec2>& ring) {
  std::vector<Vec2> out = ring;
  if (signed_area(out) < 0) std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace

double signed_area(const std::vector<Vec2>& ring) {
  if (ring.size() < 3) return 0.0;
  // Relative to the first vertex: far from the origin the plain shoelace sum
  // cancels large products and loses digits.
  const Vec2 o = ring[0];
  double s = 0.0;
  for (size_t i = 1; i + 1 < ring.size(); ++i)
    s += cross(ring[i] - o, ring[i + 1] - o);
  return 0.5 * s;
}

std::vector<Vec2> clip_to_convex(const std::vector<Vec2>& subject, const std::vector<Vec2>& clip) {
  if (subject.size() < 3 || clip.size() < 3) return {};
  const std::vector<Vec2> c = counter_clockwise(clip);
  if (signed_area(c) <= 0) return {};
  std::vector<Vec2> out = counter_clockwise(subject);
  std::vector<Vec2> in;
  for (size_t e = 0; e < c.size() && !out.empty(); ++e) {
    const Vec2 a = c[e];
    const Vec2 ab = c[(e + 1) % c.size()] - a;
    in.swap(out);
    out.clear();
    // Keep the part left of (or on) the directed clip edge a->b.
    Vec2 prev = in.back();
    double dp = cross(ab, prev - a);
    for (const Vec2& cur : in) {
      const double dc = cross(ab, cur - a);
      if (dc >= 0) {
        if (dp < 0) out.push_back(prev + (cur - prev) * (dp / (dp - dc)));
        out.push_back(cur);
      } else if (dp > 0) {
        out.push_back(prev + (cur - prev) * (dp / (dp - dc)));
      }
      prev = cur;
      dp = dc;
    }
  }
  if (out.size() < 3) out.clear();
  return out;
}

double convex_intersection_area(const std::vector<Vec2>& a, const std::vector<Vec2>& b) {
  if (a.size() < 3 || b.size() < 3) return 0.0;
  // Work relative to a vertex of `a` so boxes 80 m from the sensor keep the
  // precision of boxes at the origin.
  const Vec2 o = a[0];
  std::vector<Vec2> la(a.size()), lb(b.size());
  for (size_t i = 0; i < a.size(); ++i)
    la[i] = a[i] - o;
  for (size_t i = 0; i < b.size(); ++i)
    lb[i] = b[i] - o;
  return polygon_area(clip_to_convex(la, lb));
}

}  // namespace vantage::core
