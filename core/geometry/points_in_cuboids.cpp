#include "core/geometry/points_in_cuboids.h"

#include <algorithm>
#include <cmath>

#include "core/geometry/cuboid_geometry.h"

namespace vantage::core {

namespace {

struct PreparedCuboid {
  Mat3 to_local;  // transposed rotation, as in to_cuboid_local
  Vec3 center;
  Vec3 half;  // half size plus margin, as in point_in_cuboid
  double volume = 0;
};

// Cuboid indices per BEV cell, in compressed rows (cell k holds
// items[start[k] .. start[k + 1])).
struct CellGrid {
  double x0 = 0, y0 = 0, inv_cell = 1;
  int nx = 0, ny = 0;
  double z0 = 0, z1 = 0;
  std::vector<uint32_t> start;
  std::vector<uint32_t> items;
};

struct Bounds {
  double x0, y0, z0, x1, y1, z1;
};

Bounds cuboid_bounds(const Cuboid& c, double margin) {
  Cuboid grown = c;
  grown.size += Vec3(2 * margin);
  Bounds b{INFINITY, INFINITY, INFINITY, -INFINITY, -INFINITY, -INFINITY};
  for (const Vec3& k : cuboid_corners(grown)) {
    b.x0 = std::min(b.x0, k.x), b.y0 = std::min(b.y0, k.y), b.z0 = std::min(b.z0, k.z);
    b.x1 = std::max(b.x1, k.x), b.y1 = std::max(b.y1, k.y), b.z1 = std::max(b.z1, k.z);
  }
  // Corners are rounded; the inside test is exact. Pad so a point on a face
  // is never culled by the grid.
  const double pad = 1e-6 * (1.0 + std::abs(b.x0) + std::abs(b.y0) + std::abs(b.z0) +
                             std::abs(b.x1) + std::abs(b.y1) + std::abs(b.z1));
  b.x0 -= pad, b.y0 -= pad, b.z0 -= pad, b.x1 += pad, b.y1 += pad, b.z1 += pad;
  return b;
}

CellGrid build_grid(const std::vector<Bounds>& bounds) {
  CellGrid g;
  if (bounds.empty()) return g;
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  g.z0 = INFINITY, g.z1 = -INFINITY;
  for (const Bounds& b : bounds) {
    x0 = std::min(x0, b.x0), y0 = std::min(y0, b.y0), x1 = std::max(x1, b.x1),
    y1 = std::max(y1, b.y1);
    g.z0 = std::min(g.z0, b.z0), g.z1 = std::max(g.z1, b.z1);
  }
  // Cells about the size of a car keep the lists short; grow them when the
  // cuboids spread over a large area so the grid stays small.
  constexpr double kCell = 2.0;
  constexpr double kMaxCells = 1 << 18;
  double cell = kCell;
  const double w = x1 - x0, h = y1 - y0;
  if ((w / cell + 1) * (h / cell + 1) > kMaxCells) cell = std::sqrt(w * h / kMaxCells) + 1e-9;
  while ((w / cell + 1) * (h / cell + 1) > kMaxCells)
    cell *= 1.5;  // thin, long layouts
  g.x0 = x0, g.y0 = y0, g.inv_cell = 1.0 / cell;
  g.nx = static_cast<int>(w / cell) + 1;
  g.ny = static_cast<int>(h / cell) + 1;
  const size_t cells = static_cast<size_t>(g.nx) * static_cast<size_t>(g.ny);
  auto cell_range = [&](const Bounds& b, int& cx0, int& cy0, int& cx1, int& cy1) {
    cx0 = std::clamp(static_cast<int>((b.x0 - g.x0) * g.inv_cell), 0, g.nx - 1);
    cy0 = std::clamp(static_cast<int>((b.y0 - g.y0) * g.inv_cell), 0, g.ny - 1);
    cx1 = std::clamp(static_cast<int>((b.x1 - g.x0) * g.inv_cell), 0, g.nx - 1);
    cy1 = std::clamp(static_cast<int>((b.y1 - g.y0) * g.inv_cell), 0, g.ny - 1);
  };
  g.start.assign(cells + 1, 0);
  for (const Bounds& b : bounds) {
    int cx0, cy0, cx1, cy1;
    cell_range(b, cx0, cy0, cx1, cy1);
    for (int cy = cy0; cy <= cy1; ++cy)
      for (int cx = cx0; cx <= cx1; ++cx)
        ++g.start[static_cast<size_t>(cy) * g.nx + cx + 1];
  }
  for (size_t k = 0; k < cells; ++k)
    g.start[k + 1] += g.start[k];
  g.items.resize(g.start[cells]);
  std::vector<uint32_t> fill(g.start.begin(), g.start.end() - 1);
  for (size_t i = 0; i < bounds.size(); ++i) {
    int cx0, cy0, cx1, cy1;
    cell_range(bounds[i], cx0, cy0, cx1, cy1);
    for (int cy = cy0; cy <= cy1; ++cy)
      for (int cx = cx0; cx <= cx1; ++cx)
        g.items[fill[static_cast<size_t>(cy) * g.nx + cx]++] = static_cast<uint32_t>(i);
  }
  return g;
}

}  // namespace

void points_in_cuboids(const glm::vec4* points, size_t count, const std::vector<Cuboid>& cuboids,
                       const PointsInCuboidsOptions& options, PointCuboidMembership& out) {
  out.points_per_cuboid.assign(cuboids.size(), 0);
  if (options.per_point)
    out.cuboid_of_point.assign(count, -1);
  else
    out.cuboid_of_point.clear();
  if (cuboids.empty() || count == 0) return;

  std::vector<PreparedCuboid> prepared(cuboids.size());
  std::vector<Bounds> bounds(cuboids.size());
  for (size_t i = 0; i < cuboids.size(); ++i) {
    const Cuboid& c = cuboids[i];
    prepared[i].to_local = glm::transpose(cuboid_rotation(c));
    prepared[i].center = c.center;
    prepared[i].half = c.size * 0.5 + Vec3(options.margin);
    prepared[i].volume = c.size.x * c.size.y * c.size.z;
    bounds[i] = cuboid_bounds(c, options.margin);
  }
  const CellGrid g = build_grid(bounds);
  const bool transform = options.points_to_cuboids != Transform::identity();
  const double x1 = g.x0 + g.nx / g.inv_cell, y1 = g.y0 + g.ny / g.inv_cell;

  for (size_t i = 0; i < count; ++i) {
    Vec3 p{points[i].x, points[i].y, points[i].z};
    if (transform) p = options.points_to_cuboids.apply(p);
    if (!(p.z >= g.z0 && p.z <= g.z1 && p.x >= g.x0 && p.y >= g.y0 && p.x < x1 && p.y < y1))
      continue;
    const int cx = std::min(static_cast<int>((p.x - g.x0) * g.inv_cell), g.nx - 1);
    const int cy = std::min(static_cast<int>((p.y - g.y0) * g.inv_cell), g.ny - 1);
    const size_t cell = static_cast<size_t>(cy) * g.nx + cx;
    int32_t best = -1;
    double best_volume = INFINITY;
    for (uint32_t k = g.start[cell]; k < g.start[cell + 1]; ++k) {
      const uint32_t ci = g.items[k];
      const PreparedCuboid& c = prepared[ci];
      const Vec3 l = c.to_local * (p - c.center);
      if (std::abs(l.x) <= c.half.x && std::abs(l.y) <= c.half.y && std::abs(l.z) <= c.half.z) {
        ++out.points_per_cuboid[ci];
        // Smallest volume wins; cell lists are in ascending cuboid order, so
        // the strict comparison leaves ties to the lower index.
        if (c.volume < best_volume) {
          best = static_cast<int32_t>(ci);
          best_volume = c.volume;
        }
      }
    }
    if (options.per_point) out.cuboid_of_point[i] = best;
  }
}

}  // namespace vantage::core
