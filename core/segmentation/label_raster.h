#pragma once
// A raster of 16-bit labels stored in fixed-size tiles that are shared and
// never changed once built (copy on write). Copying a raster copies tile
// pointers; an edit replaces only the tiles it touches, so an undo step holds
// the few tiles a brush stroke changed, not a copy of the mask.
//
// Images use 64x64 tiles; LiDAR point labels use the same 4096-entry tiles as
// runs of 4096 consecutive points (a width x 1 raster). A tile whose labels
// are all 0 is always stored as a null pointer: two rasters with the same
// labels have the same tile layout, which makes hashing and comparing cheap.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

// OpenCV only where labels meet images (label_raster.cpp): this header is
// part of annotations.h, which nearly every file includes.
namespace cv {
class Mat;
}

namespace vantage::core {

struct LabelTile {
  static constexpr int kEntries = 4096;
  std::array<uint16_t, kEntries> v{};
};
using TilePtr = std::shared_ptr<const LabelTile>;

// Pixel rectangle [x0, x1) x [y0, y1).
struct PixelRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
  void extend(const PixelRect& o);
  PixelRect intersect(const PixelRect& o) const;
  bool operator==(const PixelRect& o) const {
    return x0 == o.x0 && y0 == o.y0 && x1 == o.x1 && y1 == o.y1;
  }
};

class LabelRaster {
 public:
  static constexpr int kImageTile = 64;

  LabelRaster() = default;
  // An all-zero image raster (64x64 tiles).
  static LabelRaster image(int width, int height);
  // An all-zero raster of `count` point labels (4096 x 1 tiles).
  static LabelRaster points(size_t count);
  // From a CV_8U or CV_16U single-channel image.
  static LabelRaster from_mat(const cv::Mat& labels);
  static LabelRaster from_points(const std::vector<uint16_t>& labels);

  int width() const { return w_; }
  int height() const { return h_; }
  size_t size() const { return static_cast<size_t>(w_) * static_cast<size_t>(h_); }
  bool is_points() const { return th_ == 1; }
  int tile_width() const { return tw_; }
  int tile_height() const { return th_; }
  int tiles_x() const { return tx_; }
  int tiles_y() const { return ty_; }
  size_t tile_count() const { return tiles_.size(); }
  size_t tile_index(int x, int y) const {
    return static_cast<size_t>(y / th_) * static_cast<size_t>(tx_) + static_cast<size_t>(x / tw_);
  }
  // Rectangle a tile covers, clipped to the raster.
  PixelRect tile_rect(size_t t) const;

  uint16_t at(int x, int y) const {
    const TilePtr& t = tiles_[tile_index(x, y)];
    return t ? t->v[static_cast<size_t>((y % th_) * tw_ + x % tw_)] : uint16_t{0};
  }
  uint16_t point(size_t i) const { return at(static_cast<int>(i), 0); }
  const TilePtr& tile(size_t t) const { return tiles_[t]; }
  // Replaces one tile; an all-zero tile must be passed as nullptr.
  void set_tile(size_t t, TilePtr tile) { tiles_[t] = std::move(tile); }

  // Copies a rectangle into a CV_16U image of its size.
  cv::Mat to_mat(const PixelRect& r) const;
  cv::Mat to_mat() const;
  std::vector<uint16_t> to_points() const;
  // Writes labels row by row into `out` (rect.width() entries per row,
  // `stride` entries apart). For texture uploads of a dirty rectangle.
  void read_rect(const PixelRect& r, uint16_t* out, size_t stride) const;

  uint16_t max_label() const;
  // Pixels per label value (index = label), sized max_label() + 1.
  std::vector<uint64_t> histogram() const;
  // Content hash (dimensions and labels); equal labels give equal hashes.
  uint64_t hash() const;
  // Memory held by allocated tiles.
  size_t bytes() const;
  size_t allocated_tiles() const;

  // Same dimensions and labels (shared tiles compare by pointer first).
  bool operator==(const LabelRaster& o) const;
  bool operator!=(const LabelRaster& o) const { return !(*this == o); }

 private:
  LabelRaster(int w, int h, int tw, int th);
  int w_ = 0, h_ = 0, tw_ = kImageTile, th_ = kImageTile, tx_ = 0, ty_ = 0;
  std::vector<TilePtr> tiles_;
};

// Whether every entry of a tile is 0.
bool tile_is_zero(const LabelTile& t);

// One tile replaced by an edit: what undo puts back and redo re-applies.
struct TileChange {
  uint32_t index = 0;
  TilePtr before;
  TilePtr after;
};

// An edit session on a raster: tiles are copied on their first write, and
// finish() returns only the tiles whose labels changed (all-zero results as
// null). Reads see the edits made so far.
class RasterWriter {
 public:
  explicit RasterWriter(std::shared_ptr<const LabelRaster> base);

  const LabelRaster& base() const { return *base_; }
  int width() const { return base_->width(); }
  int height() const { return base_->height(); }
  uint16_t get(int x, int y) const;
  void set(int x, int y, uint16_t v);
  // Sets [x0, x1) of row y to `v` where keep(old) is false; clipped to the
  // raster. `keep` decides which labels an edit may not overwrite.
  template <class Keep>
  void span(int y, int x0, int x1, uint16_t v, const Keep& keep);
  void span(int y, int x0, int x1, uint16_t v) {
    span(y, x0, x1, v, [](uint16_t) { return false; });
  }
  // Writable copy of a tile (made on first use).
  uint16_t* tile_data(size_t t);
  // Rectangle covering every write so far.
  const PixelRect& dirty() const { return dirty_; }
  bool touched() const { return !work_.empty(); }

  // The changed tiles, in tile order. The writer is empty afterwards.
  std::vector<TileChange> finish();

 private:
  std::shared_ptr<const LabelRaster> base_;
  std::vector<std::shared_ptr<LabelTile>> work_;  // by tile index, null when untouched
  std::vector<uint32_t> order_;
  PixelRect dirty_;
};

// The raster with `changes` applied (their `after` tiles, or `before` when
// `undo`).
std::shared_ptr<const LabelRaster> apply_tile_changes(const LabelRaster& raster,
                                                      const std::vector<TileChange>& changes,
                                                      bool undo);
// Per-label pixel count deltas of `changes` (after minus before).
void tile_change_histogram(const std::vector<TileChange>& changes, std::vector<int64_t>& delta);

template <class Keep>
void RasterWriter::span(int y, int x0, int x1, uint16_t v, const Keep& keep) {
  if (y < 0 || y >= height()) return;
  if (x0 < 0) x0 = 0;
  if (x1 > width()) x1 = width();
  if (x0 >= x1) return;
  const int tw = base_->tile_width(), th = base_->tile_height();
  const int ty = y / th;
  const int ly = y % th;
  for (int x = x0; x < x1;) {
    const int tx = x / tw;
    const int xe = std::min(x1, (tx + 1) * tw);
    const size_t t = static_cast<size_t>(ty) * static_cast<size_t>(base_->tiles_x()) +
                     static_cast<size_t>(tx);
    uint16_t* row = tile_data(t) + static_cast<size_t>(ly * tw) - static_cast<size_t>(tx * tw);
    for (int i = x; i < xe; ++i)
      if (!keep(row[i])) row[i] = v;
    x = xe;
  }
  dirty_.extend({x0, y, x1, y + 1});
}

}  // namespace vantage::core
