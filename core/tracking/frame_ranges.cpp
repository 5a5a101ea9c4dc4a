#include "core/tracking/frame_ranges.h"

#include <algorithm>

namespace vantage::core {

void normalize_ranges(std::vector<FrameRange>& ranges) {
  ranges.erase(std::remove_if(ranges.begin(), ranges.end(),
                              [](const FrameRange& r) { return r.last < r.first; }),
               ranges.end());
  std::sort(ranges.begin(), ranges.end(),
            [](const FrameRange& a, const FrameRange& b) { return a.first < b.first; });
  std::vector<FrameRange> out;
  for (const FrameRange& r : ranges) {
    if (!out.empty() && r.first <= out.back().last + 1) {
      out.back().last = std::max(out.back().last, r.last);
    } else {
      out.push_back(r);
    }
  }
  ranges = std::move(out);
}

void add_range(std::vector<FrameRange>& ranges, FrameRange r) {
  ranges.push_back(r);
  normalize_ranges(ranges);
}

void subtract_range(std::vector<FrameRange>& ranges, FrameRange r) {
  std::vector<FrameRange> out;
  for (const FrameRange& x : ranges) {
    if (x.last < r.first || x.first > r.last) {
      out.push_back(x);
      continue;
    }
    if (x.first < r.first) out.push_back({x.first, r.first - 1});
    if (x.last > r.last) out.push_back({r.last + 1, x.last});
  }
  ranges = std::move(out);
  normalize_ranges(ranges);
}

std::vector<FrameRange> intersect_ranges(const std::vector<FrameRange>& ranges, FrameRange r) {
  std::vector<FrameRange> out;
  for (const FrameRange& x : ranges) {
    const FrameRange c{std::max(x.first, r.first), std::min(x.last, r.last)};
    if (c.first <= c.last) out.push_back(c);
  }
  return out;
}

}  // namespace vantage::core
