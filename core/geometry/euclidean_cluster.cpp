#include "core/geometry/euclidean_cluster.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace vantage::core {

namespace {

// Points bucketed by cell of the largest tolerance in use.
class HashGrid {
 public:
  HashGrid(const std::vector<Vec3>& pts, double cell) : inv_(1.0 / cell) {
    cells_.reserve(pts.size());
    for (size_t i = 0; i < pts.size(); ++i)
      cells_[key(pts[i])].push_back(static_cast<uint32_t>(i));
  }

  template <class F>
  void for_near(const Vec3& p, F&& f) const {
    const int64_t x = coord(p.x), y = coord(p.y), z = coord(p.z);
    for (int64_t dz = -1; dz <= 1; ++dz)
      for (int64_t dy = -1; dy <= 1; ++dy)
        for (int64_t dx = -1; dx <= 1; ++dx) {
          const auto it = cells_.find(pack(x + dx, y + dy, z + dz));
          if (it == cells_.end()) continue;
          for (uint32_t j : it->second)
            f(j);
        }
  }

 private:
  int64_t coord(double v) const { return static_cast<int64_t>(std::floor(v * inv_)); }
  static uint64_t pack(int64_t x, int64_t y, int64_t z) {
    // 21 bits per axis: +-1e6 cells, far beyond a sweep's extent.
    constexpr int64_t kMask = (1 << 21) - 1;
    return (static_cast<uint64_t>(x & kMask) << 42) | (static_cast<uint64_t>(y & kMask) << 21) |
           static_cast<uint64_t>(z & kMask);
  }
  uint64_t key(const Vec3& p) const { return pack(coord(p.x), coord(p.y), coord(p.z)); }

  double inv_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> cells_;
};

double max_tolerance(const std::vector<Vec3>& pts, const ClusterOptions& o) {
  double r = 0;
  if (o.tolerance_per_metre > 0)
    for (const Vec3& p : pts)
      r = std::max(r, glm::length(p - o.sensor));
  return o.tolerance + o.tolerance_per_metre * r;
}

// Breadth-first growth from `frontier`, marking `label` in `owner`.
void grow(const std::vector<Vec3>& pts, const HashGrid& grid, const ClusterOptions& o,
          std::vector<uint32_t> frontier, std::vector<int>& owner, int label,
          std::vector<uint32_t>& members) {
  while (!frontier.empty()) {
    const uint32_t i = frontier.back();
    frontier.pop_back();
    members.push_back(i);
    const double tol = o.tolerance + o.tolerance_per_metre * glm::length(pts[i] - o.sensor);
    const double tol2 = tol * tol;
    grid.for_near(pts[i], [&](uint32_t j) {
      if (owner[j] >= 0) return;
      const Vec3 d = pts[j] - pts[i];
      if (glm::dot(d, d) <= tol2) {
        owner[j] = label;
        frontier.push_back(j);
      }
    });
  }
  std::sort(members.begin(), members.end());
}

}  // namespace

std::vector<uint32_t> grow_cluster(const std::vector<Vec3>& pts, const std::vector<uint32_t>& seeds,
                                   const ClusterOptions& o) {
  std::vector<uint32_t> members;
  if (pts.empty() || seeds.empty()) return members;
  const HashGrid grid(pts, max_tolerance(pts, o));
  std::vector<int> owner(pts.size(), -1);
  std::vector<uint32_t> frontier;
  for (uint32_t s : seeds)
    if (s < pts.size() && owner[s] < 0) owner[s] = 0, frontier.push_back(s);
  grow(pts, grid, o, std::move(frontier), owner, 0, members);
  return members;
}

std::vector<std::vector<uint32_t>> euclidean_clusters(const std::vector<Vec3>& pts,
                                                      const ClusterOptions& o) {
  std::vector<std::vector<uint32_t>> out;
  if (pts.empty()) return out;
  const HashGrid grid(pts, max_tolerance(pts, o));
  std::vector<int> owner(pts.size(), -1);
  for (uint32_t i = 0; i < pts.size(); ++i) {
    if (owner[i] >= 0) continue;
    const int label = static_cast<int>(out.size());
    owner[i] = label;
    out.emplace_back();
    grow(pts, grid, o, {i}, owner, label, out.back());
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return out;
}

}  // namespace vantage::core
