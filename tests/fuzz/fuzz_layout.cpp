// The workstation's layout.json: load_layout never throws; it gives sizes
// the layout can use (finite, positive) or the defaults with a message.
#include <cmath>

#include "app/gui/layout.h"
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  const auto path = fuzz::write_scratch("layout.json", {reinterpret_cast<const char*>(data), size});
  gui::LayoutSizes s;
  std::string err;
  const bool ok = gui::load_layout(path, s, &err);
  if (!ok && err.empty()) fuzz::fail("load_layout failed without a message");
  for (float v : {s.left_width, s.right_width, s.timeline_height, s.scene_fraction, s.detail_height})
    if (!std::isfinite(v) || v <= 0) fuzz::fail("load_layout gave a size the layout cannot use");
  return 0;
}
