#include "core/segmentation/label_raster.h"

#include <algorithm>
#include <cstring>

#include <opencv2/core.hpp>

#include "core/util/error.h"

namespace vantage::core {

namespace {

constexpr int kPointTile = LabelTile::kEntries;

uint64_t mix64(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  h *= 0xff51afd7ed558ccdull;
  return h ^ (h >> 33);
}

}  // namespace

void PixelRect::extend(const PixelRect& o) {
  if (o.empty()) return;
  if (empty()) {
    *this = o;
    return;
  }
  x0 = std::min(x0, o.x0);
  y0 = std::min(y0, o.y0);
  x1 = std::max(x1, o.x1);
  y1 = std::max(y1, o.y1);
}

PixelRect PixelRect::intersect(const PixelRect& o) const {
  PixelRect r{std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
  if (r.empty()) return {};
  return r;
}

bool tile_is_zero(const LabelTile& t) {
  // Word-wise: four labels at a time.
  const auto* p = reinterpret_cast<const unsigned char*>(t.v.data());
  uint64_t acc = 0;
  for (size_t i = 0; i < sizeof(t.v); i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    acc |= w;
  }
  return acc == 0;
}

LabelRaster::LabelRaster(int w, int h, int tw, int th) : w_(w), h_(h), tw_(tw), th_(th) {
  if (w < 0 || h < 0) throw Error("label raster size must not be negative");
  tx_ = (w + tw - 1) / tw;
  ty_ = (h + th - 1) / th;
  tiles_.resize(static_cast<size_t>(tx_) * static_cast<size_t>(ty_));
}

LabelRaster LabelRaster::image(int width, int height) {
  return LabelRaster(width, height, kImageTile, kImageTile);
}

LabelRaster LabelRaster::points(size_t count) {
  if (count > static_cast<size_t>(INT32_MAX)) throw Error("too many points for a label raster");
  return LabelRaster(static_cast<int>(count), 1, kPointTile, 1);
}

PixelRect LabelRaster::tile_rect(size_t t) const {
  const int tx = static_cast<int>(t % static_cast<size_t>(tx_));
  const int ty = static_cast<int>(t / static_cast<size_t>(tx_));
  return {tx * tw_, ty * th_, std::min(w_, (tx + 1) * tw_), std::min(h_, (ty + 1) * th_)};
}

LabelRaster LabelRaster::from_mat(const cv::Mat& labels) {
  if (labels.channels() != 1 || (labels.depth() != CV_8U && labels.depth() != CV_16U))
    throw Error("label images must have one 8- or 16-bit channel");
  LabelRaster r = image(labels.cols, labels.rows);
  const bool wide = labels.depth() == CV_16U;
  for (size_t t = 0; t < r.tiles_.size(); ++t) {
    const PixelRect rect = r.tile_rect(t);
    auto tile = std::make_shared<LabelTile>();
    bool any = false;
    for (int y = rect.y0; y < rect.y1; ++y) {
      uint16_t* out = tile->v.data() + static_cast<size_t>((y - rect.y0) * kImageTile);
      if (wide) {
        const uint16_t* in = labels.ptr<uint16_t>(y) + rect.x0;
        for (int x = 0; x < rect.width(); ++x) {
          out[x] = in[x];
          any |= in[x] != 0;
        }
      } else {
        const uint8_t* in = labels.ptr<uint8_t>(y) + rect.x0;
        for (int x = 0; x < rect.width(); ++x) {
          out[x] = in[x];
          any |= in[x] != 0;
        }
      }
    }
    if (any) r.tiles_[t] = std::move(tile);
  }
  return r;
}

LabelRaster LabelRaster::from_points(const std::vector<uint16_t>& labels) {
  LabelRaster r = points(labels.size());
  for (size_t t = 0; t < r.tiles_.size(); ++t) {
    const size_t first = t * kPointTile;
    const size_t n = std::min<size_t>(kPointTile, labels.size() - first);
    bool any = false;
    for (size_t i = 0; i < n && !any; ++i)
      any = labels[first + i] != 0;
    if (!any) continue;
    auto tile = std::make_shared<LabelTile>();
    std::copy_n(labels.data() + first, n, tile->v.data());
    r.tiles_[t] = std::move(tile);
  }
  return r;
}

void LabelRaster::read_rect(const PixelRect& r, uint16_t* out, size_t stride) const {
  for (int y = r.y0; y < r.y1; ++y) {
    uint16_t* row = out + static_cast<size_t>(y - r.y0) * stride;
    const int ty = y / th_, ly = y % th_;
    for (int x = r.x0; x < r.x1;) {
      const int tx = x / tw_;
      const int xe = std::min(r.x1, (tx + 1) * tw_);
      const TilePtr& t = tiles_[static_cast<size_t>(ty) * static_cast<size_t>(tx_) +
                                static_cast<size_t>(tx)];
      uint16_t* o = row + (x - r.x0);
      if (t)
        std::memcpy(o, t->v.data() + ly * tw_ + (x - tx * tw_),
                    static_cast<size_t>(xe - x) * sizeof(uint16_t));
      else
        std::memset(o, 0, static_cast<size_t>(xe - x) * sizeof(uint16_t));
      x = xe;
    }
  }
}

cv::Mat LabelRaster::to_mat(const PixelRect& r) const {
  cv::Mat out(r.height(), r.width(), CV_16U);
  if (!r.empty()) read_rect(r, out.ptr<uint16_t>(), out.step1());
  return out;
}

cv::Mat LabelRaster::to_mat() const { return to_mat({0, 0, w_, h_}); }

std::vector<uint16_t> LabelRaster::to_points() const {
  std::vector<uint16_t> out(size());
  if (!out.empty()) read_rect({0, 0, w_, h_}, out.data(), out.size());
  return out;
}

uint16_t LabelRaster::max_label() const {
  uint16_t m = 0;
  for (const TilePtr& t : tiles_)
    if (t) m = std::max(m, *std::max_element(t->v.begin(), t->v.end()));
  return m;
}

std::vector<uint64_t> LabelRaster::histogram() const {
  std::vector<uint64_t> h(static_cast<size_t>(max_label()) + 1, 0);
  size_t allocated_pixels = 0;
  for (size_t i = 0; i < tiles_.size(); ++i) {
    const TilePtr& t = tiles_[i];
    if (!t) continue;
    const PixelRect r = tile_rect(i);
    for (int y = 0; y < r.height(); ++y)
      for (int x = 0; x < r.width(); ++x)
        ++h[t->v[static_cast<size_t>(y * tw_ + x)]];
    allocated_pixels += static_cast<size_t>(r.width()) * static_cast<size_t>(r.height());
  }
  h[0] += size() - allocated_pixels;
  return h;
}

uint64_t LabelRaster::hash() const {
  uint64_t h = mix64(mix64(0x5a17u, static_cast<uint64_t>(w_)), static_cast<uint64_t>(h_));
  for (size_t i = 0; i < tiles_.size(); ++i) {
    const TilePtr& t = tiles_[i];
    if (!t) continue;
    h = mix64(h, i);
    const auto* p = reinterpret_cast<const unsigned char*>(t->v.data());
    for (size_t k = 0; k < sizeof(t->v); k += 8) {
      uint64_t w;
      std::memcpy(&w, p + k, 8);
      h = (h ^ w) * 0x100000001b3ull;
      h ^= h >> 29;
    }
  }
  return mix64(h, tiles_.size());
}

size_t LabelRaster::allocated_tiles() const {
  return static_cast<size_t>(std::count_if(tiles_.begin(), tiles_.end(),
                                           [](const TilePtr& t) { return t != nullptr; }));
}

size_t LabelRaster::bytes() const {
  return allocated_tiles() * sizeof(LabelTile) + tiles_.size() * sizeof(TilePtr);
}

bool LabelRaster::operator==(const LabelRaster& o) const {
  if (w_ != o.w_ || h_ != o.h_ || tw_ != o.tw_ || th_ != o.th_) return false;
  for (size_t i = 0; i < tiles_.size(); ++i) {
    const TilePtr& a = tiles_[i];
    const TilePtr& b = o.tiles_[i];
    if (a == b) continue;
    if (!a || !b) return false;  // zero tiles are always null
    if (a->v != b->v) return false;
  }
  return true;
}

// --- RasterWriter ---------------------------------------------------------------

RasterWriter::RasterWriter(std::shared_ptr<const LabelRaster> base) : base_(std::move(base)) {
  if (!base_) throw Error("RasterWriter needs a raster");
  work_.resize(base_->tile_count());
}

uint16_t RasterWriter::get(int x, int y) const {
  const size_t t = base_->tile_index(x, y);
  if (const auto& w = work_[t])
    return w->v[static_cast<size_t>((y % base_->tile_height()) * base_->tile_width() +
                                    x % base_->tile_width())];
  return base_->at(x, y);
}

uint16_t* RasterWriter::tile_data(size_t t) {
  auto& w = work_[t];
  if (!w) {
    const TilePtr& b = base_->tile(t);
    w = b ? std::make_shared<LabelTile>(*b) : std::make_shared<LabelTile>();
    order_.push_back(static_cast<uint32_t>(t));
  }
  return w->v.data();
}

void RasterWriter::set(int x, int y, uint16_t v) {
  if (x < 0 || y < 0 || x >= width() || y >= height()) return;
  const size_t t = base_->tile_index(x, y);
  tile_data(t)[(y % base_->tile_height()) * base_->tile_width() + x % base_->tile_width()] = v;
  dirty_.extend({x, y, x + 1, y + 1});
}

std::vector<TileChange> RasterWriter::finish() {
  std::sort(order_.begin(), order_.end());
  std::vector<TileChange> out;
  for (const uint32_t t : order_) {
    std::shared_ptr<LabelTile> w = std::move(work_[t]);
    const TilePtr& before = base_->tile(t);
    const bool zero = tile_is_zero(*w);
    if (zero && !before) continue;
    if (before && before->v == w->v) continue;
    out.push_back({t, before, zero ? nullptr : TilePtr(std::move(w))});
  }
  order_.clear();
  work_.assign(base_->tile_count(), nullptr);
  dirty_ = {};
  return out;
}

std::shared_ptr<const LabelRaster> apply_tile_changes(const LabelRaster& raster,
                                                      const std::vector<TileChange>& changes,
                                                      bool undo) {
  auto out = std::make_shared<LabelRaster>(raster);
  for (const TileChange& c : changes)
    out->set_tile(c.index, undo ? c.before : c.after);
  return out;
}

void tile_change_histogram(const std::vector<TileChange>& changes, std::vector<int64_t>& delta) {
  auto count = [&](const TilePtr& t, int64_t sign) {
    if (!t) {
      if (delta.empty()) delta.resize(1, 0);
      delta[0] += sign * LabelTile::kEntries;
      return;
    }
    for (const uint16_t v : t->v) {
      if (v >= delta.size()) delta.resize(static_cast<size_t>(v) + 1, 0);
      delta[v] += sign;
    }
  };
  for (const TileChange& c : changes) {
    count(c.before, -1);
    count(c.after, +1);
  }
}

}  // namespace vantage::core
