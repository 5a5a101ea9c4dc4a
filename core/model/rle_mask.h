#pragma once
// A binary image mask kept as COCO run lengths: column-major runs over a
// height x width image, alternating 0 and 1 and starting with a (possibly
// empty) run of 0s, as pycocotools stores them. Compact for the regions that
// come from COCO files (crowd regions), exact in a round trip, and cheap to
// compare; decode it with core/formats/coco_rle.h when pixels are needed.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/shape.h"

namespace vantage::core {

struct RleMask {
  int height = 0;
  int width = 0;
  std::vector<uint32_t> counts;

  // Pixels set (sum of the odd runs).
  uint64_t area() const;
  // Bounding box of the set pixels in continuous image coordinates (pixel
  // (c, r) covers [c, c+1) x [r, r+1)); an empty box when none is set.
  Box2D bounds() const;
  // Whether the runs add up to height * width.
  bool valid() const;

  bool operator==(const RleMask& o) const {
    return height == o.height && width == o.width && counts == o.counts;
  }
};

// Run lengths from pycocotools' compressed string ("counts": "..."); nullopt
// when malformed.
std::optional<std::vector<uint32_t>> rle_counts_from_string(const std::string& s);
// pycocotools' compressed string of run lengths (LEB128-like, 6 bits per
// character from '0', deltas against the run two back from the third on).
std::string rle_counts_to_string(const std::vector<uint32_t>& counts);

}  // namespace vantage::core
