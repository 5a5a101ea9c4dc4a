// KITTI calibration files (object and tracking-devkit key styles): parse;
// what parses is written in the object form and must read back equal.
#include "core/io/kitti_calibration.h"
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  core::KittiCalibration calib;
  if (!fuzz::accepts([&] { calib = core::parse_kitti_calibration(text, "calib.txt"); })) return 0;
  const std::string out = core::format_kitti_calibration(calib);
  core::KittiCalibration again;
  if (!fuzz::accepts([&] { again = core::parse_kitti_calibration(out, "out.txt"); }))
    fuzz::fail("written KITTI calibration does not parse");
  if (!(again == calib)) fuzz::fail("KITTI calibration does not round-trip");
  return 0;
}
