// PLY files (ascii, binary little and big endian; any elements, list
// properties): read_ply. A point cloud that reads has as many colours and rings as
// points, or none.
#include "core/io/point_cloud_io.h"
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  const auto path = fuzz::write_scratch("cloud.ply", {reinterpret_cast<const char*>(data), size});
  core::PointCloud cloud;
  if (!fuzz::accepts([&] { cloud = core::read_ply(path); })) return 0;
  if (!cloud.rgb.empty() && cloud.rgb.size() != cloud.size()) fuzz::fail("PLY colours != points");
  if (!cloud.ring.empty() && cloud.ring.size() != cloud.size()) fuzz::fail("PLY rings != points");
  return 0;
}
