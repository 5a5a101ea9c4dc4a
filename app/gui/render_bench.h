#pragma once
// `vantage bench`'s renderer figures (run as `vantage-gui bench-render`):
// each frame beside the bare draw it is built on, measured in the same run
// on this machine's OpenGL (a real GPU or Mesa's llvmpipe), so anyone can
// compare. Prints one JSON object per figure, one per line:
//   {"name": ..., "value": ..., "unit": "ms"|"fps", "baseline": ...,
//    "baseline_value": ..., "note": ...}
// The Google Benchmark program bench/vantage_render_bench has the detail.

namespace vantage::gui {

// `quick`: fewer repetitions. Returns the process exit code.
int run_render_bench(bool quick);

}  // namespace vantage::gui
