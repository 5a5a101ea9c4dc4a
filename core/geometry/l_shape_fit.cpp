#include "core/geometry/l_shape_fit.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vantage::core {

namespace {

struct Projection {
  std::vector<double> c1, c2;
  double min1 = 0, max1 = 0, min2 = 0, max2 = 0;
};

void project(const std::vector<Vec2>& pts, double angle, Projection& p) {
  const double co = std::cos(angle), si = std::sin(angle);
  p.c1.resize(pts.size());
  p.c2.resize(pts.size());
  p.min1 = p.min2 = std::numeric_limits<double>::infinity();
  p.max1 = p.max2 = -std::numeric_limits<double>::infinity();
  for (size_t i = 0; i < pts.size(); ++i) {
    p.c1[i] = co * pts[i].x + si * pts[i].y;
    p.c2[i] = -si * pts[i].x + co * pts[i].y;
    p.min1 = std::min(p.min1, p.c1[i]), p.max1 = std::max(p.max1, p.c1[i]);
    p.min2 = std::min(p.min2, p.c2[i]), p.max2 = std::max(p.max2, p.c2[i]);
  }
}

// Per axis, the distances to whichever of its two edges the points are
// closer to overall (the visible face), as in Zhang et al.
void edge_distances(const std::vector<double>& c, double lo, double hi, std::vector<double>& d) {
  double to_lo = 0, to_hi = 0;
  for (double v : c)
    to_lo += (v - lo) * (v - lo), to_hi += (hi - v) * (hi - v);
  d.resize(c.size());
  const bool use_lo = to_lo <= to_hi;
  for (size_t i = 0; i < c.size(); ++i)
    d[i] = use_lo ? c[i] - lo : hi - c[i];
}

double variance(const std::vector<double>& v) {
  if (v.empty()) return 0.0;
  double m = 0;
  for (double x : v)
    m += x;
  m /= static_cast<double>(v.size());
  double s = 0;
  for (double x : v)
    s += (x - m) * (x - m);
  return s / static_cast<double>(v.size());
}

// Higher is better.
double score(const Projection& p, const RectFitOptions& o, std::vector<double>& d1,
             std::vector<double>& d2) {
  switch (o.criterion) {
    case RectCriterion::MinArea:
      return -(p.max1 - p.min1) * (p.max2 - p.min2);
    case RectCriterion::Closeness: {
      edge_distances(p.c1, p.min1, p.max1, d1);
      edge_distances(p.c2, p.min2, p.max2, d2);
      double s = 0;
      for (size_t i = 0; i < d1.size(); ++i)
        s += 1.0 / std::max(std::min(d1[i], d2[i]), o.min_distance);
      return s;
    }
    case RectCriterion::Variance: {
      edge_distances(p.c1, p.min1, p.max1, d1);
      edge_distances(p.c2, p.min2, p.max2, d2);
      std::vector<double> e1, e2;
      for (size_t i = 0; i < d1.size(); ++i)
        (d1[i] < d2[i] ? e1 : e2).push_back(d1[i] < d2[i] ? d1[i] : d2[i]);
      return -(variance(e1) + variance(e2));
    }
  }
  return 0.0;
}

}  // namespace

OrientedRect fit_oriented_rect(const std::vector<Vec2>& pts, const RectFitOptions& o) {
  OrientedRect r;
  if (pts.empty()) return r;
  // Relative to the mean, for precision far from the sensor.
  Vec2 mean{0.0};
  for (const Vec2& p : pts)
    mean += p;
  mean /= static_cast<double>(pts.size());
  std::vector<Vec2> local(pts.size());
  for (size_t i = 0; i < pts.size(); ++i)
    local[i] = pts[i] - mean;

  Projection proj;
  std::vector<double> d1, d2;
  const double half_pi = kPi / 2;
  const double step = std::clamp(o.coarse_step_deg, 0.01, 45.0) * kPi / 180.0;
  double best_angle = 0, best = -std::numeric_limits<double>::infinity();
  auto search = [&](double from, double to, double dstep) {
    for (double a = from; a < to; a += dstep) {
      project(local, a, proj);
      const double s = score(proj, o, d1, d2);
      if (s > best) best = s, best_angle = a;
    }
  };
  search(0.0, half_pi, step);
  search(best_angle - step, best_angle + step, step / 10);
  double angle = std::fmod(best_angle, half_pi);
  if (angle < 0) angle += half_pi;

  project(local, angle, proj);
  const double co = std::cos(angle), si = std::sin(angle);
  const double m1 = 0.5 * (proj.min1 + proj.max1), m2 = 0.5 * (proj.min2 + proj.max2);
  r.center = mean + Vec2{co * m1 - si * m2, si * m1 + co * m2};
  r.size = {proj.max1 - proj.min1, proj.max2 - proj.min2};
  r.angle = angle;
  return r;
}

}  // namespace vantage::core
