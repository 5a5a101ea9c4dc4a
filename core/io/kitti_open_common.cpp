#include "core/io/kitti_open_common.h"

#include <charconv>

#include "core/geometry/kitti_rig.h"
#include "core/io/image_io.h"
#include "core/io/native_format.h"
#include "core/util/error.h"

namespace vantage::core::kitti_detail {

namespace fs = std::filesystem;

std::optional<std::pair<int, int>> image_size(const fs::path& path) {
  try {
    const cv::Size size = read_image_size(path);
    if (size.width > 0 && size.height > 0) return std::make_pair(size.width, size.height);
  } catch (const Error&) {
    // An unreadable image is reported when the frame is shown; the size then
    // comes from another image or the default.
  }
  return std::nullopt;
}

std::map<int, fs::path> numbered_files(const fs::path& dir, const std::string& ext) {
  std::map<int, fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() != ext) continue;
    const std::string stem = e.path().stem().string();
    int n = -1;
    const auto [ptr, err] = std::from_chars(stem.data(), stem.data() + stem.size(), n);
    if (err != std::errc() || ptr != stem.data() + stem.size() || n < 0) continue;
    std::error_code fec;
    if (!e.is_regular_file(fec)) continue;
    out.emplace(n, e.path());
  }
  return out;
}

Schema kitti_schema(const std::set<std::string>& types) {
  Schema schema = default_schema();
  for (const std::string& t : types) {
    if (schema.find_class(t)) continue;
    ClassDef c;
    c.id = schema.next_class_id();
    c.name = t;
    c.guideline = "Class found in the KITTI labels.";
    c.shapes = {ShapeKind::Box2D, ShapeKind::Cuboid};
    schema.classes.push_back(std::move(c));
  }
  return schema;
}

void add_label_shapes(Object& object, int frame, const KittiLabelShapes& shapes) {
  object.track_or_create(kKittiLeftCamera, ShapeKind::Box2D).set(frame, shapes.box);
  if (shapes.cuboid)
    object.track_or_create(kSceneSensor, ShapeKind::Cuboid).set(frame, *shapes.cuboid);
}

fs::path kitti_root(const fs::path& path) {
  std::error_code ec;
  const bool has_calib = fs::is_directory(path / "calib", ec);
  if (!has_calib && fs::is_directory(path / "training" / "calib", ec)) return path / "training";
  return path;
}

}  // namespace vantage::core::kitti_detail
