// KITTI label lines (label_2 object or label_02 tracking, by the input's
// hash): parse; what parses is written back in the shortest exact style and
// must read back equal.
#include "core/formats/kitti_labels.h"
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto kind = (fuzz::flags_of(data, size) & 1) ? core::KittiLabelKind::Tracking
                                                     : core::KittiLabelKind::Object;
  std::vector<core::KittiLabel> labels;
  if (!fuzz::accepts([&] { labels = core::parse_kitti_labels(text, kind, "label.txt"); })) return 0;
  const std::string out = core::format_kitti_labels(labels, kind);
  std::vector<core::KittiLabel> again;
  if (!fuzz::accepts([&] { again = core::parse_kitti_labels(out, kind, "out.txt"); }))
    fuzz::fail("written KITTI labels do not parse");
  if (again != labels) fuzz::fail("KITTI labels do not round-trip");
  return 0;
}
