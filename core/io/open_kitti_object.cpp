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

  // One rig per distinct calibration. KITTI's rectified image size is fixed
  // per calibration (per recording day), so it is read from the first image
  // of each calibration's frames, not from every image.
  std::vector<KittiCalibration> distinct;
  std::vector<uint32_t> rig_of;  // per frame
  rig_of.reserve(numbers.size());
  for (int n : numbers) {
    const auto c = calibs.find(n);
    if (c == calibs.end())
      throw FileError((root / "calib" / fmt::format("{:06d}.txt", n)).string(), "",
                      "missing: every KITTI object frame needs its calibration file");
    KittiCalibration calib = read_kitti_calibration(c->second);
    auto found = std::find(distinct.begin(), distinct.end(), calib);
    rig_of.push_back(static_cast<uint32_t>(found - distinct.begin()));
    if (found == distinct.end()) distinct.push_back(std::move(calib));
  }
  std::vector<std::optional<std::pair<int, int>>> sizes(distinct.size());
  {
    size_t i = 0;
    for (int n : numbers) {
      auto& size = sizes[rig_of[i++]];
      if (size) continue;
      if (auto im = images.find(n); im != images.end()) size = image_size(im->second);
    }
  }

  Document doc;
  doc.folder = root;
  doc.sequence.name = root.filename() == "training" || root.filename() == "testing"
                          ? root.parent_path().filename().string()
                          : root.filename().string();
  doc.sequence.rigs.clear();
  std::vector<KittiBoxConverter> converters;  // per rig
  for (size_t r = 0; r < distinct.size(); ++r) {
    const auto size = sizes[r].value_or(std::make_pair(kDefaultWidth, kDefaultHeight));
    doc.sequence.rigs.push_back(
        make_kitti_rig(distinct[r], size.first, size.second, !right_images.empty()));
    converters.emplace_back(distinct[r]);
  }
  std::set<std::string> types;
  ObjectId next_id = 0;
  size_t i = 0;
  for (int number : numbers) {
    Frame frame;
    frame.timestamp_us = static_cast<int64_t>(i) * 100000;
    frame.rig = rig_of[i];
    if (auto f = images.find(number); f != images.end())
      frame.files[kKittiLeftCamera] = f->second.string();
    if (auto f = right_images.find(number); f != right_images.end())
      frame.files[kKittiRightCamera] = f->second.string();
    if (auto f = clouds.find(number); f != clouds.end())
      frame.files[kKittiLidar] = f->second.string();
    doc.sequence.frames.push_back(std::move(frame));
    const int frame_index = static_cast<int>(i++);

    const auto lf = label_files.find(number);
    if (lf == label_files.end()) continue;
    const KittiBoxConverter& conv = converters[doc.sequence.frames.back().rig];
    for (const KittiLabel& label : read_kitti_labels(lf->second, KittiLabelKind::Object)) {
      if (label.is_dont_care()) {
        doc.annotations.ignore_regions[frame_index].push_back(
            {kKittiLeftCamera, label.box, label.type, kKittiDontCareReason});
        continue;
      }
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
