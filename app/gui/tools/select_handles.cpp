#include "app/gui/tools/select_handles.h"

#include <algorithm>
#include <cmath>

#include "app/gui/tools/tool_common.h"

namespace vantage::gui::tools {

namespace {

float screen_dist(ImVec2 a, ImVec2 b) {
  return std::hypot(a.x - b.x, a.y - b.y);
}

std::vector<core::Vec2>* ring_of(core::Geometry& g, int ring) {
  if (auto* p = std::get_if<core::Polygon>(&g)) {
    if (ring < 0) return &p->points;
    return ring < int(p->holes.size()) ? &p->holes[ring] : nullptr;
  }
  if (auto* l = std::get_if<core::Polyline>(&g)) return ring < 0 ? &l->points : nullptr;
  return nullptr;
}

// Rings of a polygon (outer -1, holes 0..) or a polyline (-1), and whether closed.
std::vector<std::pair<int, const std::vector<core::Vec2>*>> rings(const core::Geometry& g,
                                                                  bool* closed) {
  std::vector<std::pair<int, const std::vector<core::Vec2>*>> out;
  if (const auto* p = std::get_if<core::Polygon>(&g)) {
    *closed = true;
    out.push_back({-1, &p->points});
    for (size_t i = 0; i < p->holes.size(); ++i)
      out.push_back({int(i), &p->holes[i]});
  } else if (const auto* l = std::get_if<core::Polyline>(&g)) {
    *closed = false;
    out.push_back({-1, &l->points});
  }
  return out;
}

}  // namespace

std::optional<Handle> find_handle(const core::Geometry& g, const ImageViewport& vp, ImVec2 s,
                                  float tol) {
  if (const auto* b = std::get_if<core::Box2D>(&g)) {
    const ImVec2 a = vp.to_screen({b->x1, b->y1}), c = vp.to_screen({b->x2, b->y2});
    const bool near_l = std::abs(s.x - a.x) <= tol, near_r = std::abs(s.x - c.x) <= tol;
    const bool near_t = std::abs(s.y - a.y) <= tol, near_b = std::abs(s.y - c.y) <= tol;
    const bool in_x = s.x >= a.x - tol && s.x <= c.x + tol;
    const bool in_y = s.y >= a.y - tol && s.y <= c.y + tol;
    if (!in_x || !in_y) return std::nullopt;
    Handle h;
    h.type = Handle::Type::BoxEdges;
    // The nearer of two edges when the box is only a few pixels wide.
    if (near_l && near_r)
      (std::abs(s.x - a.x) <= std::abs(s.x - c.x) ? h.left : h.right) = true;
    else
      h.left = near_l, h.right = near_r;
    if (near_t && near_b)
      (std::abs(s.y - a.y) <= std::abs(s.y - c.y) ? h.top : h.bottom) = true;
    else
      h.top = near_t, h.bottom = near_b;
    if (!h.left && !h.right && !h.top && !h.bottom) h.type = Handle::Type::Move;
    return h;
  }
  if (const auto* k = std::get_if<core::Keypoints>(&g)) {
    int best = -1;
    float bd = tol;
    for (size_t i = 0; i < k->points.size(); ++i) {
      if (k->points[i].visibility == 0) continue;
      const float d = screen_dist(vp.to_screen(k->points[i].position), s);
      if (d <= bd) bd = d, best = int(i);
    }
    if (best < 0) return std::nullopt;
    Handle h;
    h.type = Handle::Type::Keypoint;
    h.index = best;
    return h;
  }
  bool closed = false;
  const auto rs = rings(g, &closed);
  float bd = tol;
  std::optional<Handle> best;
  for (const auto& [ring, pts] : rs) {
    for (size_t i = 0; i < pts->size(); ++i) {
      const float d = screen_dist(vp.to_screen((*pts)[i]), s);
      if (d <= bd) {
        bd = d;
        best = Handle{Handle::Type::Vertex, false, false, false, false, ring, int(i)};
      }
    }
  }
  if (best) return best;
  if (find_edge(g, vp, s, tol)) return Handle{};
  if (const auto* p = std::get_if<core::Polygon>(&g)) {
    const core::Vec2 q = vp.to_image(s);
    bool inside = point_in_ring(q, p->points);
    for (const auto& h : p->holes)
      if (point_in_ring(q, h)) inside = false;
    if (inside) return Handle{};
  }
  return std::nullopt;
}

core::Geometry drag_handle(const core::Geometry& start, const Handle& h, const core::Vec2& d) {
  core::Geometry g = start;
  if (auto* b = std::get_if<core::Box2D>(&g)) {
    if (h.type == Handle::Type::Move) {
      b->x1 += d.x, b->x2 += d.x, b->y1 += d.y, b->y2 += d.y;
    } else {
      if (h.left) b->x1 += d.x;
      if (h.right) b->x2 += d.x;
      if (h.top) b->y1 += d.y;
      if (h.bottom) b->y2 += d.y;
      if (b->x1 > b->x2) std::swap(b->x1, b->x2);
      if (b->y1 > b->y2) std::swap(b->y1, b->y2);
    }
    return g;
  }
  if (auto* k = std::get_if<core::Keypoints>(&g)) {
    for (size_t i = 0; i < k->points.size(); ++i)
      if (h.type == Handle::Type::Move || int(i) == h.index) k->points[i].position += d;
    return g;
  }
  if (h.type == Handle::Type::Vertex) {
    if (auto* r = ring_of(g, h.ring); r && h.index < int(r->size())) (*r)[h.index] += d;
    return g;
  }
  if (h.type == Handle::Type::Move) {
    if (auto* p = std::get_if<core::Polygon>(&g)) {
      for (auto& v : p->points)
        v += d;
      for (auto& ring : p->holes)
        for (auto& v : ring)
          v += d;
    } else if (auto* l = std::get_if<core::Polyline>(&g)) {
      for (auto& v : l->points)
        v += d;
    }
  }
  return g;
}

std::optional<EdgePoint> find_edge(const core::Geometry& g, const ImageViewport& vp, ImVec2 s,
                                   float tol) {
  bool closed = false;
  const auto rs = rings(g, &closed);
  const core::Vec2 q = vp.to_image(s);
  const double tol_img = tol / std::max(1e-6, vp.zoom);
  double bd = tol_img;
  std::optional<EdgePoint> best;
  for (const auto& [ring, pts] : rs) {
    const size_t n = pts->size();
    const size_t edges = closed ? n : (n > 0 ? n - 1 : 0);
    for (size_t i = 0; i < edges && n >= 2; ++i) {
      const core::Vec2& a = (*pts)[i];
      const core::Vec2& b = (*pts)[(i + 1) % n];
      const double d = distance_to_segment(q, a, b);
      if (d <= bd) {
        bd = d;
        const core::Vec2 ab = b - a;
        const double len2 = glm::dot(ab, ab);
        const double t = len2 > 0 ? std::clamp(glm::dot(q - a, ab) / len2, 0.0, 1.0) : 0.0;
        best = EdgePoint{ring, int(i), a + t * ab};
      }
    }
  }
  return best;
}

bool insert_vertex(core::Geometry& g, const EdgePoint& e) {
  auto* r = ring_of(g, e.ring);
  if (!r || e.after < 0 || e.after >= int(r->size())) return false;
  r->insert(r->begin() + e.after + 1, e.point);
  return true;
}

bool delete_vertex(core::Geometry& g, int ring, int index) {
  auto* r = ring_of(g, ring);
  if (!r || index < 0 || index >= int(r->size())) return false;
  const bool polygon = std::holds_alternative<core::Polygon>(g);
  const size_t min = polygon ? 3 : 2;
  if (r->size() <= min) {
    if (polygon && ring >= 0) {  // a hole too small to be one goes away
      auto& holes = std::get<core::Polygon>(g).holes;
      holes.erase(holes.begin() + ring);
      return true;
    }
    return false;
  }
  r->erase(r->begin() + index);
  return true;
}

}  // namespace vantage::gui::tools
