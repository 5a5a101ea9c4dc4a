#include "core/synth/ground_map.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <opencv2/imgproc.hpp>

#include "core/synth/demo_random.h"

namespace vantage::core {

namespace {

constexpr double kTileMetres = GroundMap::kCell * GroundMap::kTileCells;

struct MaterialLook {
  Rgb colour;
  float variation;  // brightness variation from the cell texture
  float reflectivity;
};

const MaterialLook& look(GroundMaterial m) {
  static const MaterialLook kLooks[] = {
      {{104, 112, 76}, 0.20f, 0.18f},   // Verge
      {{166, 162, 154}, 0.07f, 0.28f},  // Sidewalk
      {{192, 190, 184}, 0.05f, 0.35f},  // Curb
      {{86, 87, 91}, 0.11f, 0.12f},     // Asphalt
      {{98, 98, 101}, 0.11f, 0.14f},    // ParkingStrip
      {{150, 86, 74}, 0.09f, 0.20f},    // BikeLane
      {{226, 226, 220}, 0.06f, 0.70f},  // Marking
      {{230, 230, 224}, 0.06f, 0.72f},  // Crosswalk
  };
  return kLooks[std::min<size_t>(static_cast<size_t>(m), std::size(kLooks) - 1)];
}

uint8_t byte(double v) {
  return static_cast<uint8_t>(std::clamp(v, 0.0, 255.0) + 0.5);
}

// Hash values on a lattice of `step` cells, smoothly interpolated, in [-1, 1].
class LatticeNoise {
 public:
  LatticeNoise(int64_t x0, int64_t y0, int cells, int step, uint64_t salt)
      : x0_(x0), y0_(y0), step_(step) {
    n_ = cells / step + 3;
    values_.resize(static_cast<size_t>(n_ * n_));
    const int64_t lx = floor_div(x0, step), ly = floor_div(y0, step);
    lx_ = lx;
    ly_ = ly;
    for (int j = 0; j < n_; ++j)
      for (int i = 0; i < n_; ++i)
        values_[static_cast<size_t>(j * n_ + i)] =
            hash_unit(static_cast<uint64_t>(lx + i), static_cast<uint64_t>(ly + j), salt) * 2 - 1;
  }
  double at(int64_t cx, int64_t cy) const {
    const int64_t gx = floor_div(cx, step_), gy = floor_div(cy, step_);
    const double ux = static_cast<double>(cx - gx * step_) / step_,
                 uy = static_cast<double>(cy - gy * step_) / step_;
    const auto i = static_cast<int>(gx - lx_), j = static_cast<int>(gy - ly_);
    const auto v = [&](int a, int b) { return values_[static_cast<size_t>((j + b) * n_ + i + a)]; };
    const double sx = ux * ux * (3 - 2 * ux), sy = uy * uy * (3 - 2 * uy);
    return (v(0, 0) * (1 - sx) + v(1, 0) * sx) * (1 - sy) +
           (v(0, 1) * (1 - sx) + v(1, 1) * sx) * sy;
  }

 private:
  static int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
  int64_t x0_, y0_, lx_ = 0, ly_ = 0;
  int step_, n_ = 0;
  std::vector<double> values_;
};

}  // namespace

Rgb GroundMap::material_colour(GroundMaterial m) {
  return look(m).colour;
}
float GroundMap::material_reflectivity(GroundMaterial m) {
  return look(m).reflectivity;
}

GroundMap::GroundMap(const Vec2& min, const Vec2& max) {
  origin_ = min;
  tiles_x_ = std::max<int64_t>(1, static_cast<int64_t>(std::ceil((max.x - min.x) / kTileMetres)));
  tiles_y_ = std::max<int64_t>(1, static_cast<int64_t>(std::ceil((max.y - min.y) / kTileMetres)));
  tiles_.resize(static_cast<size_t>(tiles_x_ * tiles_y_));
}

GroundMap::Cell* GroundMap::tile_for(int64_t tx, int64_t ty) {
  if (tx < 0 || ty < 0 || tx >= tiles_x_ || ty >= tiles_y_) return nullptr;
  auto& t = tiles_[static_cast<size_t>(ty * tiles_x_ + tx)];
  if (!t) {
    t.reset(new Cell[kTileCells * kTileCells]);
    const int64_t x0 = tx * kTileCells, y0 = ty * kTileCells;
    const LatticeNoise coarse(x0, y0, kTileCells, 23, 11), medium(x0, y0, kTileCells, 7, 12);
    const MaterialLook& verge = look(GroundMaterial::Verge);
    for (int y = 0; y < kTileCells; ++y)
      for (int x = 0; x < kTileCells; ++x) {
        const int64_t cx = x0 + x, cy = y0 + y;
        // World-anchored texture: fine grain plus metre-scale patches.
        const double fine =
            hash_unit(static_cast<uint64_t>(cx), static_cast<uint64_t>(cy), 7) * 2 - 1;
        const double v =
            std::clamp(0.35 * fine + 0.4 * coarse.at(cx, cy) + 0.25 * medium.at(cx, cy), -1.0, 1.0);
        const double f = 1 + v * verge.variation;
        t[static_cast<size_t>(y * kTileCells + x)] = {
            byte(verge.colour.r * f), byte(verge.colour.g * f), byte(verge.colour.b * f),
            byte(verge.reflectivity * 255), static_cast<int8_t>(std::lround(v * 127)),
            static_cast<uint8_t>(GroundMaterial::Verge)};
      }
  }
  return t.get();
}

void GroundMap::fill(const std::vector<Vec2>& polygon, GroundMaterial material) {
  if (polygon.size() < 3 || tiles_.empty()) return;
  constexpr int kShift = 4;  // sub-cell precision for OpenCV's polygon filler
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  std::vector<Vec2> cells;
  cells.reserve(polygon.size());
  for (const Vec2& p : polygon) {
    // Cell coordinates with cell centres at integers (OpenCV's convention).
    const Vec2 c = (p - origin_) / kCell - Vec2(0.5);
    cells.push_back(c);
    x0 = std::min(x0, c.x);
    y0 = std::min(y0, c.y);
    x1 = std::max(x1, c.x);
    y1 = std::max(y1, c.y);
  }
  const MaterialLook& l = look(material);
  const int64_t tx0 = std::max<int64_t>(0, static_cast<int64_t>(std::floor((x0 - 1) / kTileCells)));
  const int64_t ty0 = std::max<int64_t>(0, static_cast<int64_t>(std::floor((y0 - 1) / kTileCells)));
  const int64_t tx1 =
      std::min<int64_t>(tiles_x_ - 1, static_cast<int64_t>(std::floor((x1 + 1) / kTileCells)));
  const int64_t ty1 =
      std::min<int64_t>(tiles_y_ - 1, static_cast<int64_t>(std::floor((y1 + 1) / kTileCells)));
  std::vector<cv::Point> pts(cells.size());
  for (int64_t ty = ty0; ty <= ty1; ++ty)
    for (int64_t tx = tx0; tx <= tx1; ++tx) {
      // The part of the polygon's bounding box inside this tile.
      const int rx0 =
          static_cast<int>(std::clamp<double>(std::floor(x0) - 1 - tx * kTileCells, 0, kTileCells));
      const int ry0 =
          static_cast<int>(std::clamp<double>(std::floor(y0) - 1 - ty * kTileCells, 0, kTileCells));
      const int rx1 =
          static_cast<int>(std::clamp<double>(std::ceil(x1) + 2 - tx * kTileCells, 0, kTileCells));
      const int ry1 =
          static_cast<int>(std::clamp<double>(std::ceil(y1) + 2 - ty * kTileCells, 0, kTileCells));
      if (rx1 <= rx0 || ry1 <= ry0) continue;
      // Coverage mask with anti-aliased edges, then blend the material in.
      cv::Mat mask = cv::Mat::zeros(ry1 - ry0, rx1 - rx0, CV_8UC1);
      for (size_t i = 0; i < cells.size(); ++i)
        pts[i] = cv::Point(
            static_cast<int>(std::lround((cells[i].x - tx * kTileCells - rx0) * (1 << kShift))),
            static_cast<int>(std::lround((cells[i].y - ty * kTileCells - ry0) * (1 << kShift))));
      const cv::Point* p = pts.data();
      const int n = static_cast<int>(pts.size());
      cv::fillPoly(mask, &p, &n, 1, cv::Scalar(255), cv::LINE_AA, kShift);
      if (cv::countNonZero(mask) == 0) continue;
      Cell* data = tile_for(tx, ty);
      for (int y = 0; y < mask.rows; ++y) {
        const uint8_t* m = mask.ptr<uint8_t>(y);
        Cell* row = data + static_cast<size_t>((ry0 + y) * kTileCells + rx0);
        for (int x = 0; x < mask.cols; ++x) {
          if (!m[x]) continue;
          Cell& c = row[x];
          const double a = m[x] / 255.0;
          const double f = 1 + c.variation / 127.0 * l.variation;
          c.r = byte(c.r + (l.colour.r * f - c.r) * a);
          c.g = byte(c.g + (l.colour.g * f - c.g) * a);
          c.b = byte(c.b + (l.colour.b * f - c.b) * a);
          if (m[x] >= 128) c.material = static_cast<uint8_t>(material);
          c.reflectivity = byte(
              c.reflectivity +
              (255.0 * l.reflectivity * (1 + 0.15 * c.variation / 127.0) - c.reflectivity) * a);
        }
      }
    }
}

const GroundMap::Cell& GroundMap::cell(int64_t cx, int64_t cy) const {
  static const Cell kVerge{byte(look(GroundMaterial::Verge).colour.r),
                           byte(look(GroundMaterial::Verge).colour.g),
                           byte(look(GroundMaterial::Verge).colour.b),
                           byte(look(GroundMaterial::Verge).reflectivity * 255), 0,
                           static_cast<uint8_t>(GroundMaterial::Verge)};
  if (cx < 0 || cy < 0) return kVerge;
  const int64_t tx = cx / kTileCells, ty = cy / kTileCells;
  if (tx >= tiles_x_ || ty >= tiles_y_) return kVerge;
  const auto& t = tiles_[static_cast<size_t>(ty * tiles_x_ + tx)];
  if (!t) return kVerge;
  return t[static_cast<size_t>((cy - ty * kTileCells) * kTileCells + (cx - tx * kTileCells))];
}

Rgb GroundMap::colour(double x, double y) const {
  const double fx = (x - origin_.x) / kCell - 0.5, fy = (y - origin_.y) / kCell - 0.5;
  if (!(std::abs(fx) < 1e12 && std::abs(fy) < 1e12)) return look(GroundMaterial::Verge).colour;
  const double ix = std::floor(fx), iy = std::floor(fy);
  const double ux = fx - ix, uy = fy - iy;
  const auto cx = static_cast<int64_t>(ix), cy = static_cast<int64_t>(iy);
  const Cell *a, *b, *c, *d;
  const int64_t tx = cx >= 0 ? cx / kTileCells : -1, ty = cy >= 0 ? cy / kTileCells : -1;
  const int64_t lx = cx - tx * kTileCells, ly = cy - ty * kTileCells;
  const Cell* tile = tx >= 0 && ty >= 0 && tx < tiles_x_ && ty < tiles_y_
                         ? tiles_[static_cast<size_t>(ty * tiles_x_ + tx)].get()
                         : nullptr;
  if (tile && lx + 1 < kTileCells && ly + 1 < kTileCells) {
    // The common case: all four cells in one tile.
    a = tile + ly * kTileCells + lx;
    b = a + 1;
    c = a + kTileCells;
    d = c + 1;
  } else {
    a = &cell(cx, cy);
    b = &cell(cx + 1, cy);
    c = &cell(cx, cy + 1);
    d = &cell(cx + 1, cy + 1);
  }
  const double wa = (1 - ux) * (1 - uy), wb = ux * (1 - uy), wc = (1 - ux) * uy, wd = ux * uy;
  return {static_cast<float>(a->r * wa + b->r * wb + c->r * wc + d->r * wd),
          static_cast<float>(a->g * wa + b->g * wb + c->g * wc + d->g * wd),
          static_cast<float>(a->b * wa + b->b * wb + c->b * wc + d->b * wd)};
}

float GroundMap::reflectivity(double x, double y) const {
  const double fx = (x - origin_.x) / kCell, fy = (y - origin_.y) / kCell;
  if (!(fx >= 0 && fy >= 0 && fx < 1e12 && fy < 1e12))
    return look(GroundMaterial::Verge).reflectivity;
  return cell(static_cast<int64_t>(fx), static_cast<int64_t>(fy)).reflectivity / 255.0f;
}

GroundMaterial GroundMap::material(double x, double y) const {
  const double fx = (x - origin_.x) / kCell, fy = (y - origin_.y) / kCell;
  if (!(fx >= 0 && fy >= 0 && fx < 1e12 && fy < 1e12)) return GroundMaterial::Verge;
  return static_cast<GroundMaterial>(
      cell(static_cast<int64_t>(fx), static_cast<int64_t>(fy)).material);
}

}  // namespace vantage::core
