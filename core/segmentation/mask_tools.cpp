#include "core/segmentation/mask_tools.h"

#include <algorithm>
#include <cmath>

#include "core/formats/coco_rle.h"

namespace vantage::core {

namespace {

// Pixel columns whose centres lie in [xl, xr].
void centre_span(double xl, double xr, int& c0, int& c1) {
  c0 = static_cast<int>(std::ceil(xl - 0.5));
  c1 = static_cast<int>(std::floor(xr - 0.5)) + 1;  // exclusive
}

// Extends [lo, hi] by the x-interval of the disc (c, r) on row y.
void disc_interval(const Vec2& c, double r2, double y, double& lo, double& hi) {
  const double dy = y - c.y;
  const double h = r2 - dy * dy;
  if (h < 0) return;
  const double s = std::sqrt(h);
  lo = std::min(lo, c.x - s);
  hi = std::max(hi, c.x + s);
}

}  // namespace

PixelRect brush_segment(RasterWriter& w, const Vec2& a, const Vec2& b, double radius,
                        uint16_t value, const ProtectRule& keep) {
  if (!(radius > 0)) return {};
  const double r2 = radius * radius;
  const int y0 = std::max(0, static_cast<int>(std::floor(std::min(a.y, b.y) - radius - 0.5)));
  const int y1 = std::min(w.height(), static_cast<int>(std::ceil(std::max(a.y, b.y) + radius + 0.5)) + 1);
  const Vec2 d = b - a;
  const double len2 = glm::dot(d, d);
  PixelRect out;
  for (int y = y0; y < y1; ++y) {
    const double py = y + 0.5;
    double lo = INFINITY, hi = -INFINITY;
    disc_interval(a, r2, py, lo, hi);
    disc_interval(b, r2, py, lo, hi);
    if (len2 > 0) {
      // The band: points whose projection on ab falls within the segment and
      // whose distance to the line is <= r. Convex, so its row is an
      // interval: clip the row line x in (-inf, inf) against four half-planes.
      double t_lo = -INFINITY, t_hi = INFINITY;
      const double len = std::sqrt(len2);
      const Vec2 u = d / len, n{-u.y, u.x};
      auto clip = [&](double gx, double g0) {  // gx * x + g0 <= 0
        if (std::abs(gx) < 1e-12) {
          if (g0 > 0) t_lo = INFINITY;
          return;
        }
        const double x = -g0 / gx;
        if (gx > 0) t_hi = std::min(t_hi, x);
        else t_lo = std::max(t_lo, x);
      };
      // (p - a).u >= 0, (p - a).u <= len, |(p - a).n| <= r
      clip(-u.x, -(-a.x * u.x + (py - a.y) * u.y));
      clip(u.x, (-a.x * u.x + (py - a.y) * u.y) - len);
      clip(n.x, (-a.x * n.x + (py - a.y) * n.y) - radius);
      clip(-n.x, -(-a.x * n.x + (py - a.y) * n.y) - radius);
      if (t_lo <= t_hi) {
        lo = std::min(lo, t_lo);
        hi = std::max(hi, t_hi);
      }
    }
    if (!(lo <= hi)) continue;
    int c0, c1;
    centre_span(lo, hi, c0, c1);
    c0 = std::max(c0, 0);
    c1 = std::min(c1, w.width());
    if (c0 >= c1) continue;
    w.span(y, c0, c1, value, keep);
    out.extend({c0, y, c1, y + 1});
  }
  return out;
}

size_t flood_fill(RasterWriter& w, int sx, int sy, uint16_t value, const PixelRect& limit_in,
                  const ProtectRule& keep) {
  PixelRect limit = limit_in.empty() ? PixelRect{0, 0, w.width(), w.height()}
                                     : limit_in.intersect({0, 0, w.width(), w.height()});
  if (sx < limit.x0 || sy < limit.y0 || sx >= limit.x1 || sy >= limit.y1) return 0;
  const uint16_t target = w.get(sx, sy);
  if (target == value || keep(target)) return 0;
  // Scanline fill: each popped seed fills its whole run, then seeds the rows
  // above and below once per run.
  std::vector<std::pair<int, int>> stack{{sx, sy}};
  size_t filled = 0;
  while (!stack.empty()) {
    auto [x, y] = stack.back();
    stack.pop_back();
    if (w.get(x, y) != target) continue;
    int l = x, r = x + 1;
    while (l > limit.x0 && w.get(l - 1, y) == target) --l;
    while (r < limit.x1 && w.get(r, y) == target) ++r;
    w.span(y, l, r, value);
    filled += static_cast<size_t>(r - l);
    for (const int ny : {y - 1, y + 1}) {
      if (ny < limit.y0 || ny >= limit.y1) continue;
      bool in_run = false;
      for (int i = l; i < r; ++i) {
        const bool match = w.get(i, ny) == target;
        if (match && !in_run) stack.push_back({i, ny});
        in_run = match;
      }
    }
  }
  return filled;
}

PixelRect fill_polygon(RasterWriter& w, const Polygon& polygon, uint16_t value,
                       const ProtectRule& keep) {
  if (polygon.points.size() < 3) return {};
  double ymin = INFINITY, ymax = -INFINITY;
  for (const Vec2& p : polygon.points) {
    ymin = std::min(ymin, p.y);
    ymax = std::max(ymax, p.y);
  }
  std::vector<const std::vector<Vec2>*> rings{&polygon.points};
  for (const auto& h : polygon.holes)
    rings.push_back(&h);
  const int y0 = std::max(0, static_cast<int>(std::floor(ymin - 0.5)));
  const int y1 = std::min(w.height(), static_cast<int>(std::ceil(ymax)) + 1);
  std::vector<double> xs;
  PixelRect out;
  for (int y = y0; y < y1; ++y) {
    const double py = y + 0.5;
    xs.clear();
    for (const auto* ring : rings) {
      const size_t n = ring->size();
      for (size_t i = 0; i < n; ++i) {
        const Vec2& a = (*ring)[i];
        const Vec2& b = (*ring)[(i + 1) % n];
        if ((a.y <= py) == (b.y <= py)) continue;
        xs.push_back(a.x + (py - a.y) * (b.x - a.x) / (b.y - a.y));
      }
    }
    std::sort(xs.begin(), xs.end());
    for (size_t i = 0; i + 1 < xs.size(); i += 2) {
      // Centres in [xs[i], xs[i+1]), the convention of polygon_to_mask.
      const int c0 = std::max(0, static_cast<int>(std::ceil(xs[i] - 0.5)));
      const int c1 = std::min(w.width(), static_cast<int>(std::ceil(xs[i + 1] - 0.5)));
      if (c0 >= c1) continue;
      w.span(y, c0, c1, value, keep);
      out.extend({c0, y, c1, y + 1});
    }
  }
  return out;
}

PixelRect write_mask(RasterWriter& w, const cv::Mat& mask, int x0, int y0, uint16_t value,
                     const ProtectRule& keep, bool clear) {
  PixelRect out;
  for (int r = 0; r < mask.rows; ++r) {
    const int y = y0 + r;
    if (y < 0 || y >= w.height()) continue;
    const uint8_t* m = mask.ptr<uint8_t>(r);
    for (int c = 0; c < mask.cols;) {
      const bool on = m[c] != 0;
      int e = c + 1;
      while (e < mask.cols && (m[e] != 0) == on) ++e;
      if (on) {
        w.span(y, x0 + c, x0 + e, value, keep);
      } else if (clear) {
        w.span(y, x0 + c, x0 + e, 0, [&](uint16_t old) { return old != value; });
      }
      out.extend({std::max(0, x0 + c), y, std::min(w.width(), x0 + e), y + 1});
      c = e;
    }
  }
  return out;
}

cv::Mat label_mask(const LabelRaster& labels, uint16_t value) {
  cv::Mat out(labels.height(), labels.width(), CV_8U, cv::Scalar(0));
  const cv::Mat all = labels.to_mat();
  out.setTo(1, all == value);
  return out;
}

PixelRect label_bounds(const LabelRaster& labels, uint16_t value) {
  PixelRect out;
  for (size_t t = 0; t < labels.tile_count(); ++t) {
    const TilePtr& tile = labels.tile(t);
    if (!tile || value == 0) continue;
    const PixelRect r = labels.tile_rect(t);
    for (int y = 0; y < r.height(); ++y)
      for (int x = 0; x < r.width(); ++x)
        if (tile->v[static_cast<size_t>(y * labels.tile_width() + x)] == value)
          out.extend({r.x0 + x, r.y0 + y, r.x0 + x + 1, r.y0 + y + 1});
  }
  return out;
}

std::vector<Polygon> label_polygons(const LabelRaster& labels, uint16_t value) {
  const PixelRect b = label_bounds(labels, value);
  if (b.empty()) return {};
  // Contours of the bounding rectangle (padded by one pixel so borders
  // close), shifted back to image coordinates.
  const PixelRect pad{b.x0 - 1, b.y0 - 1, b.x1 + 1, b.y1 + 1};
  cv::Mat m(pad.height(), pad.width(), CV_8U, cv::Scalar(0));
  const cv::Mat sub = labels.to_mat(b);
  m(cv::Rect(1, 1, b.width(), b.height())).setTo(1, sub == value);
  std::vector<Polygon> polys = mask_to_polygons(m);
  for (Polygon& p : polys) {
    for (Vec2& v : p.points)
      v += Vec2(pad.x0, pad.y0);
    for (auto& h : p.holes)
      for (Vec2& v : h)
        v += Vec2(pad.x0, pad.y0);
  }
  return polys;
}

}  // namespace vantage::core
