// nuScenes sample opener (mmdetection3d 1.x info files decoded to JSON).
//
// [SECTION] detection
// [SECTION] file lookup
// [SECTION] calibration
// [SECTION] opener
#include "core/io/open_nuscenes.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>

#include "core/io/file_util.h"
#include "core/io/image_io.h"
#include "core/io/json_reader.h"
#include "core/io/native_format.h"
#include "core/io/raw_file.h"
#include "core/util/error.h"

namespace vantage::core {

namespace fs = std::filesystem;

namespace {

constexpr const char* kInfoSuffix = ".mmdet3d_info.json";
constexpr const char* kLidarName = "LIDAR_TOP";

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// --- [SECTION] detection ----------------------------------------------------

bool looks_like_info_json(const fs::path& file) {
  if (ends_with(file.filename().string(), kInfoSuffix)) return true;
  if (file.extension() != ".json") return false;
  try {
    RawFile f(file);
    std::string head(static_cast<size_t>(std::min<uint64_t>(f.size(), 4096)), '\0');
    head.resize(f.read_at(0, head.data(), head.size()));
    return head.find("\"metainfo\"") != std::string::npos &&
           head.find("\"data_list\"") != std::string::npos;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

std::optional<fs::path> find_nuscenes_info(const fs::path& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    if (looks_like_info_json(path)) return path;
    return std::nullopt;
  }
  if (!fs::is_directory(path, ec)) return std::nullopt;
  std::optional<fs::path> found;
  for (const auto& e : fs::directory_iterator(path, ec)) {
    if (!e.is_regular_file(ec) || !ends_with(e.path().filename().string(), kInfoSuffix)) continue;
    if (found) return std::nullopt;  // ambiguous: the user must name the file
    found = e.path();
  }
  return found;
}

bool is_nuscenes_sample(const fs::path& path) {
  return find_nuscenes_info(path).has_value();
}

namespace {

// --- [SECTION] file lookup --------------------------------------------------

// Python's json module writes NaN / Infinity, which JSON does not have. They
// only occur in values we do not use (velocities), so read them as null.
std::string replace_non_finite(std::string text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) {
        out += text[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      out += c;
      continue;
    }
    auto token = [&](const char* t) { return text.compare(i, std::strlen(t), t) == 0; };
    if (token("NaN")) {
      out += "null";
      i += 2;
    } else if (token("-Infinity")) {
      out += "null";
      i += 8;
    } else if (token("Infinity")) {
      out += "null";
      i += 7;
    } else {
      out += c;
    }
  }
  return out;
}

// Finds sensor files by name under the sample's folder.
class FileLocator {
 public:
  explicit FileLocator(fs::path root) : root_(std::move(root)) {}

  // Path relative to the root, or nullopt when the file is nowhere.
  std::optional<std::string> find(const std::string& file, const std::string& sensor) {
    if (file.empty()) return std::nullopt;
    const fs::path name = fs::path(file).filename();
    const fs::path candidates[] = {fs::path(file),
                                   fs::path("samples") / sensor / name,
                                   fs::path("samples") / "cams" / name,
                                   fs::path("samples") / name,
                                   fs::path("sweeps") / sensor / name,
                                   name};
    std::error_code ec;
    for (const auto& c : candidates) {
      if (c.is_absolute() ? fs::is_regular_file(c, ec) : fs::is_regular_file(root_ / c, ec))
        return c.generic_string();
    }
    index();
    const auto it = index_.find(name.string());
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }

 private:
  // Every file below the root by name (first found wins), built on demand
  // and bounded so a huge dataset folder cannot stall the opener.
  void index() {
    if (indexed_) return;
    indexed_ = true;
    std::error_code ec;
    size_t n = 0;
    for (auto it = fs::recursive_directory_iterator(
             root_, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator() && n < 200000; it.increment(ec), ++n) {
      if (ec) break;
      if (it.depth() > 4) it.disable_recursion_pending();
      if (it->is_regular_file(ec))
        index_.emplace(it->path().filename().string(),
                       fs::relative(it->path(), root_, ec).generic_string());
    }
  }

  fs::path root_;
  bool indexed_ = false;
  std::map<std::string, std::string> index_;
};

// --- [SECTION] calibration --------------------------------------------------

// A 4x4 (or 3x4) row-major matrix as nested arrays.
Transform read_transform(const JsonReader& r) {
  r.expect_array(3, 4);
  double v[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  for (size_t i = 0; i < r.size(); ++i) {
    const JsonReader row = r.at(i);
    row.expect_array(4, 4);
    for (size_t j = 0; j < 4; ++j)
      v[i * 4 + j] = row.at(j).number();
  }
  return Transform::from_row_major_4x4(v);
}

Intrinsics read_intrinsics(const JsonReader& r) {
  r.expect_array(3, 4);
  double k[3][3];
  for (size_t i = 0; i < 3; ++i) {
    const JsonReader row = r.at(i);
    row.expect_array(3, 4);
    for (size_t j = 0; j < 3; ++j)
      k[i][j] = row.at(j).number();
  }
  if (!(k[0][0] > 0) || !(k[1][1] > 0)) r.fail("focal lengths must be positive");
  Intrinsics in;
  in.fx = k[0][0];
  in.skew = k[0][1];
  in.cx = k[0][2];
  in.fy = k[1][1];
  in.cy = k[1][2];
  return in;
}

// Schema class for a nuScenes category: the default schema's class with the
// same name (any case), else a new class under Vehicle / Static.
std::string class_for(Schema& schema, const std::string& category) {
  for (const auto& c : schema.classes) {
    if (c.name.size() != category.size()) continue;
    if (std::equal(c.name.begin(), c.name.end(), category.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        }))
      return c.name;
  }
  std::string name = category;
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  if (schema.find_class(name)) return name;
  ClassDef def;
  def.id = schema.next_class_id();
  def.name = name;
  if (name.find("vehicle") != std::string::npos && schema.find_class("Vehicle"))
    def.parent = "Vehicle";
  def.color = 0xC08040;
  schema.classes.push_back(def);
  return name;
}

}  // namespace

// --- [SECTION] opener -------------------------------------------------------

namespace {
Document open_nuscenes_impl(const fs::path& path);
}  // namespace

Document open_nuscenes(const fs::path& path) {
  try {
    return open_nuscenes_impl(path);
  } catch (const nlohmann::json::exception& e) {
    // A JSON access the reader's checks missed (found by fuzz_nuscenes):
    // still an error naming the file, never an escaped library exception.
    throw FileError(path.string(), "", fmt::format("malformed nuScenes info: {}", e.what()));
  }
}

namespace {
Document open_nuscenes_impl(const fs::path& path) {
  const auto info = find_nuscenes_info(path);
  if (!info)
    throw FileError(path.string(), "",
                    fmt::format("not a nuScenes sample: expected an mmdetection3d info JSON or a "
                                "folder with one *{} file",
                                kInfoSuffix));
  const std::string file = info->string();
  const Json json = parse_json_text(replace_non_finite(read_file_to_string(*info)), file);
  const JsonReader::Context ctx{&json, file};
  const JsonReader root(json, ctx);
  root.expect_object();

  const fs::path folder = info->parent_path().empty() ? fs::path(".") : info->parent_path();
  FileLocator locator(folder);
  Document doc;
  doc.folder = folder;
  doc.schema = default_schema();
  doc.annotations.metadata.schema_version = doc.schema.version;
  std::string name = info->filename().string();
  if (ends_with(name, kInfoSuffix))
    name.resize(name.size() - std::strlen(kInfoSuffix));
  else
    name = info->stem().string();
  doc.sequence.name = name;
  doc.sequence.rigs.clear();

  // Category id -> name.
  std::map<int64_t, std::string> categories;
  if (auto meta = root.find("metainfo")) {
    if (auto cats = meta->find("categories"))
      cats->for_each_member(
          [&](const std::string& k, const JsonReader& v) { categories[v.integer()] = k; });
  }

  const JsonReader list = root.at("data_list");
  list.expect_array();
  std::map<std::string, cv::Size> image_sizes;  // by camera, for cameras whose file is missing
  ObjectId next_id = 1;
  for (size_t fi = 0; fi < list.size(); ++fi) {
    const JsonReader entry = list.at(fi);
    entry.expect_object();
    Frame frame;
    if (auto ts = entry.find("timestamp")) frame.timestamp_us = std::llround(ts->number() * 1e6);
    if (auto pose = entry.find("ego2global")) frame.ego_pose = read_transform(*pose);

    const JsonReader lidar_points = entry.at("lidar_points");
    const Transform lidar_to_vehicle = read_transform(lidar_points.at("lidar2ego"));
    SensorRig rig;
    // Cameras, in the file's order.
    if (auto images = entry.find("images")) {
      images->for_each_member([&](const std::string& cam_name, const JsonReader& img) {
        Camera cam;
        cam.name = cam_name;
        cam.intrinsics = read_intrinsics(img.at("cam2img"));
        // The camera fired up to ~40 ms away from the LiDAR sweep while the
        // car moved (0.3 m at city speed). lidar2cam includes that motion,
        // cam2ego does not; cuboids are in the ego frame at the LiDAR time,
        // so the camera's pose in that frame is lidar2ego * cam2lidar.
        if (auto l2c = img.find("lidar2cam"))
          cam.camera_to_vehicle = lidar_to_vehicle * read_transform(*l2c).inverse();
        else
          cam.camera_to_vehicle = read_transform(img.at("cam2ego"));
        const std::string img_path = img.string_or("img_path", "");
        if (const auto rel = locator.find(img_path, cam_name)) {
          frame.files[cam_name] = *rel;
          try {
            const fs::path p = fs::path(*rel).is_absolute() ? fs::path(*rel) : folder / *rel;
            image_sizes[cam_name] = read_image_size(p);
          } catch (const Error&) {
            // Unreadable image: the frame cache reports it when loading.
          }
        }
        const auto size = image_sizes.count(cam_name) ? image_sizes[cam_name] : cv::Size(1600, 900);
        cam.width = size.width;
        cam.height = size.height;
        rig.cameras.push_back(cam);
      });
    }
    Lidar lidar;
    lidar.name = kLidarName;
    lidar.lidar_to_vehicle = lidar_to_vehicle;
    lidar.bin_values_per_point = static_cast<int>(lidar_points.integer_or("num_pts_feats", 5));
    if (lidar.bin_values_per_point < 3 || lidar.bin_values_per_point > 64)
      lidar_points.fail_member("num_pts_feats", "expected 3 to 64 values per point");
    if (const auto rel = locator.find(lidar_points.string_or("lidar_path", ""), kLidarName))
      frame.files[kLidarName] = *rel;
    rig.lidars.push_back(lidar);

    // One rig per distinct calibration.
    auto same = std::find(doc.sequence.rigs.begin(), doc.sequence.rigs.end(), rig);
    if (same == doc.sequence.rigs.end()) {
      doc.sequence.rigs.push_back(rig);
      same = doc.sequence.rigs.end() - 1;
    }
    frame.rig = static_cast<uint32_t>(same - doc.sequence.rigs.begin());
    const int frame_index = static_cast<int>(doc.sequence.frames.size());
    doc.sequence.frames.push_back(std::move(frame));

    // Boxes: LiDAR frame -> ego frame.
    if (auto instances = entry.find("instances")) {
      instances->for_each([&](const JsonReader& inst) {
        const JsonReader box = inst.at("bbox_3d");
        box.expect_array(7, 9);
        double b[7];
        for (size_t k = 0; k < 7; ++k)
          b[k] = box.at(k).number();
        if (!(b[3] > 0) || !(b[4] > 0) || !(b[5] > 0)) box.fail("box sizes must be positive");
        const int64_t label = inst.find("bbox_label_3d") ? inst.at("bbox_label_3d").integer()
                                                         : inst.at("bbox_label").integer();
        // mmdet3d labels categories outside its class list -1 (animal,
        // stroller, debris, ...): they are kept as Misc.
        const auto cat = categories.find(label);
        const std::string category = cat != categories.end() ? cat->second : "misc";
        Cuboid c;
        c.center = lidar.lidar_to_vehicle.apply(Vec3(b[0], b[1], b[2]));
        const Vec3 heading =
            lidar.lidar_to_vehicle.apply_direction(Vec3(std::cos(b[6]), std::sin(b[6]), 0.0));
        c.yaw = std::atan2(heading.y, heading.x);
        c.size = Vec3(b[3], b[4], b[5]);
        Shape s;
        s.geometry = c;
        s.source = ShapeSource::Imported;
        s.occlusion = 3;  // unknown: the info file has no visibility
        Object o;
        o.id = next_id++;
        o.class_name = class_for(doc.schema, category);
        o.track_or_create(kSceneSensor, ShapeKind::Cuboid).set(frame_index, s);
        doc.annotations.put(std::move(o));
      });
    }
  }
  if (doc.sequence.rigs.empty()) doc.sequence.rigs.resize(1);
  return doc;
}
}  // namespace

}  // namespace vantage::core
