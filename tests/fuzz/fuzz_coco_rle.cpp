// COCO compressed RLE strings (pycocotools' "counts": "..."): decode; what
// decodes must encode back to the same string's runs, and the runs checked
// against a mask size (taken from the input's hash) must either be rejected
// or decode to a mask whose area and bounds agree with RleMask's.
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "core/formats/coco_rle.h"
#include "core/model/rle_mask.h"
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 65536) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto counts = core::rle_counts_from_string(text);
  if (!counts) return 0;
  const auto again = core::rle_counts_from_string(core::rle_counts_to_string(*counts));
  if (!again || *again != *counts) fuzz::fail("RLE counts do not round-trip");

  core::RleMask m;
  uint64_t total = 0;
  for (uint32_t c : *counts)
    total += c;
  // A size the runs fill exactly when the total allows one (small masks only).
  const uint32_t flags = fuzz::flags_of(data, size);
  m.height = static_cast<int>(1 + flags % 64);
  if (total % static_cast<uint64_t>(m.height) == 0 && total / m.height <= 4096)
    m.width = static_cast<int>(total / m.height);
  else
    m.width = static_cast<int>(1 + (flags >> 8) % 64);
  m.counts = *counts;
  const bool valid = m.valid();
  cv::Mat mask;
  const bool decoded = fuzz::accepts([&] { mask = core::rle_decode(m.counts, m.height, m.width); });
  // rle_decode also rejects empty masks (0 rows or columns), which valid()
  // accepts when there are no runs.
  if (decoded != (valid && m.height > 0 && m.width > 0))
    fuzz::fail("rle_decode and RleMask::valid disagree");
  if (!decoded) return 0;
  if (static_cast<uint64_t>(cv::countNonZero(mask)) != m.area()) fuzz::fail("RLE area is wrong");
  const core::Box2D b = m.bounds();
  if (m.area() > 0) {
    const cv::Rect r = cv::boundingRect(mask);
    if (b.x1 != r.x || b.y1 != r.y || b.x2 != r.x + r.width || b.y2 != r.y + r.height)
      fuzz::fail("RLE bounds are wrong");
  }
  if (core::rle_encode(mask) != m.counts && m.counts.size() > 0) {
    // Encoding is canonical (no empty runs but the first): only masks whose
    // runs are already canonical must come back unchanged.
    bool canonical = true;
    for (size_t i = 1; i < m.counts.size(); ++i)
      canonical &= m.counts[i] != 0;
    if (canonical) fuzz::fail("RLE does not re-encode to its runs");
  }
  return 0;
}
