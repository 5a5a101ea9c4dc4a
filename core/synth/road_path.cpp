#include "core/synth/road_path.h"

#include <algorithm>
#include <cmath>

namespace vantage::core {

namespace {

double cross2(const Vec2& a, const Vec2& b) {
  return a.x * b.y - a.y * b.x;
}

}  // namespace

RoadPath::RoadPath(std::vector<Vec2> points) {
  // Drop repeated points: zero-length segments have no direction.
  for (const Vec2& p : points)
    if (points_.empty() || glm::length(p - points_.back()) > 1e-9) points_.push_back(p);
  arc_.resize(points_.size(), 0.0);
  for (size_t i = 1; i < points_.size(); ++i)
    arc_[i] = arc_[i - 1] + glm::length(points_[i] - points_[i - 1]);
  tangents_.resize(points_.size());
  for (size_t i = 0; i < points_.size() && points_.size() > 1; ++i)
    tangents_[i] = vertex_tangent(i);
  if (points_.size() > 1) {
    bucket_.resize(static_cast<size_t>(arc_.back()) + 2);
    size_t seg = 0;
    for (size_t m = 0; m < bucket_.size(); ++m) {
      while (seg + 2 < points_.size() && arc_[seg + 1] <= static_cast<double>(m))
        ++seg;
      bucket_[m] = static_cast<uint32_t>(seg);
    }
  }
  curvature_.assign(points_.size(), 0.0);
  for (size_t i = 1; i + 1 < points_.size(); ++i) {
    const Vec2 a = glm::normalize(points_[i] - points_[i - 1]);
    const Vec2 b = glm::normalize(points_[i + 1] - points_[i]);
    const double turn = std::atan2(cross2(a, b), glm::dot(a, b));
    curvature_[i] = turn / (0.5 * (arc_[i + 1] - arc_[i - 1]));
  }
}

RoadPath RoadPath::with_fillets(const std::vector<Vec2>& corners, const std::vector<double>& radii,
                                double step) {
  std::vector<Vec2> out;
  if (corners.empty()) return RoadPath(out);
  out.push_back(corners.front());
  for (size_t i = 1; i + 1 < corners.size(); ++i) {
    const double r = i < radii.size() ? radii[i] : 0.0;
    const Vec2 p = corners[i];
    const Vec2 din = glm::normalize(p - corners[i - 1]);
    const Vec2 dout = glm::normalize(corners[i + 1] - p);
    const double turn = std::atan2(cross2(din, dout), glm::dot(din, dout));
    if (r <= 0 || std::abs(turn) < 1e-6) {
      out.push_back(p);
      continue;
    }
    // Tangent points at distance r*tan(turn/2) from the corner, limited so
    // the arc fits the neighbouring segments.
    double t = r * std::tan(std::abs(turn) * 0.5);
    t = std::min({t, 0.5 * glm::length(p - corners[i - 1]), 0.5 * glm::length(corners[i + 1] - p)});
    const double rr = t / std::tan(std::abs(turn) * 0.5);
    const Vec2 a = p - din * t;
    const Vec2 left{-din.y, din.x};
    const double side = turn > 0 ? 1.0 : -1.0;
    const Vec2 centre = a + left * (rr * side);
    const double a0 = std::atan2(a.y - centre.y, a.x - centre.x);
    const int n = std::max(2, static_cast<int>(std::ceil(rr * std::abs(turn) / step)));
    for (int k = 0; k <= n; ++k) {
      const double ang = a0 + turn * k / n;
      out.push_back(centre + rr * Vec2{std::cos(ang), std::sin(ang)});
    }
  }
  out.push_back(corners.back());
  return RoadPath(std::move(out));
}

size_t RoadPath::segment_at(double s) const {
  if (points_.size() < 2) return 0;
  if (!(s > 0)) return 0;
  const size_t last = points_.size() - 2;
  if (s >= arc_[last + 1]) return last;
  // Start at the segment holding the whole metre below s and walk forward.
  size_t i = bucket_[std::min(bucket_.size() - 1, static_cast<size_t>(s))];
  while (i < last && arc_[i + 1] <= s)
    ++i;
  return i;
}

Vec2 RoadPath::vertex_tangent(size_t i) const {
  if (i == 0) return glm::normalize(points_[1] - points_[0]);
  if (i + 1 >= points_.size()) return glm::normalize(points_[i] - points_[i - 1]);
  const Vec2 t =
      glm::normalize(points_[i] - points_[i - 1]) + glm::normalize(points_[i + 1] - points_[i]);
  const double n = glm::length(t);
  return n > 1e-12 ? t / n : glm::normalize(points_[i + 1] - points_[i]);
}

Vec2 RoadPath::point(double s) const {
  if (points_.empty()) return Vec2{0.0};
  if (points_.size() == 1) return points_[0];
  s = std::clamp(s, 0.0, length());
  const size_t i = segment_at(s);
  const double len = arc_[i + 1] - arc_[i];
  const double u = len > 0 ? (s - arc_[i]) / len : 0.0;
  return points_[i] + (points_[i + 1] - points_[i]) * u;
}

Vec2 RoadPath::tangent(double s) const {
  if (points_.size() < 2) return {1.0, 0.0};
  s = std::clamp(s, 0.0, length());
  const size_t i = segment_at(s);
  const double len = arc_[i + 1] - arc_[i];
  const double u = len > 0 ? (s - arc_[i]) / len : 0.0;
  const Vec2 t = tangents_[i] * (1.0 - u) + tangents_[i + 1] * u;
  const double n = glm::length(t);
  return n > 1e-12 ? t / n : glm::normalize(points_[i + 1] - points_[i]);
}

double RoadPath::heading(double s) const {
  const Vec2 t = tangent(s);
  return std::atan2(t.y, t.x);
}

double RoadPath::curvature(double s) const {
  if (points_.size() < 3) return 0.0;
  s = std::clamp(s, 0.0, length());
  const size_t i = segment_at(s);
  const double len = arc_[i + 1] - arc_[i];
  const double u = len > 0 ? (s - arc_[i]) / len : 0.0;
  return curvature_[i] * (1.0 - u) + curvature_[i + 1] * u;
}

double RoadPath::max_curvature(double s0, double s1) const {
  if (points_.size() < 3) return 0.0;
  s0 = std::clamp(s0, 0.0, length());
  s1 = std::clamp(s1, 0.0, length());
  double m = std::max(std::abs(curvature(s0)), std::abs(curvature(s1)));
  for (size_t i = segment_at(s0) + 1; i < points_.size() && arc_[i] <= s1; ++i)
    m = std::max(m, std::abs(curvature_[i]));
  return m;
}

RoadPath::Projection RoadPath::project(const Vec2& p, double s_min, double s_max) const {
  Projection best;
  if (points_.size() < 2) return best;
  s_min = std::clamp(s_min, 0.0, length());
  s_max = std::clamp(s_max, 0.0, length());
  if (s_max < s_min) return best;
  const size_t i0 = segment_at(s_min);
  const size_t i1 = segment_at(s_max);
  double best_d2 = INFINITY;
  for (size_t i = i0; i <= i1; ++i) {
    const Vec2 a = points_[i], b = points_[i + 1];
    const Vec2 ab = b - a;
    const double len2 = glm::dot(ab, ab);
    double u = len2 > 0 ? glm::dot(p - a, ab) / len2 : 0.0;
    u = std::clamp(u, 0.0, 1.0);
    double s = arc_[i] + u * (arc_[i + 1] - arc_[i]);
    Vec2 q = a + ab * u;
    if (s < s_min || s > s_max) {
      s = std::clamp(s, s_min, s_max);
      q = point(s);
    }
    const double d2 = glm::dot(p - q, p - q);
    if (d2 < best_d2) {
      best_d2 = d2;
      best.s = s;
      best.d = cross2(ab, p - q) >= 0 ? std::sqrt(d2) : -std::sqrt(d2);
    }
  }
  best.distance = std::sqrt(best_d2);
  best.valid = true;
  return best;
}

RoadPath RoadPath::offset(double d) const {
  std::vector<Vec2> out;
  out.reserve(points_.size());
  for (size_t i = 0; i < points_.size(); ++i) {
    const Vec2 t = points_.size() > 1 ? tangents_[i] : Vec2{1.0, 0.0};
    out.push_back(points_[i] + Vec2{-t.y, t.x} * d);
  }
  return RoadPath(std::move(out));
}

RoadPath RoadPath::reversed() const {
  return RoadPath(std::vector<Vec2>(points_.rbegin(), points_.rend()));
}

RoadPath RoadPath::slice(double s0, double s1) const {
  std::vector<Vec2> out;
  if (points_.size() < 2) return RoadPath(out);
  s0 = std::clamp(s0, 0.0, length());
  s1 = std::clamp(s1, 0.0, length());
  out.push_back(point(s0));
  for (size_t i = 0; i < points_.size(); ++i)
    if (arc_[i] > s0 && arc_[i] < s1) out.push_back(points_[i]);
  out.push_back(point(s1));
  return RoadPath(std::move(out));
}

RoadPath RoadPath::joined(const RoadPath& other) const {
  std::vector<Vec2> out = points_;
  out.insert(out.end(), other.points_.begin(), other.points_.end());
  return RoadPath(std::move(out));
}

}  // namespace vantage::core
