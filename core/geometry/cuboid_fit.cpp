#include "core/geometry/cuboid_fit.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "core/geometry/cuboid_geometry.h"

namespace vantage::core {

namespace {

bool finite(const glm::vec4& p) {
  return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
}

double angle_between(double a, double b) {
  return std::abs(wrap_angle(a - b));
}

// How implausible observed extents (l, w) are for the prior: extents far
// above the typical size first, then extents below the minimum, then the
// total shortfall (absolute: on simulated streets a relative one, which
// reads a short face as a width, got the axis wrong more often). Lower is better.
std::array<double, 3> implausibility(double l, double w, const SizePrior& p) {
  constexpr double kTooBig = 1.35;  // beyond the spread of real sizes around the mean
  const double big = (l > p.typical.x * kTooBig) + (w > p.typical.y * kTooBig);
  const double small = (l < p.min.x) + (w < p.min.y);
  const double shortfall = std::max(0.0, p.min.x - l) + std::max(0.0, p.min.y - w);
  return {big, small, shortfall};
}

// Extends [lo, hi] (coordinates along an axis, the sensor at `s`) to `extent`,
// keeping the face nearer the sensor; symmetric when the sensor is level with
// the observed span (then neither end is known to be hidden).
void pad(double& lo, double& hi, double extent, double s) {
  const double grow = extent - (hi - lo);
  if (grow <= 0) return;
  if (s <= lo)
    hi += grow;
  else if (s >= hi)
    lo -= grow;
  else
    lo -= grow / 2, hi += grow / 2;
}

CuboidFitResult no_fit(std::string why) {
  return {std::nullopt, std::move(why)};
}

// Whether a cluster is larger than any object of the prior's class could be:
// it has leaked into a wall, a fence or a neighbour.
bool implausibly_large(const std::vector<Vec3>& cand, const std::vector<uint32_t>& members,
                       const GroundModel& ground, const SizePrior& prior, RectCriterion criterion) {
  if (members.size() < 3) return false;
  std::vector<Vec2> bev;
  Vec2 mean{0.0};
  double top = -INFINITY;
  for (uint32_t m : members) {
    bev.emplace_back(cand[m].x, cand[m].y);
    mean += bev.back();
    top = std::max(top, cand[m].z);
  }
  mean /= static_cast<double>(members.size());
  // The rectangle the final fit would draw (coarser), so what passes here
  // is what the user gets.
  RectFitOptions ro;
  ro.criterion = criterion;
  ro.coarse_step_deg = 3.0;
  const OrientedRect r = fit_oriented_rect(bev, ro);
  const double l = std::max(r.size.x, r.size.y), w = std::min(r.size.x, r.size.y);
  // Compared longer with longer: some classes (nuScenes barriers) are wider
  // than long. Real sizes spread about +-15 % around the class mean.
  const double pl = std::max(prior.typical.x, prior.typical.y);
  const double pw = std::min(prior.typical.x, prior.typical.y);
  return l > 1.25 * pl + 0.3 || w > 1.25 * pw + 0.3 ||
         top - ground.ground_z(mean.x, mean.y) > 1.2 * prior.typical.z + 0.2;
}

// Without a class prior, only what no single road object exceeds.
const SizePrior kAnyObject{Vec3(0.0), Vec3{8.0, 2.6, 3.0}};
// A seed at an object's centre is at most about half its length from its
// returns; without a prior, a car's.
constexpr double kReachNoPrior = 2.5;
// Clusters this small are stray returns unless nothing else is found.
constexpr size_t kMinCluster = 3;
// A selection this small may be noise that happened to be nearest the seed.
constexpr size_t kSmallCluster = 10;

std::vector<uint32_t> merged(std::vector<uint32_t> a, const std::vector<uint32_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// The object's returns: Euclidean clusters of the candidates, the first one
// (in `rank`'s order) plus any further ones (within `reach`) that keep the
// union plausible for the class. One object's returns need not be connected:
// at 10-30 m a car's roof is crossed by a single ring, metres from the rings
// on its side with nothing between; a neighbouring car or a fence would make
// the union too large and stays out. A cluster that is itself implausibly
// large has leaked into a wall or fence: the tolerance shrinks and the
// clustering is redone.
std::vector<uint32_t> select_object(const std::vector<Vec3>& cand, const std::vector<double>& dist,
                                    bool by_distance, double reach, const GroundModel& ground,
                                    const CuboidFitOptions& o) {
  const SizePrior& plausible = o.size_prior ? *o.size_prior : kAnyObject;
  ClusterOptions co = o.cluster;
  co.sensor = o.sensor;
  std::vector<uint32_t> sel;
  for (int attempt = 0; attempt < 5; ++attempt) {
    const auto clusters = euclidean_clusters(cand, co);
    // (distance to the seed, cluster), nearest first; or most returns
    // within reach (distance 0: inside a rough box) first.
    std::vector<std::pair<double, size_t>> rank;
    for (size_t k = 0; k < clusters.size(); ++k) {
      double d = INFINITY, inside = 0;
      for (uint32_t m : clusters[k])
        d = std::min(d, dist[m]), inside += dist[m] <= reach;
      rank.emplace_back(by_distance ? d : -inside, k);
    }
    std::sort(rank.begin(), rank.end());
    // Start from the nearest cluster that is not a stray return (within
    // 1.5 m of the nearest return), or the one with most returns in the box.
    size_t first = SIZE_MAX;
    for (const auto& [d, k] : rank) {
      if (by_distance ? d > rank.front().first + 1.5 : d == 0) break;
      if (clusters[k].size() >= kMinCluster) {
        first = k;
        break;
      }
    }
    if (first == SIZE_MAX)
      first = rank.front().second;  // only stray returns: let the caller say so
    sel = clusters[first];
    if (implausibly_large(cand, sel, ground, plausible, o.rect.criterion) && attempt < 4) {
      co.tolerance *= 0.75;
      co.tolerance_per_metre *= 0.75;
      continue;
    }
    for (const auto& [d, k] : rank) {
      if (k == first || clusters[k].size() < kMinCluster) continue;
      double near = INFINITY;
      for (uint32_t m : clusters[k])
        near = std::min(near, dist[m]);
      if (near > reach) continue;
      auto trial = merged(sel, clusters[k]);
      if (!implausibly_large(cand, trial, ground, plausible, o.rect.criterion)) {
        sel = std::move(trial);
      } else if (sel.size() < kSmallCluster && clusters[k].size() > sel.size() &&
                 !implausibly_large(cand, clusters[k], ground, plausible, o.rect.criterion)) {
        // What was nearest was a few noise returns, not the object.
        sel = clusters[k];
      }
    }
    break;
  }
  std::sort(sel.begin(), sel.end());
  return sel;
}

}  // namespace

CuboidFit fit_cuboid_to_points(const std::vector<Vec3>& points, const GroundModel& ground,
                               const CuboidFitOptions& o) {
  CuboidFit fit;
  if (points.empty()) return fit;
  std::vector<Vec2> bev(points.size());
  double top = -INFINITY;
  for (size_t i = 0; i < points.size(); ++i) {
    bev[i] = {points[i].x, points[i].y};
    top = std::max(top, points[i].z);
  }
  const OrientedRect rect = fit_oriented_rect(bev, o.rect);

  // Rectangle axes; axis 0 at rect.angle. Which one is the length?
  const std::array<Vec2, 2> axis = {Vec2{std::cos(rect.angle), std::sin(rect.angle)},
                                    Vec2{-std::sin(rect.angle), std::cos(rect.angle)}};
  int la = rect.size.x >= rect.size.y ? 0 : 1;
  if (o.size_prior) {
    // One visible face of a car is as wide as the car is wide: let the prior
    // say which extent is the length when the points alone mislead.
    const auto keep = implausibility(rect.size[la], rect.size[1 - la], *o.size_prior);
    const auto swap = implausibility(rect.size[1 - la], rect.size[la], *o.size_prior);
    if (swap < keep) la = 1 - la;
  }
  const int wa = 1 - la;

  // Bounds along (length, width) relative to the rectangle centre.
  const Vec2 ctr = rect.center;
  double lo[2] = {-rect.size[la] / 2, -rect.size[wa] / 2};
  double hi[2] = {rect.size[la] / 2, rect.size[wa] / 2};
  if (o.size_prior) {
    const Vec2 s = Vec2{o.sensor.x, o.sensor.y} - ctr;
    const double min_ext[2] = {o.size_prior->min.x, o.size_prior->min.y};
    const double typ_ext[2] = {o.size_prior->typical.x, o.size_prior->typical.y};
    const Vec2 ax[2] = {axis[static_cast<size_t>(la)], axis[static_cast<size_t>(wa)]};
    for (int k = 0; k < 2; ++k) {
      if (hi[k] - lo[k] >= min_ext[k]) continue;
      pad(lo[k], hi[k], typ_ext[k], glm::dot(s, ax[k]));
      fit.size_padded = true;
    }
  }
  const Vec2 la_dir = axis[static_cast<size_t>(la)], wa_dir = axis[static_cast<size_t>(wa)];
  const Vec2 centre = ctr + la_dir * (0.5 * (lo[0] + hi[0])) + wa_dir * (0.5 * (lo[1] + hi[1]));
  double length = hi[0] - lo[0], width = hi[1] - lo[1];

  fit.ground_z = ground.ground_z(centre.x, centre.y);
  double height = std::max(top - fit.ground_z, 0.05);
  if (o.size_prior && height < o.size_prior->min.z) {
    height = o.size_prior->typical.z;
    fit.size_padded = true;
  }

  double yaw = std::atan2(la_dir.y, la_dir.x);
  if (o.prior_yaw) {
    // The closer of the two headings; for a nearly square footprint also the
    // two at right angles (then length and width swap).
    fit.heading_ambiguous = false;
    double best = INFINITY, best_yaw = yaw;
    bool swap = false;
    const bool squarish = std::max(length, width) < 1.15 * std::min(length, width);
    for (int k = 0; k < (squarish ? 4 : 2); ++k) {
      const double cand = yaw + (squarish ? k * kPi / 2 : k * kPi);
      const double d = angle_between(cand, *o.prior_yaw);
      if (d < best) best = d, best_yaw = cand, swap = squarish && k % 2 == 1;
    }
    yaw = best_yaw;
    if (swap) std::swap(length, width);
  } else if (std::cos(yaw) < 0 || (std::cos(yaw) == 0 && std::sin(yaw) < 0)) {
    yaw += kPi;  // face forward
  }

  fit.cuboid.center = {centre.x, centre.y, fit.ground_z + height / 2};
  fit.cuboid.size = {length, width, height};
  fit.cuboid.yaw = wrap_angle(yaw);
  fit.flipped = fit.cuboid;
  fit.flipped.yaw = wrap_angle(yaw + kPi);
  return fit;
}

CuboidFitResult fit_cuboid_at(const PointCloud& cloud, const GroundModel& ground, const Vec3& seed,
                              const CuboidFitOptions& o) {
  double radius = o.search_radius;
  if (radius <= 0) {
    radius = 4.0;
    if (o.size_prior)
      radius = std::max(radius,
                        0.5 * std::hypot(o.size_prior->typical.x, o.size_prior->typical.y) + 1.5);
  }
  const Vec2 s{seed.x, seed.y};
  std::vector<Vec3> cand;
  std::vector<uint32_t> index;
  std::vector<double> dist;
  for (size_t i = 0; i < cloud.points.size(); ++i) {
    const glm::vec4& q = cloud.points[i];
    if (!finite(q)) continue;
    const double d = glm::length(Vec2{q.x, q.y} - s);
    if (d > radius) continue;
    const double h = q.z - ground.ground_z(q.x, q.y);
    if (h < o.min_height || h > o.max_height) continue;
    cand.emplace_back(q.x, q.y, q.z);
    index.push_back(static_cast<uint32_t>(i));
    dist.push_back(d);
  }
  if (cand.empty())
    return no_fit(fmt::format("no returns above the ground within {:.1f} m of the seed", radius));
  const double reach = o.size_prior ? 0.75 * o.size_prior->typical.x : kReachNoPrior;
  const std::vector<uint32_t> members = select_object(cand, dist, true, reach, ground, o);
  const size_t min_points = static_cast<size_t>(std::max(1, o.min_points));
  if (members.size() < min_points)
    return no_fit(fmt::format("only {} returns on the object near the seed", members.size()));
  std::vector<Vec3> pts;
  for (uint32_t m : members)
    pts.push_back(cand[m]);
  CuboidFit fit = fit_cuboid_to_points(pts, ground, o);
  for (uint32_t m : members)
    fit.points.push_back(index[m]);
  return {std::move(fit), {}};
}

CuboidFitResult fit_cuboid_in(const PointCloud& cloud, const GroundModel& ground,
                              const Cuboid& rough, const CuboidFitOptions& o) {
  Cuboid region = rough;
  region.pitch = region.roll = 0;
  // Returns in the box (plus margin) pick the object; its returns up to
  // kBeyond outside are kept too, so a box drawn too small or skewed does
  // not cut the object it points at.
  constexpr double kBeyond = 1.0;
  const Vec2 half = Vec2{rough.size.x, rough.size.y} * 0.5 + Vec2(o.box_margin);
  std::vector<Vec3> cand;
  std::vector<uint32_t> index;
  std::vector<double> dist;
  for (size_t i = 0; i < cloud.points.size(); ++i) {
    const glm::vec4& q = cloud.points[i];
    if (!finite(q)) continue;
    const Vec3 p{q.x, q.y, q.z};
    const Vec3 l = to_cuboid_local(region, p);
    const double out = std::max(std::abs(l.x) - half.x, std::abs(l.y) - half.y);
    if (out > kBeyond) continue;
    const double h = q.z - ground.ground_z(q.x, q.y);
    if (h < o.min_height || h > o.max_height) continue;
    cand.push_back(p);
    index.push_back(static_cast<uint32_t>(i));
    dist.push_back(std::max(0.0, out));
  }
  if (std::find(dist.begin(), dist.end(), 0.0) == dist.end())
    return no_fit("no returns above the ground inside the box");
  // The cluster with most returns in the box first, then any other reaching
  // into the box that keeps the union plausible.
  const std::vector<uint32_t> members = select_object(cand, dist, false, 0.0, ground, o);
  if (members.size() < static_cast<size_t>(std::max(1, o.min_points)))
    return no_fit(fmt::format("only {} returns on the object inside the box", members.size()));
  std::vector<Vec3> pts;
  for (uint32_t m : members)
    pts.push_back(cand[m]);
  CuboidFitOptions with_prior = o;
  if (!with_prior.prior_yaw) with_prior.prior_yaw = rough.yaw;
  CuboidFit fit = fit_cuboid_to_points(pts, ground, with_prior);
  for (uint32_t m : members)
    fit.points.push_back(index[m]);
  return {std::move(fit), {}};
}

}  // namespace vantage::core
