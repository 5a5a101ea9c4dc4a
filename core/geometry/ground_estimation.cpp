#include "core/geometry/ground_estimation.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace vantage::core {

namespace {

constexpr double kDeg = kPi / 180.0;

bool finite(const glm::vec4& p) {
  return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
}

// The one plane that best explains the sweep near the sensor: starting point
// for the local fits and the answer outside their area.
Plane global_ground(const glm::vec4* pts, size_t count, const GroundOptions& o, std::mt19937& rng) {
  // Near returns only: dense, and the ground there is what the local fits
  // grow from. Evenly subsampled to bound the cost.
  constexpr double kRadius = 30.0;
  constexpr size_t kMaxPoints = 20000;
  std::vector<Vec3> near;
  const size_t stride = std::max<size_t>(1, count / (2 * kMaxPoints));
  for (size_t i = 0; i < count; i += stride) {
    if (!finite(pts[i])) continue;
    const Vec3 p{pts[i].x, pts[i].y, pts[i].z};
    if (glm::length(Vec2{p.x, p.y} - o.sensor_xy) <= kRadius) near.push_back(p);
  }
  PlaneRansacOptions ro;
  ro.iterations = 200;
  ro.inlier_threshold = o.inlier_threshold * 1.5;  // one plane over 60 m of gently varying road
  ro.max_tilt_rad = o.max_slope_deg * kDeg;
  ro.max_score_points = 4000;
  if (const auto fit = fit_plane_ransac(near, ro, rng)) return fit->plane;
  // No plane at all (empty or degenerate sweep): a horizontal plane under
  // the lowest returns, or z = 0.
  if (near.empty()) return Plane::horizontal(0.0);
  std::vector<double> z;
  for (const Vec3& p : near)
    z.push_back(p.z);
  std::nth_element(z.begin(), z.begin() + static_cast<std::ptrdiff_t>(z.size() / 20), z.end());
  return Plane::horizontal(z[z.size() / 20]);
}

}  // namespace

GroundModel::GroundModel(const Plane& global, Vec2 origin, double cell_size, int nx, int ny,
                         std::vector<Cell> cells)
    : global_(global),
      origin_(origin),
      cell_size_(cell_size),
      nx_(nx),
      ny_(ny),
      cells_(std::move(cells)) {}

const GroundModel::Cell* GroundModel::cell(int i, int j) const {
  if (i < 0 || j < 0 || i >= nx_ || j >= ny_) return nullptr;
  return &cells_[static_cast<size_t>(j) * static_cast<size_t>(nx_) + static_cast<size_t>(i)];
}

const Plane& GroundModel::plane_at(double x, double y) const {
  if (cells_.empty()) return global_;
  const double u = (x - origin_.x) / cell_size_, v = (y - origin_.y) / cell_size_;
  if (!(u >= 0 && v >= 0 && u < nx_ && v < ny_)) return global_;
  return cell(static_cast<int>(u), static_cast<int>(v))->plane;
}

double GroundModel::ground_z(double x, double y) const {
  if (cells_.empty()) return global_.z_at(x, y);
  // Bilinear blend between the four cells whose centres surround (x, y),
  // each plane evaluated at (x, y) itself.
  const double u = (x - origin_.x) / cell_size_ - 0.5, v = (y - origin_.y) / cell_size_ - 0.5;
  if (!(u >= -0.5 && v >= -0.5 && u <= nx_ - 0.5 && v <= ny_ - 0.5)) return global_.z_at(x, y);
  const int i0 = static_cast<int>(std::floor(u)), j0 = static_cast<int>(std::floor(v));
  const double fu = u - i0, fv = v - j0;
  double z = 0, w = 0;
  for (int dj = 0; dj <= 1; ++dj)
    for (int di = 0; di <= 1; ++di) {
      const Cell* c = cell(i0 + di, j0 + dj);
      if (!c) continue;
      const double wk = (di ? fu : 1 - fu) * (dj ? fv : 1 - fv);
      z += wk * c->plane.z_at(x, y);
      w += wk;
    }
  return w > 0 ? z / w : global_.z_at(x, y);
}

GroundEstimate estimate_ground(const glm::vec4* pts, size_t count, const GroundOptions& o) {
  std::mt19937 rng(o.seed);
  const Plane global = global_ground(pts, count, o, rng);

  // Grid centred on the sensor (the sensor in the middle of a cell).
  const double cs = o.cell_size;
  const int half = std::max(0, static_cast<int>(std::ceil(o.max_range / cs - 0.5)));
  const int n = 2 * half + 1;
  const Vec2 origin = o.sensor_xy - Vec2((half + 0.5) * cs);
  const size_t cells = static_cast<size_t>(n) * static_cast<size_t>(n);
  auto centre = [&](size_t k) {
    return origin + Vec2((static_cast<double>(k % static_cast<size_t>(n)) + 0.5) * cs,
                         (static_cast<double>(k / static_cast<size_t>(n)) + 0.5) * cs);
  };

  // Points per cell, compressed rows.
  std::vector<uint32_t> start(cells + 1, 0), cell_of(count, UINT32_MAX);
  for (size_t i = 0; i < count; ++i) {
    if (!finite(pts[i])) continue;
    const double u = (pts[i].x - origin.x) / cs, v = (pts[i].y - origin.y) / cs;
    if (!(u >= 0 && v >= 0 && u < n && v < n)) continue;
    cell_of[i] = static_cast<uint32_t>(static_cast<size_t>(v) * static_cast<size_t>(n) +
                                       static_cast<size_t>(u));
    ++start[cell_of[i] + 1];
  }
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<uint32_t> items(start[cells]);
  {
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    for (size_t i = 0; i < count; ++i)
      if (cell_of[i] != UINT32_MAX) items[fill[cell_of[i]]++] = static_cast<uint32_t>(i);
  }

  // Nearest cells first.
  std::vector<size_t> order(cells);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return glm::length(centre(a) - o.sensor_xy) < glm::length(centre(b) - o.sensor_xy);
  });

  std::vector<GroundModel::Cell> grid(cells);
  std::vector<uint8_t> done(cells, 0);
  PlaneRansacOptions ro;
  ro.iterations = o.iterations;
  ro.inlier_threshold = o.inlier_threshold;
  ro.max_tilt_rad = o.max_slope_change_deg * kDeg;
  ro.prior_weight = o.slope_prior_weight;
  const double max_change = o.max_slope_change_deg * kDeg;
  const double max_slope = o.max_slope_deg * kDeg;
  std::vector<std::pair<double, Vec3>> ranked;
  std::vector<Vec3> cand;

  for (const size_t k : order) {
    const int ci = static_cast<int>(k % static_cast<size_t>(n)),
              cj = static_cast<int>(k / static_cast<size_t>(n));
    const Vec2 c = centre(k);
    // Prediction: the processed neighbours, fitted ones preferred, averaged
    // (normal and height at this cell's centre).
    Vec3 normal{0.0};
    Vec2 from{0.0};
    double z = 0;
    int used = 0;
    for (const bool want_fitted : {true, false}) {
      for (int dj = -1; dj <= 1; ++dj)
        for (int di = -1; di <= 1; ++di) {
          const int i = ci + di, j = cj + dj;
          if ((di == 0 && dj == 0) || i < 0 || j < 0 || i >= n || j >= n) continue;
          const size_t nk =
              static_cast<size_t>(j) * static_cast<size_t>(n) + static_cast<size_t>(i);
          if (!done[nk] || grid[nk].fitted != want_fitted) continue;
          normal += grid[nk].plane.normal;
          z += grid[nk].plane.z_at(c.x, c.y);
          from += centre(nk);
          ++used;
        }
      if (used) break;
    }
    Plane pred = global;
    if (used) {
      from /= static_cast<double>(used);
      pred = Plane::from_point_normal({c.x, c.y, z / used}, normal).value_or(global);
    } else {
      from = c;
    }

    // Candidates: within a band around the prediction that widens with the
    // distance it is extrapolated over (slopes may change on the way).
    ranked.clear();
    for (uint32_t t = start[k]; t < start[k + 1]; ++t) {
      const glm::vec4& q = pts[items[t]];
      const Vec3 p{q.x, q.y, q.z};
      const double r = p.z - pred.z_at(p.x, p.y);
      const double band = o.band + o.band_per_metre * glm::length(Vec2{p.x, p.y} - from);
      if (std::abs(r) <= band) ranked.emplace_back(r, p);
    }
    GroundModel::Cell& cell = grid[k];
    cell.plane = pred;
    done[k] = 1;
    if (ranked.size() < static_cast<size_t>(std::max(3, o.min_points))) continue;
    // Lowest first: hypotheses come from the lowest third.
    std::sort(ranked.begin(), ranked.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    cand.clear();
    for (const auto& rp : ranked)
      cand.push_back(rp.second);
    ro.seed_count = std::max<size_t>(3, cand.size() / 3);
    ro.up = pred.normal;
    ro.prior = pred;
    const auto fit = fit_plane_ransac(cand, ro, rng);
    if (!fit || fit->inliers < static_cast<size_t>(o.min_points)) continue;
    const Plane& plane = fit->plane;
    const double dist = glm::length(c - from);
    const double step = std::abs(plane.z_at(c.x, c.y) - pred.z_at(c.x, c.y));
    if (plane.slope_rad() > max_slope || step > o.max_step + std::tan(max_change) * dist) continue;
    cell.plane = plane;
    cell.fitted = true;
    cell.inliers = static_cast<uint32_t>(fit->inliers);
  }

  GroundEstimate out;
  out.model = GroundModel(global, origin, cs, n, n, std::move(grid));
  out.is_ground.assign(count, 0);
  for (size_t i = 0; i < count; ++i) {
    if (!finite(pts[i])) continue;
    const double h = pts[i].z - out.model.ground_z(pts[i].x, pts[i].y);
    if (std::abs(h) <= o.ground_threshold) {
      out.is_ground[i] = 1;
      ++out.ground_points;
    }
  }
  return out;
}

}  // namespace vantage::core
