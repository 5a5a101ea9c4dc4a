// KITTI tracking sequence -> Document (see kitti_openers.h).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "core/geometry/kitti_rig.h"
#include "core/io/kitti_calibration.h"
#include "core/io/kitti_open_common.h"
#include "core/io/kitti_openers.h"
#include "core/util/error.h"

namespace vantage::core {

namespace fs = std::filesystem;
using namespace kitti_detail;

bool is_kitti_tracking_folder(const fs::path& path) {
  std::error_code ec;
  const fs::path root = kitti_root(path);
  return fs::is_directory(root / "calib", ec) &&
         (fs::is_directory(root / "label_02", ec) || fs::is_directory(root / "image_02", ec));
}

std::vector<std::string> kitti_tracking_sequences(const fs::path& path) {
  const fs::path root = kitti_root(path);
  std::set<std::string> out;
  std::error_code ec;
  for (const char* dir : {"label_02", "calib"})
    for (const auto& [n, p] : numbered_files(root / dir, ".txt"))
      out.insert(p.stem().string());
  for (const char* dir : {"image_02", "velodyne"}) {
    if (!fs::is_directory(root / dir, ec)) continue;
    for (const auto& e : fs::directory_iterator(root / dir, ec))
      if (e.is_directory(ec)) out.insert(e.path().filename().string());
  }
  return {out.begin(), out.end()};
}

Document open_kitti_tracking(const fs::path& path, const std::string& sequence) {
  const fs::path root = fs::absolute(kitti_root(path)).lexically_normal();
  if (sequence.empty())
    throw FileError(
        root.string(), "",
        fmt::format("KITTI tracking folder: choose a sequence with --sequence (here: {})",
                    fmt::join(kitti_tracking_sequences(root), ", ")));
  std::error_code ec;
  const fs::path label_path = root / "label_02" / (sequence + ".txt");
  const fs::path calib_path = root / "calib" / (sequence + ".txt");
  const auto images = numbered_files(root / "image_02" / sequence, ".png");
  const auto right_images = numbered_files(root / "image_03" / sequence, ".png");
  const auto clouds = numbered_files(root / "velodyne" / sequence, ".bin");
  const bool has_labels = fs::is_regular_file(label_path, ec);
  if (!has_labels && images.empty() && clouds.empty())
    throw FileError(root.string(), "",
                    fmt::format("no KITTI tracking sequence '{}' here (sequences: {})", sequence,
                                fmt::join(kitti_tracking_sequences(root), ", ")));
  if (!fs::is_regular_file(calib_path, ec))
    throw FileError(calib_path.string(), "",
                    "missing: a KITTI tracking sequence needs its calibration");
  const KittiCalibration calib = read_kitti_calibration(calib_path);
  const std::vector<KittiLabel> labels =
      has_labels ? read_kitti_labels(label_path, KittiLabelKind::Tracking)
                 : std::vector<KittiLabel>{};

  int frame_count = 0;
  for (const KittiLabel& l : labels)
    frame_count = std::max(frame_count, l.frame + 1);
  for (const auto* m : {&images, &right_images, &clouds})
    if (!m->empty()) frame_count = std::max(frame_count, m->rbegin()->first + 1);

  std::pair<int, int> size{kDefaultWidth, kDefaultHeight};
  for (const auto& [n, p] : images)
    if (const auto s = image_size(p)) {
      size = *s;
      break;
    }

  Document doc;
  doc.folder = root;
  doc.sequence.name = sequence;
  doc.sequence.rigs = {make_kitti_rig(calib, size.first, size.second, !right_images.empty())};
  doc.sequence.frames.resize(static_cast<size_t>(frame_count));
  for (int f = 0; f < frame_count; ++f) {
    Frame& frame = doc.sequence.frames[static_cast<size_t>(f)];
    frame.timestamp_us = int64_t{f} * 100000;
    if (auto it = images.find(f); it != images.end())
      frame.files[kKittiLeftCamera] = it->second.string();
    if (auto it = right_images.find(f); it != right_images.end())
      frame.files[kKittiRightCamera] = it->second.string();
    if (auto it = clouds.find(f); it != clouds.end())
      frame.files[kKittiLidar] = it->second.string();
  }

  // Track ids as object ids; rows without a track (other than DontCare,
  // which are ignore regions) numbered after them.
  const KittiBoxConverter conv(calib);
  ObjectId next_free = 0;
  for (const KittiLabel& l : labels)
    next_free = std::max(next_free, l.track_id + 1);
  std::map<ObjectId, Object> objects;
  std::set<std::string> types;
  for (const KittiLabel& l : labels) {
    if (l.is_dont_care()) {
      doc.annotations.ignore_regions[l.frame].push_back(
          {kKittiLeftCamera, l.box, l.type, kKittiDontCareReason});
      continue;
    }
    types.insert(l.type);
    const ObjectId id = l.track_id >= 0 ? l.track_id : next_free++;
    Object& object = objects[id];
    if (object.class_name.empty()) {
      object.id = id;
      object.class_name = l.type;
    }
    if (const Track* t = object.track(kKittiLeftCamera, ShapeKind::Box2D); t && t->at(l.frame))
      throw FileError(label_path.string(), fmt::format("frame {}", l.frame),
                      fmt::format("track {} has more than one row", l.track_id));
    add_label_shapes(object, l.frame, kitti_label_to_shapes(l, KittiLabelKind::Tracking, conv));
  }
  doc.annotations.objects.reserve(objects.size());
  for (auto& [id, object] : objects)
    doc.annotations.objects.push_back(std::move(object));
  doc.schema = kitti_schema(types);
  doc.annotations.metadata.schema_version = doc.schema.version;
  doc.annotations.metadata.extra["source"] = "kitti_tracking";
  return doc;
}

}  // namespace vantage::core
