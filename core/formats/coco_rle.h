#pragma once
// COCO run-length encoded masks (segmentation of "iscrowd" annotations and of
// mask-based tools): decoding of uncompressed ("counts": [ints]) and
// compressed ("counts": "string", pycocotools' LEB128-like text) RLE, and
// conversion of a mask to polygons with OpenCV contours.
//
// Mask -> polygon convention: vertices sit on the centres of the mask's
// boundary pixels (pixel (c, r) becomes (c + 0.5, r + 0.5) in Vantage's
// continuous image coordinates, where (0, 0) is the top-left corner of the
// first pixel). Straight runs are compressed (CHAIN_APPROX_SIMPLE). A mask
// with several parts gives several outer rings, largest first, each with its
// holes.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/model/rle_mask.h"
#include "core/model/shape.h"

namespace vantage::core {

// Masks larger than this are refused before anything is allocated (a 16k x
// 16k image; the two buffers of a decode take 512 MiB).
inline constexpr uint64_t kMaxMaskPixels = uint64_t{1} << 28;

// The mask (CV_8U, 0/1) of an RLE in COCO's column-major order. Throws
// Error when the runs do not add up to height * width, or the mask has more
// than kMaxMaskPixels pixels.
cv::Mat rle_decode(const std::vector<uint32_t>& counts, int height, int width);
// Column-major runs of a CV_8U mask (non-zero = set), first run of 0s.
std::vector<uint32_t> rle_encode(const cv::Mat& mask);
// A polygon (with holes) rasterised to a mask of the given size: pixel
// (c, r) is set when its centre (c + 0.5, r + 0.5) is inside.
cv::Mat polygon_to_mask(const Polygon& polygon, int height, int width);
// Outer rings with their holes, largest outer ring first.
std::vector<Polygon> mask_to_polygons(const cv::Mat& mask);
// Shoelace area of a ring (positive).
double ring_area(const std::vector<Vec2>& ring);

}  // namespace vantage::core
