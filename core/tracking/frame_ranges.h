#pragma once
// Sets of frames kept as sorted, disjoint, non-adjacent inclusive ranges
// (Object::outside spans).

#include <vector>

#include "core/model/object.h"

namespace vantage::core {

// Sorts and merges overlapping or adjacent ranges; drops inverted ones.
void normalize_ranges(std::vector<FrameRange>& ranges);
void add_range(std::vector<FrameRange>& ranges, FrameRange r);
void subtract_range(std::vector<FrameRange>& ranges, FrameRange r);
// The ranges clipped to r.
std::vector<FrameRange> intersect_ranges(const std::vector<FrameRange>& ranges, FrameRange r);

}  // namespace vantage::core
