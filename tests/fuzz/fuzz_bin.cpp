// Raw float32 sweeps (KITTI .bin, nuScenes .pcd.bin): read_kitti_bin with
// 3 to 6 values per point (from the input's hash).
#include "core/io/point_cloud_io.h"
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  const auto path = fuzz::write_scratch("cloud.bin", {reinterpret_cast<const char*>(data), size});
  const int vpp = 3 + static_cast<int>(fuzz::flags_of(data, size) % 4);
  core::PointCloud cloud;
  if (!fuzz::accepts([&] { cloud = core::read_kitti_bin(path, vpp); })) return 0;
  if (cloud.size() * static_cast<size_t>(vpp) * 4 != size) fuzz::fail(".bin point count is wrong");
  return 0;
}
