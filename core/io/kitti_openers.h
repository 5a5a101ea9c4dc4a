#pragma once
// Opening KITTI folders as documents (vantage open / info / project).
//
// Object benchmark: the `training/` (or `testing/`) folder with calib/,
// image_2/, velodyne/, label_2/ (and image_3/ when present), one file per
// frame named by number. Frames are the union of the numbers found, in
// order; a frame needs its calib file, the rest may be missing. Frames with
// equal calibration share one rig, whose image size is read from the first
// of their images (KITTI's rectified size is fixed per calibration day; the
// most common size, 1242x375, when none has an image). Every label line becomes
// its own object (ids 0, 1, ... in frame then line order) with a Box2D in
// "image_2" and, except 2D-only rows, a cuboid. DontCare rows are not
// objects: they become the frame's ignore regions (box, class "DontCare").
//
// Tracking benchmark: the `training/` folder plus a sequence id "0001":
// image_02/SEQ/*.png, velodyne/SEQ/*.bin, calib/SEQ.txt, label_02/SEQ.txt.
// Track ids become object ids; DontCare rows (track id -1) become ignore
// regions, other rows without a track objects numbered after the highest
// track id in file order. The frame
// count is the largest of the label frames and the image/velodyne numbers;
// frames without a file show as missing.
//
// Both: the vehicle frame is the Velodyne frame (core/geometry/kitti_rig.h),
// 10 frames per second, frame files stored as absolute paths, doc.folder =
// the KITTI folder (not a native folder: save elsewhere), schema = the
// default schema plus any label type it lacks. A folder holding `training/`
// is accepted for either.

#include <filesystem>
#include <string>
#include <vector>

#include "core/model/document.h"

namespace vantage::core {

bool is_kitti_object_folder(const std::filesystem::path& path);
Document open_kitti_object(const std::filesystem::path& path);

bool is_kitti_tracking_folder(const std::filesystem::path& path);
// Sequence ids found (label_02/*.txt, calib/*.txt, image_02/*, velodyne/*).
std::vector<std::string> kitti_tracking_sequences(const std::filesystem::path& path);
// Throws FileError when `sequence` is empty or not in the folder (the
// message lists the sequences there).
Document open_kitti_tracking(const std::filesystem::path& path, const std::string& sequence);

}  // namespace vantage::core
