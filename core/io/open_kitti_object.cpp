// KITTI object benchmark folder -> Document (see kitti_openers.h).
#include <fmt/format.h>

#include <algorithm>

#include "core/geometry/kitti_rig.h"
#include "core/io/kitti_calibration.h"
#include "core/io/kitti_open_common.h"
#include "core/io/kitti_openers.h"
#include "core/util/error.h"

namespace vantage::core {

namespace fs = std::filesystem;
using namespace kitti_detail;

bool is_kitti_object_folder(const fs::path& path) {
  std::error_code ec;
  const fs::path root = kitti_root(path);
  return fs::is_directory(root / "calib", ec) &&
         (fs::is_directory(root / "label_2", ec) || fs::is_directory(root / "image_2", ec));
}

Document open_kitti_object(const fs::path& path) {
  const fs::path root = fs::absolute(kitti_root(path)).lexically_normal();
  const auto images = numbered_files(root / "image_2", ".png");
  const auto right_images = numbered_files(root / "image_3", ".png");
  const auto clouds = numbered_files(root / "velodyne", ".bin");
  const auto calibs = numbered_files(root / "calib", ".txt");
  const auto label_files = numbered_files(root / "label_2", ".txt");

  std::set<int> numbers;
  for (const auto* m : {&images, &right_images, &clouds, &calibs, &label_files})
    for (const auto& [n, p] : *m)
      numbers.insert(n);
  if (numbers.empty())
    throw FileError(root.string(), "",
                    "KITTI object folder without frames (no numbered files in image_2, velodyne, "
                    "calib or label_2)");

  // Calibration and image size per frame; a frame without an image takes the
  // size of another frame with the same calibration.
  struct FrameInfo {
    int number;
    KittiCalibration calib;
    std::optional<std::pair<int, int>> size;
  };
  std::vector<FrameInfo> infos;
  infos.reserve(numbers.size());
  for (int n : numbers) {
    const auto c = calibs.find(n);
    if (c == calibs.end())
      throw FileError((root / "calib" / fmt::format("{:06d}.txt", n)).string(), "",
                      "missing: every KITTI object frame needs its calibration file");
    FrameInfo info{n, read_kitti_calibration(c->second), std::nullopt};
    if (auto im = images.find(n); im != images.end()) info.size = image_size(im->second);
    infos.push_back(std::move(info));
  }

  Document doc;
  doc.folder = root;
  doc.sequence.name = root.filename() == "training" || root.filename() == "testing"
                          ? root.parent_path().filename().string()
                          : root.filename().string();
  doc.sequence.rigs.clear();
  const bool stereo = !right_images.empty();
  std::vector<KittiBoxConverter> converters;  // per rig
  std::vector<std::string> label_paths;
  std::set<std::string> types;
  ObjectId next_id = 0;
  for (size_t i = 0; i < infos.size(); ++i) {
    const FrameInfo& info = infos[i];
    std::pair<int, int> size{kDefaultWidth, kDefaultHeight};
    if (info.size) {
      size = *info.size;
    } else {
      for (const FrameInfo& other : infos)
        if (other.size && other.calib == info.calib) {
          size = *other.size;
          break;
        }
    }
    SensorRig rig = make_kitti_rig(info.calib, size.first, size.second, stereo);
    Frame frame;
    frame.timestamp_us = static_cast<int64_t>(i) * 100000;
    auto found = std::find(doc.sequence.rigs.begin(), doc.sequence.rigs.end(), rig);
    frame.rig = static_cast<uint32_t>(found - doc.sequence.rigs.begin());
    if (found == doc.sequence.rigs.end()) {
      doc.sequence.rigs.push_back(std::move(rig));
      converters.emplace_back(info.calib);
    }
    if (auto f = images.find(info.number); f != images.end())
      frame.files[kKittiLeftCamera] = f->second.string();
    if (auto f = right_images.find(info.number); f != right_images.end())
      frame.files[kKittiRightCamera] = f->second.string();
    if (auto f = clouds.find(info.number); f != clouds.end())
      frame.files[kKittiLidar] = f->second.string();
    doc.sequence.frames.push_back(std::move(frame));

    const auto lf = label_files.find(info.number);
    if (lf == label_files.end()) continue;
    const int frame_index = static_cast<int>(i);
    const KittiBoxConverter& conv = converters[doc.sequence.frames.back().rig];
    for (const KittiLabel& label : read_kitti_labels(lf->second, KittiLabelKind::Object)) {
      Object object;
      object.id = next_id++;
      object.class_name = label.type;
      types.insert(label.type);
      add_label_shapes(object, frame_index,
                       kitti_label_to_shapes(label, KittiLabelKind::Object, conv));
      doc.annotations.objects.push_back(std::move(object));  // ids ascend: stays sorted
    }
  }
  doc.schema = kitti_schema(types);
  doc.annotations.metadata.schema_version = doc.schema.version;
  doc.annotations.metadata.extra["source"] = "kitti_object";
  return doc;
}

}  // namespace vantage::core
