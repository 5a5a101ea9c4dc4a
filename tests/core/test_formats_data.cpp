// Formats on the real files in ../shared/data: COCO written by mmdetection3d
// (integer and string ids, missing images), OpenLABEL written by VCD, and the
// OpenLABEL export validated against the official schema.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "core/formats/format.h"
#include "core/io/file_util.h"
#include "core/io/json_reader.h"
#include "core/io/native_format.h"
#include "tests/core/formats_test_util.h"
#include "tests/support/fixtures.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;
namespace fs = std::filesystem;
using test::TempDir;

namespace {

std::string report_text(const FormatReport& r) {
  std::string s;
  for (const std::string& l : r.summary)
    s += l + "\n";
  for (const SkippedInput& k : r.skipped)
    s += k.file + ":" + k.location + ": " + k.message + "\n";
  return s;
}

bool has_line(const FormatReport& r, const std::string& text) {
  for (const std::string& l : r.summary)
    if (l.find(text) != std::string::npos) return true;
  return false;
}

Document from_file(FormatId f, const fs::path& p, FormatReport& r, const ImportOptions& o = {}) {
  return document_from_annotations(f, p, o, r);
}

// A = import(export(seed)), B = import(export(A)): A == B (import -> export
// -> import). When the seed was read from format f itself, seed == A too.
void check_round_trip(const Document& seed, FormatId f, double tol, bool seed_is_f) {
  TempDir d1, d2;
  export_document(seed, f, d1.path());
  Document a = test::empty_like(seed);
  const FormatReport r = import_annotations(a, f, d1.path());
  INFO(format_name(f) << "\n" << report_text(r));
  if (seed_is_f) CHECK(test::annotations_difference(seed.annotations, a.annotations, tol) == "");
  export_document(a, f, d2.path());
  Document b = test::empty_like(seed);
  import_annotations(b, f, d2.path());
  CHECK(test::annotations_difference(a.annotations, b.annotations, tol) == "");
  if (f != FormatId::Yolo) {  // YOLO has no ignore regions
    CHECK(test::ignore_regions_difference(seed.annotations, a.annotations, tol) == "");
    CHECK(test::ignore_regions_difference(a.annotations, b.annotations, tol) == "");
  }
}

}  // namespace

TEST_CASE("COCO from mmdetection3d (KITTI mono3d, integer ids)", "[formats][data]") {
  const fs::path file = test::shared_data() / "coco/kitti_mono3d/kitti_infos_mono3d.coco.json";
  FormatReport r;
  const Document doc = from_file(FormatId::Coco, file, r);
  INFO(report_text(r));
  CHECK(r.skipped_count == 0);
  CHECK(doc.sequence.frame_count() == 1);
  REQUIRE(doc.sequence.camera_names() == std::vector<std::string>{"image_2"});
  const Camera* cam = doc.sequence.camera(0, "image_2");
  CHECK((cam->width == 1242 && cam->height == 375));
  CHECK(fs::exists(doc.sequence.frames[0].files.at("image_2")));
  CHECK(has_line(r, "bbox_cam3d"));  // mono-3D extras are reported, not silently dropped
  // Every annotation's box is the file's bbox, x2 = x + w.
  const Json j = parse_json_file(file);
  REQUIRE(doc.annotations.objects.size() == j["annotations"].size());
  std::multiset<std::string> want, got;
  for (const auto& a : j["annotations"]) {
    const auto& b = a["bbox"];
    const double x = b[0], y = b[1], w = b[2], h = b[3];
    want.insert(
        fmt::format("{} {} {} {} {}", a["category_name"].get<std::string>(), x, y, x + w, y + h));
  }
  for (const Object& o : doc.annotations.objects) {
    const Box2D& b = *o.shape(0, "image_2", ShapeKind::Box2D)->as<Box2D>();
    got.insert(fmt::format("{} {} {} {} {}", o.class_name, b.x1, b.y1, b.x2, b.y2));
  }
  CHECK(got == want);
  check_round_trip(doc, FormatId::Coco, 1e-13, true);
  // --copy-images puts the image beside the labels (a hard link when possible).
  TempDir y;
  ExportOptions eo;
  eo.copy_images = true;
  export_document(doc, FormatId::Yolo, y.path(), eo);
  const fs::path src = doc.sequence.frames[0].files.at("image_2");
  REQUIRE(fs::is_regular_file(y / "images/000000.png"));
  CHECK(fs::file_size(y / "images/000000.png") == fs::file_size(src));
  check_round_trip(doc, FormatId::Voc, 1e-13, false);
  check_round_trip(doc, FormatId::Yolo, 1e-12, false);
  check_round_trip(doc, FormatId::OpenLabel, 1e-12, false);
}

TEST_CASE("COCO from mmdetection3d (nuScenes mono3d, string ids, 5 of 6 images missing)",
          "[formats][data]") {
  const fs::path file = test::shared_data() / "coco/nuscenes_mono3d/nus_infos_mono3d.coco.json";
  FormatReport r;
  const Document doc = from_file(FormatId::Coco, file, r);
  INFO(report_text(r));
  CHECK(has_line(r, "5 images missing on disk"));
  CHECK(r.skipped_count == 0);
  CHECK(doc.sequence.camera_names().size() == 6);
  CHECK(doc.sequence.frame_count() == 1);
  CHECK(doc.annotations.objects.size() == 11);
  // nuScenes' lower-case names land on the schema's classes; the one it
  // lacks is added.
  CHECK(has_line(r, "class 'car' taken as schema class 'Car'"));
  std::set<std::string> classes;
  for (const Object& o : doc.annotations.objects)
    classes.insert(o.class_name);
  for (const std::string& c : classes)
    CHECK(doc.schema.find_class(c));
  // The only image on disk is CAM_BACK_LEFT's.
  size_t on_disk = 0;
  for (const auto& [cam, path] : doc.sequence.frames[0].files)
    on_disk += fs::exists(path);
  CHECK(on_disk == 1);
  check_round_trip(doc, FormatId::Coco, 1e-13, true);
  check_round_trip(doc, FormatId::Yolo, 1e-12, false);
  check_round_trip(doc, FormatId::OpenLabel, 1e-12, false);
}

TEST_CASE("OpenLABEL from VCD's KITTI converter builds the sequence, ego poses and objects",
          "[formats][data]") {
  const fs::path file = test::shared_data() / "openlabel/openlabel100_kitti_tracking_0000.json";
  FormatReport r;
  const Document doc = from_file(FormatId::OpenLabel, file, r);
  INFO(report_text(r));
  const Sequence& seq = doc.sequence;
  CHECK(seq.frame_count() == 154);
  CHECK(seq.camera_names() == std::vector<std::string>{"CAM_LEFT", "CAM_RIGHT"});
  CHECK(seq.lidar_names() == std::vector<std::string>{"VELO_TOP"});
  CHECK(seq.has_ego_poses());
  // VELO_TOP sits 0.76 m ahead and 1.73 m above the vehicle origin.
  const Lidar* velo = seq.lidar(0, "VELO_TOP");
  CHECK(velo->lidar_to_vehicle.translation() == Vec3{0.76, 0.0, 1.73});
  // The right camera's 3x4 matrix carries the stereo baseline: its centre is
  // about 0.54 m to the right of the left one (KITTI's baseline).
  const Vec3 left = seq.camera(0, "CAM_LEFT")->camera_to_vehicle.translation();
  const Vec3 right = seq.camera(0, "CAM_RIGHT")->camera_to_vehicle.translation();
  CHECK(glm::length(right - left) == Approx(0.537).margin(0.01));
  // Track 0 (a Van) at frame 0: box from the centre form, cuboid sizes l, w, h.
  const Object* van = doc.annotations.find(0);
  REQUIRE(van);
  CHECK(van->class_name == "Van");
  const Box2D& b = *van->shape(0, "CAM_LEFT", ShapeKind::Box2D)->as<Box2D>();
  CHECK(b.x1 == Approx(375.98 - 158.48 / 2));
  CHECK(b.y2 == Approx(227.06 + 130.62 / 2));
  const Cuboid& c = *van->shape(0, kSceneSensor, ShapeKind::Cuboid)->as<Cuboid>();
  CHECK(c.size == Vec3{4.43, 1.82, 2.0});
  // The camera frame's y axis (down) became the height axis: the box stands upright.
  CHECK(std::abs(c.pitch) < 0.02);
  CHECK(std::abs(c.roll) < 0.02);
  // Centre: the file's value through CAM_LEFT's pose, plus VELO_TOP's offset.
  const Json j = parse_json_file(file);
  const Json& m = j["openlabel"]["coordinate_systems"]["CAM_LEFT"]["pose_wrt_parent"]["matrix4x4"];
  const Json& v = j["openlabel"]["frames"]["0"]["objects"]["0"]["object_data"]["cuboid"][0]["val"];
  const Vec3 offset{0.76, 0.0, 1.73};
  for (int row = 0; row < 3; ++row) {
    double p = m[4 * row + 3].get<double>();
    for (int k = 0; k < 3; ++k)
      p += m[4 * row + k].get<double>() * v[k].get<double>();
    CHECK(c.center[row] == Approx(p + offset[row]).margin(1e-9));
  }
  // VCD's DontCare object: its boxes are the frames' ignore regions (378, as
  // label_02 has), its -1000-sized placeholder cuboids nothing.
  for (const Object& o : doc.annotations.objects) CHECK(o.class_name != "DontCare");
  CHECK(doc.annotations.ignore_region_count() == 378);
  CHECK(r.problem_count == 0);
  // KITTI tracking's truncation levels, written by VCD as "truncated".
  CHECK(has_line(r, "read as KITTI tracking levels"));
  check_round_trip(doc, FormatId::OpenLabel, 1e-12, true);
  check_round_trip(doc, FormatId::Coco, 1e-12, false);
}

TEST_CASE("OpenLABEL exports validate against the official 1.0.0 schema", "[formats][data]") {
  const char* python = std::getenv("VANTAGE_PYTHON3");
  const char* script = std::getenv("VANTAGE_OPENLABEL_VALIDATOR");
  if (!python || !script) {
    WARN("python3-jsonschema not configured (VANTAGE_PYTHON3): schema check skipped");
    return;
  }
  test::SyntheticOptions o;
  o.frames = 20;
  o.objects = 8;
  o.extras = true;
  Document doc = test::make_synthetic_document(o);
  doc.sequence.rigs.push_back(doc.sequence.rigs[0]);  // a second rig: per-frame sensors
  doc.sequence.rigs[1].cameras[0].intrinsics.fx += 1.0;
  doc.sequence.frames[5].rig = 1;
  TempDir d;
  export_document(doc, FormatId::OpenLabel, d.path());
  const std::string cmd =
      fmt::format("'{}' '{}' '{}' '{}' 2>&1", python, script,
                  (test::shared_data() / "openlabel/openlabel_json_schema-v1.0.0.json").string(),
                  (d.path() / "openlabel.json").string());
  CHECK(std::system(cmd.c_str()) == 0);
  // The second rig comes back.
  FormatReport r;
  const Document back = document_from_annotations(FormatId::OpenLabel, d.path(), {}, r);
  CHECK(back.sequence.rigs.size() == 2);
  CHECK(back.sequence.frames[5].rig == 1);
  CHECK(back.sequence.rig(5).cameras[0].intrinsics.fx ==
        doc.sequence.rigs[1].cameras[0].intrinsics.fx);
}
