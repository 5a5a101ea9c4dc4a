#include "core/geometry/plane_fit.h"

#include <algorithm>
#include <cmath>

namespace vantage::core {

std::optional<Plane> Plane::from_point_normal(const Vec3& p, Vec3 normal) {
  const double len = glm::length(normal);
  if (!(len > 1e-12)) return std::nullopt;
  normal /= len;
  if (normal.z < 0) normal = -normal;
  return Plane{normal, -glm::dot(normal, p)};
}

std::optional<Plane> Plane::through(const Vec3& a, const Vec3& b, const Vec3& c) {
  const Vec3 n = glm::cross(b - a, c - a);
  // Reject nearly collinear triples: their normal is mostly rounding.
  if (glm::length(n) < 1e-9 * std::max(1.0, glm::length(b - a) * glm::length(c - a)))
    return std::nullopt;
  return from_point_normal(a, n);
}

double Plane::slope_rad() const {
  return std::acos(std::clamp(normal.z, -1.0, 1.0));
}

std::optional<Plane> fit_plane_least_squares(const std::vector<Vec3>& points, const Plane* prior,
                                             double prior_weight) {
  if (points.size() < 3) return std::nullopt;
  // Centre first: the normal equations of raw coordinates 50 m out are badly
  // conditioned.
  Vec3 c{0.0};
  for (const Vec3& p : points)
    c += p;
  c /= static_cast<double>(points.size());
  double sxx = 0, sxy = 0, syy = 0, sxz = 0, syz = 0;
  for (const Vec3& p : points) {
    const Vec3 q = p - c;
    sxx += q.x * q.x, sxy += q.x * q.y, syy += q.y * q.y, sxz += q.x * q.z, syz += q.y * q.z;
  }
  if (prior && prior_weight > 0 && prior->normal.z > 0) {
    // Ridge toward the prior slopes (a_p, b_p): minimise the residuals plus
    // w ((a - a_p)^2 + (b - b_p)^2).
    const double ap = -prior->normal.x / prior->normal.z, bp = -prior->normal.y / prior->normal.z;
    sxx += prior_weight, syy += prior_weight;
    sxz += prior_weight * ap, syz += prior_weight * bp;
  }
  const double det = sxx * syy - sxy * sxy;
  if (!(det > 1e-12 * (sxx + syy) * (sxx + syy)) || det <= 0) return std::nullopt;
  // Centred: z' = a x' + b y'.
  const double a = (sxz * syy - syz * sxy) / det;
  const double b = (syz * sxx - sxz * sxy) / det;
  return Plane::from_point_normal(c, {-a, -b, 1.0});
}

std::optional<PlaneFit> fit_plane_ransac(const std::vector<Vec3>& points,
                                         const PlaneRansacOptions& o, std::mt19937& rng) {
  const size_t n = points.size();
  if (n < 3) return std::nullopt;
  const size_t seeds = o.seed_count >= 3 ? std::min(o.seed_count, n) : n;
  const size_t stride = std::max<size_t>(1, n / std::max<size_t>(1, o.max_score_points));
  const double min_cos = std::cos(o.max_tilt_rad);
  const Vec3 up = glm::normalize(o.up);
  const Plane* prior = o.prior ? &*o.prior : nullptr;
  std::uniform_int_distribution<size_t> pick(0, seeds - 1);

  auto count_inliers = [&](const Plane& p, size_t step) {
    size_t k = 0;
    for (size_t i = 0; i < n; i += step)
      k += std::abs(p.signed_distance(points[i])) <= o.inlier_threshold;
    return k;
  };

  std::optional<Plane> best;
  size_t best_score = 0;
  for (int it = 0; it < o.iterations; ++it) {
    const size_t i = pick(rng), j = pick(rng), k = pick(rng);
    if (i == j || j == k || i == k) continue;
    const auto p = Plane::through(points[i], points[j], points[k]);
    if (!p || glm::dot(p->normal, up) < min_cos) continue;
    const size_t score = count_inliers(*p, stride);
    if (score > best_score) best_score = score, best = p;
  }
  if (!best) return std::nullopt;

  PlaneFit fit{*best, 0};
  std::vector<Vec3> inliers;
  for (int r = 0; r < o.refinements; ++r) {
    inliers.clear();
    for (const Vec3& p : points)
      if (std::abs(fit.plane.signed_distance(p)) <= o.inlier_threshold) inliers.push_back(p);
    const auto refined = fit_plane_least_squares(inliers, prior, o.prior_weight);
    if (!refined || glm::dot(refined->normal, up) < min_cos) break;
    fit.plane = *refined;
  }
  fit.inliers = count_inliers(fit.plane, 1);
  return fit;
}

}  // namespace vantage::core
