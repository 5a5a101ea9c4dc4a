#include "core/geometry/polygon_iou.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/geometry/convex_polygon.h"

namespace vantage::core {

namespace {

double cross(const Vec2& a, const Vec2& b) {
  return a.x * b.y - a.y * b.x;
}

struct Edge {
  Vec2 p, q;
};

// Directed edges with the region on their left: outer ring counter-clockwise,
// holes clockwise. Coordinates relative to `origin`.
std::vector<Edge> region_edges(const Polygon& poly, const Vec2& origin) {
  std::vector<Edge> edges;
  auto add_ring = [&](const std::vector<Vec2>& ring, bool want_ccw) {
    if (ring.size() < 3) return;
    const double a = signed_area(ring);
    if (a == 0) return;
    const bool reverse = (a > 0) != want_ccw;
    const size_t n = ring.size();
    for (size_t i = 0; i < n; ++i) {
      Vec2 p = ring[i] - origin, q = ring[(i + 1) % n] - origin;
      if (reverse) std::swap(p, q);
      if (p != q) edges.push_back({p, q});
    }
  };
  add_ring(poly.points, true);
  for (const auto& h : poly.holes)
    add_ring(h, false);
  return edges;
}

// Even-odd crossing test over all rings (holes included).
bool inside(const std::vector<Edge>& edges, const Vec2& m) {
  bool in = false;
  for (const Edge& e : edges) {
    if ((e.p.y > m.y) != (e.q.y > m.y)) {
      const double x = e.p.x + (m.y - e.p.y) * (e.q.x - e.p.x) / (e.q.y - e.p.y);
      if (m.x < x) in = !in;
    }
  }
  return in;
}

// Distance from m to segment e.
double distance_to(const Edge& e, const Vec2& m) {
  const Vec2 d = e.q - e.p;
  const double t = std::clamp(glm::dot(m - e.p, d) / glm::dot(d, d), 0.0, 1.0);
  return glm::length(m - (e.p + d * t));
}

// Twice the signed area contributed by the pieces of `edges` that bound
// `edges` ∩ `other`. Pieces lying on an equally directed edge of `other` count
// only when `count_shared` (so they are counted once over both passes).
double boundary_inside(const std::vector<Edge>& edges, const std::vector<Edge>& other, double eps,
                       bool count_shared) {
  double sum = 0.0;
  std::vector<double> ts;
  for (const Edge& e : edges) {
    const Vec2 d = e.q - e.p;
    const double len = glm::length(d);
    ts.assign({0.0, 1.0});
    for (const Edge& f : other) {
      const Vec2 g = f.q - f.p;
      const double denom = cross(d, g);
      const Vec2 r = f.p - e.p;
      if (std::abs(denom) > 1e-12 * len * glm::length(g)) {
        const double t = cross(r, g) / denom;
        const double u = cross(r, d) / denom;
        const double tol = eps / glm::length(g);
        if (t > 0 && t < 1 && u >= -tol && u <= 1 + tol) ts.push_back(t);
      } else if (std::abs(cross(d, r)) / len < eps) {
        // Collinear: split at the other edge's end points.
        for (const Vec2& v : {f.p, f.q}) {
          const double t = glm::dot(v - e.p, d) / (len * len);
          if (t > 0 && t < 1) ts.push_back(t);
        }
      }
    }
    std::sort(ts.begin(), ts.end());
    for (size_t i = 0; i + 1 < ts.size(); ++i) {
      if ((ts[i + 1] - ts[i]) * len <= eps) continue;
      const Vec2 a = e.p + d * ts[i], b = e.p + d * ts[i + 1];
      const Vec2 m = (a + b) * 0.5;
      bool on_boundary = false, same_direction = false;
      for (const Edge& f : other) {
        if (distance_to(f, m) < eps) {
          on_boundary = true;
          same_direction = glm::dot(f.q - f.p, d) > 0;
          break;
        }
      }
      const bool counts = on_boundary ? (same_direction && count_shared) : inside(other, m);
      if (counts) sum += cross(a, b);
    }
  }
  return sum;
}

Vec2 first_point(const Polygon& p) {
  return p.points.empty() ? Vec2{0.0} : p.points.front();
}

double extent(const Polygon& p, const Vec2& origin) {
  double s = 0.0;
  for (const Vec2& v : p.points)
    s = std::max({s, std::abs(v.x - origin.x), std::abs(v.y - origin.y)});
  return s;
}

}  // namespace

double polygon_area(const Polygon& p) {
  double a = polygon_area(p.points);
  for (const auto& h : p.holes)
    a -= polygon_area(h);
  return std::max(0.0, a);
}

double polygon_intersection_area(const Polygon& a, const Polygon& b) {
  if (polygon_area(a) <= 0 || polygon_area(b) <= 0) return 0.0;
  const Vec2 origin = first_point(a);
  // Tolerance for "on the other boundary": relative to the size of the scene.
  const double eps = 1e-9 * std::max({extent(a, origin), extent(b, origin), 1.0});
  const std::vector<Edge> ea = region_edges(a, origin), eb = region_edges(b, origin);
  const double twice = boundary_inside(ea, eb, eps, true) + boundary_inside(eb, ea, eps, false);
  return std::max(0.0, 0.5 * twice);
}

double polygon_iou(const Polygon& a, const Polygon& b) {
  const double aa = polygon_area(a), ab = polygon_area(b);
  if (aa <= 0 || ab <= 0) return 0.0;
  const double inter = std::min({polygon_intersection_area(a, b), aa, ab});
  const double uni = aa + ab - inter;
  return uni > 0 ? inter / uni : 0.0;
}

}  // namespace vantage::core
