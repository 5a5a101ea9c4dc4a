#include "core/model/rle_mask.h"

#include <algorithm>
#include <optional>
#include <string>

namespace vantage::core {

std::optional<std::vector<uint32_t>> rle_counts_from_string(const std::string& s) {
  // pycocotools rleFrString: 5 bits per character (offset 48), bit 0x20 says
  // "more characters follow", bit 0x10 of the last one is the sign; from the
  // third run on, values are deltas against the run two places back.
  std::vector<int64_t> runs;
  size_t p = 0;
  while (p < s.size()) {
    int64_t x = 0;
    int k = 0;
    bool more = true;
    while (more) {
      if (p >= s.size() || k > 12) return std::nullopt;
      const int c = static_cast<unsigned char>(s[p]) - 48;
      if (c < 0 || c > 63) return std::nullopt;
      // Unsigned: a 13-digit run shifts bits past the sign (UB for int64_t).
      x = static_cast<int64_t>(static_cast<uint64_t>(x) | (static_cast<uint64_t>(c & 0x1f) << (5 * k)));
      more = (c & 0x20) != 0;
      ++p;
      ++k;
      if (!more && (c & 0x10) && 5 * k < 64)
        x = static_cast<int64_t>(static_cast<uint64_t>(x) | (~uint64_t{0} << (5 * k)));
    }
    if (runs.size() > 2)  // wraps instead of overflowing; the counts are checked below
      x = static_cast<int64_t>(static_cast<uint64_t>(x) + static_cast<uint64_t>(runs[runs.size() - 2]));
    runs.push_back(x);
  }
  std::vector<uint32_t> out;
  out.reserve(runs.size());
  for (const int64_t r : runs) {
    if (r < 0 || r > UINT32_MAX) return std::nullopt;
    out.push_back(static_cast<uint32_t>(r));
  }
  return out;
}

std::string rle_counts_to_string(const std::vector<uint32_t>& counts) {
  // pycocotools rleToString: the inverse of the reader above.
  std::string s;
  for (size_t i = 0; i < counts.size(); ++i) {
    int64_t x = counts[i];
    if (i > 2) x -= static_cast<int64_t>(counts[i - 2]);
    bool more = true;
    while (more) {
      int64_t c = x & 0x1f;
      x >>= 5;  // arithmetic shift: negative deltas keep their sign
      more = (c & 0x10) ? x != -1 : x != 0;
      if (more) c |= 0x20;
      s.push_back(static_cast<char>(c + 48));
    }
  }
  return s;
}


uint64_t RleMask::area() const {
  uint64_t a = 0;
  for (size_t i = 1; i < counts.size(); i += 2)
    a += counts[i];
  return a;
}

bool RleMask::valid() const {
  if (height < 0 || width < 0) return false;
  uint64_t sum = 0;
  for (const uint32_t c : counts)
    sum += c;
  return sum == static_cast<uint64_t>(height) * static_cast<uint64_t>(width);
}

Box2D RleMask::bounds() const {
  if (height <= 0) return {};
  const uint64_t h = static_cast<uint64_t>(height);
  uint64_t pos = 0;
  uint64_t c0 = UINT64_MAX, c1 = 0, r0 = UINT64_MAX, r1 = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    const uint64_t n = counts[i];
    if (i % 2 == 1 && n > 0) {
      // Set pixels pos .. pos + n - 1, column-major.
      const uint64_t first = pos, last = pos + n - 1;
      const uint64_t fc = first / h, lc = last / h;
      c0 = std::min(c0, fc);
      c1 = std::max(c1, lc);
      if (fc == lc) {
        r0 = std::min(r0, first % h);
        r1 = std::max(r1, last % h);
      } else {  // the run wraps past a column end: its rows reach both edges
        r0 = 0;
        r1 = h - 1;
      }
    }
    pos += n;
  }
  if (c0 == UINT64_MAX) return {};
  return {static_cast<double>(c0), static_cast<double>(r0), static_cast<double>(c1 + 1),
          static_cast<double>(r1 + 1)};
}

}  // namespace vantage::core
