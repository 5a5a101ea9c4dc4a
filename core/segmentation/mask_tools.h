#pragma once
// Pixel-label editing operations on a RasterWriter (core, no GL): brush and
// eraser strokes, flood fill, polygon fill, and conversions between one
// label's pixels and polygons (with holes). Coordinates are Vantage's
// continuous image coordinates: pixel (c, r) covers [c, c+1) x [r, r+1) and
// its centre is (c + 0.5, r + 0.5). A pixel is inside a shape when its centre
// is.

#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

#include "core/model/shape.h"
#include "core/segmentation/label_raster.h"
#include "core/segmentation/segmentation_commands.h"

namespace vantage::core {

// One segment of a brush stroke: every pixel whose centre lies within
// `radius` of the line from a to b (a capsule) gets `value`, unless `keep`
// protects it. value 0 erases. Returns the rectangle it may have changed.
PixelRect brush_segment(RasterWriter& w, const Vec2& a, const Vec2& b, double radius,
                        uint16_t value, const ProtectRule& keep = {});

// Replaces the 4-connected region of pixels that share the label at `seed`
// with `value` (clipped to `limit` when it is not empty). Returns the
// number of pixels changed.
size_t flood_fill(RasterWriter& w, int seed_x, int seed_y, uint16_t value,
                  const PixelRect& limit = {}, const ProtectRule& keep = {});

// Fills a polygon with holes (even-odd over its rings, pixel centres).
PixelRect fill_polygon(RasterWriter& w, const Polygon& polygon, uint16_t value,
                       const ProtectRule& keep = {});
// Sets `value` where `mask` (CV_8U, non-zero = set) is set, the mask's
// top-left at (x0, y0); with `clear`, pixels of `value` outside the mask
// (within its rectangle) are cleared. Returns the changed rectangle.
PixelRect write_mask(RasterWriter& w, const cv::Mat& mask, int x0, int y0, uint16_t value,
                     const ProtectRule& keep = {}, bool clear = false);

// The pixels of one label as a CV_8U 0/1 mask of the whole raster.
cv::Mat label_mask(const LabelRaster& labels, uint16_t value);
// Tight bounds of one label's pixels (empty when none).
PixelRect label_bounds(const LabelRaster& labels, uint16_t value);
// Outer rings with holes of one label, largest first (see coco_rle.h).
std::vector<Polygon> label_polygons(const LabelRaster& labels, uint16_t value);

}  // namespace vantage::core
