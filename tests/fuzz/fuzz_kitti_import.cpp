// KITTI object (label_2/000000.txt + calib/000000.txt) or tracking
// (label_02/0000.txt + calib/0000.txt) import, chosen by the input's hash:
// the label file is the first part of the input, the calibration the second
// (after "\n----\n"; a real KITTI calibration when empty). Labels with 3D
// boxes go through the calibration into cuboids; the result is exported again.
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

namespace {

// KITTI object 000001's calibration (drive 2011_09_26), rounded.
constexpr const char* kCalib =
    "P0: 721.5377 0 609.5593 0 0 721.5377 172.854 0 0 0 1 0\n"
    "P1: 721.5377 0 609.5593 -387.5744 0 721.5377 172.854 0 0 0 1 0\n"
    "P2: 721.5377 0 609.5593 44.85728 0 721.5377 172.854 0.2163791 0 0 1 0.002745884\n"
    "P3: 721.5377 0 609.5593 -339.5242 0 721.5377 172.854 2.199936 0 0 1 0.002729905\n"
    "R0_rect: 0.9999239 0.00983776 -0.007445048 -0.009869795 0.9999421 -0.004278459 "
    "0.007402527 0.004351614 0.9999631\n"
    "Tr_velo_to_cam: 0.007533745 -0.9999714 -0.000616602 -0.004069766 0.01480249 0.0007280733 "
    "-0.9998902 -0.07631618 0.9998621 0.007523790 0.01480755 -0.2717806\n"
    "Tr_imu_to_velo: 0.9999976 0.0007553071 -0.002035826 -0.8086759 -0.0007854027 0.9998898 "
    "-0.01482298 0.3195559 0.002024406 0.01482454 0.9998881 -0.7997231\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  const auto parts = fuzz::split_parts({reinterpret_cast<const char*>(data), size}, 2);
  const uint32_t flags = fuzz::flags_of(data, size);
  const bool tracking = (flags & 64) != 0;
  fuzz::clear_scratch();
  const std::string calib = parts[1].empty() ? std::string(kCalib) : std::string(parts[1]);
  if (tracking) {
    fuzz::write_scratch("in/label_02/0000.txt", parts[0]);
    fuzz::write_scratch("in/calib/0000.txt", calib);
  } else {
    fuzz::write_scratch("in/label_2/000000.txt", parts[0]);
    fuzz::write_scratch("in/calib/000000.txt", calib);
  }
  fuzz::import_and_export(tracking ? core::FormatId::KittiTracking : core::FormatId::Kitti,
                          fuzz::scratch_dir() / "in", flags);
  return 0;
}
