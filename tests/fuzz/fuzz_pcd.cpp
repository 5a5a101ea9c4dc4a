// PCD files (ascii, binary, binary_compressed; any FIELDS/SIZE/TYPE/COUNT):
// read_pcd. A point cloud that reads has as many colours and rings as
// points, or none.
#include "core/io/point_cloud_io.h"
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  const auto path = fuzz::write_scratch("cloud.pcd", {reinterpret_cast<const char*>(data), size});
  core::PointCloud cloud;
  if (!fuzz::accepts([&] { cloud = core::read_pcd(path); })) return 0;
  if (!cloud.rgb.empty() && cloud.rgb.size() != cloud.size()) fuzz::fail("PCD colours != points");
  if (!cloud.ring.empty() && cloud.ring.size() != cloud.size()) fuzz::fail("PCD rings != points");
  return 0;
}
