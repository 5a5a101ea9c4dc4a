#pragma once
// KITTI calibration files (calib/*.txt), read into core::KittiCalibration
// verbatim and written back in the object benchmark's form.
//
// Two key styles occur in the wild, even in one folder:
//   object form     P0: P1: P2: P3: R0_rect: Tr_velo_to_cam: Tr_imu_to_velo:
//   tracking devkit P0: P1: P2: P3: R_rect   Tr_velo_cam     Tr_imu_velo
// (the tracking form has no colon after the last three keys, and trailing
// spaces). Both are accepted, with or without colons. P* and Tr_* hold 12
// row-major values (3x4), R0_rect 9 (3x3). Other keys (some tools add
// Tr_cam_to_road, raw-data files add calib_time) are ignored.
//
// Bad input throws FileError naming the file, "line N" and the key: a wrong
// value count, a non-numeric value, a key given twice, and (location empty,
// since no line holds it) a missing key.

#include <filesystem>
#include <string>
#include <string_view>

#include "core/io/file_util.h"
#include "core/model/sensor.h"

namespace vantage::core {

KittiCalibration parse_kitti_calibration(std::string_view text, const std::string& file);
KittiCalibration read_kitti_calibration(const std::filesystem::path& path);

// The object form, one key per line and a blank line at the end, as KITTI
// writes it. Each value is printed "%.12e" (KITTI's own precision) when that
// reads back to the same double, else in the shortest exact form, so the real
// object calib files are reproduced byte for byte and nothing is ever lost.
std::string format_kitti_calibration(const KittiCalibration& calibration);
void write_kitti_calibration(const std::filesystem::path& path, const KittiCalibration& calibration,
                             const AtomicWriteOptions& options = {false, true});

}  // namespace vantage::core
