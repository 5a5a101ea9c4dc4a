// nuScenes samples as mmdetection3d info JSON (*.mmdet3d_info.json):
// open_nuscenes, cameras from cam2img / lidar2cam / cam2ego, boxes through
// lidar2ego. Sensor files are absent: frames show them as missing.
#include "core/io/open_nuscenes.h"
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  fuzz::clear_scratch();
  const auto path = fuzz::write_scratch("in/sample.mmdet3d_info.json",
                                        {reinterpret_cast<const char*>(data), size});
  fuzz::accepts([&] { (void)core::open_nuscenes(path); });
  return 0;
}
