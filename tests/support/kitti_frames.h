#pragma once
// The four real KITTI scans with labels in ../shared/data (object 000000-2
// and tracking 0000 frame 0), with their labelled boxes converted to the
// Velodyne frame, for the geometry tests. Header-only: uses the core readers
// and the exact KITTI box converter.

#include <filesystem>
#include <string>
#include <vector>

#include "core/formats/kitti_labels.h"
#include "core/geometry/kitti_convert.h"
#include "core/io/kitti_calibration.h"
#include "core/io/point_cloud_io.h"

namespace vantage::test {

struct KittiObject {
  std::string type;
  int64_t track_id = -1;
  core::Cuboid box;  // Velodyne frame
};

struct KittiFrame {
  std::string name;
  core::PointCloud cloud;
  std::vector<KittiObject> objects;  // DontCare and 2D-only rows left out
};

inline std::vector<KittiObject> kitti_objects(const std::vector<core::KittiLabel>& labels,
                                              const core::KittiCalibration& calib, int frame = -1) {
  const core::KittiBoxConverter conv(calib);
  std::vector<KittiObject> out;
  for (const auto& l : labels) {
    if (!l.has_3d() || (frame >= 0 && l.frame != frame)) continue;
    out.push_back({l.type, l.track_id,
                   conv.to_cuboid({l.height, l.width, l.length, l.location, l.rotation_y})});
  }
  return out;
}

inline std::vector<KittiFrame> load_kitti_frames(const std::filesystem::path& data) {
  std::vector<KittiFrame> out;
  const auto obj = data / "kitti_object";
  for (const std::string id : {"000000", "000001", "000002"}) {
    const auto calib = core::read_kitti_calibration(obj / "calib" / (id + ".txt"));
    const auto labels =
        core::read_kitti_labels(obj / "label_2" / (id + ".txt"), core::KittiLabelKind::Object);
    out.push_back({"object/" + id, core::read_kitti_bin(obj / "velodyne" / (id + ".bin")),
                   kitti_objects(labels, calib)});
  }
  const auto tr = data / "kitti_tracking" / "training";
  const auto calib = core::read_kitti_calibration(tr / "calib" / "0000.txt");
  const auto labels =
      core::read_kitti_labels(tr / "label_02" / "0000.txt", core::KittiLabelKind::Tracking);
  out.push_back({"tracking/0000/000000",
                 core::read_kitti_bin(tr / "velodyne" / "0000" / "000000.bin"),
                 kitti_objects(labels, calib, 0)});
  return out;
}

}  // namespace vantage::test
