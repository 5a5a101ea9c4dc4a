// Opening KITTI object and tracking folders, writing their labels back from
// the document, and `vantage project` against the labels' own 2D boxes.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <opencv2/imgcodecs.hpp>

#include <map>
#include <set>

#include "core/formats/kitti_annotations.h"
#include "core/geometry/cuboid_projection.h"
#include "core/geometry/kitti_rig.h"
#include "core/io/frame_cache.h"
#include "core/io/kitti_calibration.h"
#include "core/io/kitti_openers.h"
#include "core/io/sequence_opener.h"
#include "core/util/error.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;
namespace fs = std::filesystem;

namespace {

fs::path object_dir() {
  return test::shared_data() / "kitti_object";
}
fs::path tracking_dir() {
  return test::shared_data() / "kitti_tracking" / "training";
}

size_t count_kind(const Document& doc, ShapeKind kind) {
  size_t n = 0;
  for (const Object& o : doc.annotations.objects)
    for (const Track& t : o.tracks)
      if (t.kind == kind) n += t.shapes.size();
  return n;
}

// Devkit oracle: corners from the label, projected with P2 as raw row-major
// arithmetic, box = their bounds clipped to the image.
std::optional<Box2D> devkit_box(const KittiLabel& l, const KittiCalibration& c, int w, int h) {
  const auto corners = kitti_box_corners({l.height, l.width, l.length, l.location, l.rotation_y});
  const auto& P = c.P[2];
  Box2D b{1e300, 1e300, -1e300, -1e300};
  for (const Vec3& X : corners) {
    const double u = P[0] * X.x + P[1] * X.y + P[2] * X.z + P[3];
    const double v = P[4] * X.x + P[5] * X.y + P[6] * X.z + P[7];
    const double s = P[8] * X.x + P[9] * X.y + P[10] * X.z + P[11];
    if (s <= 0) return std::nullopt;  // all sample boxes are in front
    b = {std::min(b.x1, u / s), std::min(b.y1, v / s), std::max(b.x2, u / s),
         std::max(b.y2, v / s)};
  }
  return clip_box(b, w, h);
}

std::string error_of(const fs::path& path, const std::string& sequence = "") {
  try {
    open_document(path, {sequence});
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

const std::string kCalib =
    "P0: 700 0 600 0 0 700 180 0 0 0 1 0\n"
    "P1: 700 0 600 -380 0 700 180 0 0 0 1 0\n"
    "P2: 700 0 600 45 0 700 180 0 0 0 1 0.003\n"
    "P3: 700 0 600 -330 0 700 180 0 0 0 1 0.003\n"
    "R0_rect: 1 0 0 0 1 0 0 0 1\n"
    "Tr_velo_to_cam: 0 -1 0 0 0 0 -1 -0.08 1 0 0 -0.27\n"
    "Tr_imu_to_velo: 1 0 0 -0.8 0 1 0 0.3 0 0 1 -0.8\n";

}  // namespace

TEST_CASE("KITTI object folder opens with its rigs, files and labels", "[kitti][data]") {
  const Document doc = open_document(object_dir());
  const Sequence& seq = doc.sequence;
  REQUIRE(seq.frame_count() == 3);
  // 000000 is from 2011_09_28 (1224x370), 000001/000002 share 2011_09_26's
  // calibration (1242x375): two rigs.
  REQUIRE(seq.rigs.size() == 2);
  CHECK(seq.frames[0].rig == 0);
  CHECK(seq.frames[1].rig == 1);
  CHECK(seq.frames[2].rig == 1);
  const Camera* c0 = seq.camera(0, "image_2");
  const Camera* c1 = seq.camera(1, "image_2");
  REQUIRE(c0);
  REQUIRE(c1);
  CHECK((c0->width == 1224 && c0->height == 370));
  CHECK((c1->width == 1242 && c1->height == 375));
  CHECK(c0->intrinsics.fx == 7.070493e+02);
  CHECK(c1->intrinsics.fx == 7.215377e+02);
  for (int f = 0; f < 3; ++f) {
    const std::string stem = fmt::format("{:06d}", f);
    CHECK(seq.rig(f).kitti == read_kitti_calibration(object_dir() / "calib" / (stem + ".txt")));
    CHECK(seq.rig(f).lidar("velodyne"));
    CHECK(fs::equivalent(seq.frames[static_cast<size_t>(f)].files.at("image_2"),
                         object_dir() / "image_2" / (stem + ".png")));
    CHECK(fs::equivalent(seq.frames[static_cast<size_t>(f)].files.at("velodyne"),
                         object_dir() / "velodyne" / (stem + ".bin")));
  }
  // Every label line its own object: 1 + 3 + 2, each with a cuboid; 000001's
  // four DontCare rows are ignore regions of frame 1, not objects.
  REQUIRE(doc.annotations.objects.size() == 6);
  CHECK(count_kind(doc, ShapeKind::Box2D) == 6);
  CHECK(count_kind(doc, ShapeKind::Cuboid) == 6);
  std::map<std::string, int> per_class;
  for (const Object& o : doc.annotations.objects)
    ++per_class[o.class_name];
  CHECK(per_class == std::map<std::string, int>{
                         {"Car", 2}, {"Cyclist", 1}, {"Misc", 1}, {"Pedestrian", 1}, {"Truck", 1}});
  REQUIRE(doc.annotations.ignore_region_count() == 4);
  for (const IgnoreRegion& r : doc.annotations.ignore_regions_at(1)) {
    CHECK(r.class_name == "DontCare");
    CHECK(r.sensor == "image_2");
    CHECK(r.reason == kKittiDontCareReason);
  }
  const Object& ped = doc.annotations.objects[0];
  CHECK(ped.id == 0);
  const Shape* box = ped.shape(0, "image_2", ShapeKind::Box2D);
  REQUIRE(box);
  CHECK(*box->as<Box2D>() == Box2D{712.40, 143.00, 810.73, 307.92});
  CHECK(box->source == ShapeSource::Imported);
  CHECK(box->score == -1.0);
  const Object& cyclist = doc.annotations.objects[3];
  CHECK(cyclist.class_name == "Cyclist");
  CHECK(cyclist.shape(1, "image_2", ShapeKind::Box2D)->occlusion == 3);
  CHECK(doc.schema.find_class("DontCare"));
  CHECK(doc.schema.find_class("Misc"));
}

TEST_CASE("KITTI tracking sequences open with tracks, DontCare regions and missing frames",
          "[kitti][data]") {
  struct Expect {
    std::string seq;
    int frames;
    size_t tracks, lines, dont_care;
    int images, clouds;
    int width;
  };
  for (const Expect& e : {Expect{"0000", 154, 15, 1089, 378, 1, 1, 1242},
                          Expect{"0001", 447, 98, 4271, 1241, 3, 0, 1242},
                          Expect{"0016", 209, 28, 4145, 1010, 3, 0, 1224}}) {
    INFO(e.seq);
    const Document doc = open_document(tracking_dir(), {e.seq});
    CHECK(doc.sequence.name == e.seq);
    CHECK(doc.sequence.frame_count() == e.frames);
    REQUIRE(doc.sequence.rigs.size() == 1);
    CHECK(doc.sequence.default_rig().cameras.at(0).width == e.width);
    CHECK(doc.sequence.default_rig().kitti ==
          read_kitti_calibration(tracking_dir() / "calib" / (e.seq + ".txt")));
    int images = 0, clouds = 0;
    for (const Frame& f : doc.sequence.frames) {
      images += static_cast<int>(f.files.count("image_2"));
      clouds += static_cast<int>(f.files.count("velodyne"));
    }
    CHECK(images == e.images);
    CHECK(clouds == e.clouds);
    const auto labels =
        read_kitti_labels(tracking_dir() / "label_02" / (e.seq + ".txt"), KittiLabelKind::Tracking);
    CHECK(doc.annotations.objects.size() == e.tracks);
    CHECK(doc.annotations.ignore_region_count() == e.dont_care);
    CHECK(count_kind(doc, ShapeKind::Box2D) == e.lines - e.dont_care);
    CHECK(count_kind(doc, ShapeKind::Cuboid) == e.lines - e.dont_care);
    // Track ids are the object ids; DontCare rows are ignore regions of their frame.
    std::map<int64_t, size_t> rows_per_track;
    int64_t max_track = -1;
    for (const KittiLabel& l : labels)
      if (l.track_id >= 0) {
        ++rows_per_track[l.track_id];
        max_track = std::max(max_track, l.track_id);
      }
    CHECK(rows_per_track.size() == e.tracks);
    for (const auto& [id, rows] : rows_per_track) {
      const Object* o = doc.annotations.find(id);
      REQUIRE(o);
      CHECK(o->class_name != "DontCare");
      CHECK(o->track("image_2", ShapeKind::Box2D)->shapes.size() == rows);
    }
    size_t dont_care = 0;
    for (const KittiLabel& l : labels)
      if (l.is_dont_care()) {
        const auto& rs = doc.annotations.ignore_regions_at(l.frame);
        dont_care += std::count_if(rs.begin(), rs.end(), [&](const IgnoreRegion& r) {
          return std::get<Box2D>(r.geometry) == l.box;
        });
      }
    CHECK(dont_care == e.dont_care);
    for (const Object& o : doc.annotations.objects) CHECK(o.class_name != "DontCare");
    // Truncation levels 0/1/2 become 0, 0.5, 1.
    for (const KittiLabel& l : labels)
      if (l.track_id >= 0)
        CHECK(doc.annotations.find(l.track_id)
                  ->shape(l.frame, "image_2", ShapeKind::Box2D)
                  ->truncation == l.truncated / 2.0);
  }
}

TEST_CASE("KITTI labels written back from an opened document equal the originals",
          "[kitti][data]") {
  // Tracking 0000: every object at every frame -> label_02 lines.
  {
    const Document doc = open_document(tracking_dir(), {"0000"});
    const KittiBoxConverter conv(*doc.sequence.default_rig().kitti);
    const auto original =
        read_kitti_labels(tracking_dir() / "label_02/0000.txt", KittiLabelKind::Tracking);
    std::map<std::pair<int, int64_t>, KittiLabel> written;  // (frame, object id)
    for (const Object& o : doc.annotations.objects)
      for (const FrameShape& fs : o.track("image_2", ShapeKind::Box2D)->shapes) {
        KittiLabelSource src{o.class_name, &fs.shape,
                             o.shape(fs.frame, kSceneSensor, ShapeKind::Cuboid), fs.frame, o.id};
        const auto l = kitti_label_from_shapes(src, KittiLabelKind::Tracking, conv);
        REQUIRE(l);
        written[{fs.frame, o.id}] = *l;
      }
    // DontCare rows come back from the frames' ignore regions, in file order.
    std::map<int, size_t> next_region;
    size_t dont_care = 0;
    for (const KittiLabel& l : original) {
      if (l.is_dont_care()) {
        const auto& regions = doc.annotations.ignore_regions_at(l.frame);
        const size_t k = next_region[l.frame]++;
        REQUIRE(k < regions.size());
        CHECK(kitti_dont_care_label(KittiLabelKind::Tracking, regions[k].bounds(), l.frame) == l);
        ++dont_care;
        continue;
      }
      const KittiLabel& w = written.at({l.frame, l.track_id});
      CHECK(w.type == l.type);
      CHECK(w.track_id == l.track_id);
      CHECK(w.truncated == l.truncated);
      CHECK(w.occluded == l.occluded);
      CHECK(w.box == l.box);
      CHECK(std::abs(w.height - l.height) < 1e-12);
      CHECK(std::abs(w.width - l.width) < 1e-12);
      CHECK(std::abs(w.length - l.length) < 1e-12);
      CHECK(glm::length(w.location - l.location) < 1e-12);
      CHECK(std::abs(wrap_angle(w.rotation_y - l.rotation_y)) < 1e-12);
      CHECK(std::abs(wrap_angle(w.alpha - l.alpha)) < 1.5e-6);  // label_02 prints 6 decimals
      CHECK_FALSE(w.score);
      // Printed to 12 decimals, the conversion noise disappears:
      // the line reads back as the original numbers exactly (alpha aside).
      KittiLabel printed = parse_kitti_labels(
          format_kitti_label(w, KittiLabelKind::Tracking, {KittiNumberStyle::Decimals12}),
          KittiLabelKind::Tracking, "mem")[0];
      printed.alpha = l.alpha;
      CHECK(printed == l);
    }
    CHECK(written.size() + dont_care == original.size());
  }
  // Object frames, including a cuboid without a stored 2D box (box from the projection).
  {
    const Document doc = open_document(object_dir());
    const auto original =
        read_kitti_labels(object_dir() / "label_2/000001.txt", KittiLabelKind::Object);
    const KittiBoxConverter conv(*doc.sequence.rig(1).kitti);
    const CameraModel cam(*doc.sequence.camera(1, "image_2"));
    size_t i = 0;
    for (const Object& o : doc.annotations.objects) {
      const Shape* box = o.shape(1, "image_2", ShapeKind::Box2D);
      if (!box) continue;
      const Shape* cuboid = o.shape(1, kSceneSensor, ShapeKind::Cuboid);
      const auto l =
          kitti_label_from_shapes({o.class_name, box, cuboid}, KittiLabelKind::Object, conv);
      REQUIRE(l);
      while (original.at(i).is_dont_care()) ++i;  // ignore regions, below
      const KittiLabel& e = original.at(i++);
      CHECK(l->box == e.box);
      CHECK(l->truncated == e.truncated);
      CHECK(l->occluded == e.occluded);
      if (e.is_dont_care()) {
        CHECK(*l == e);
      } else {
        CHECK(std::abs(l->rotation_y - e.rotation_y) < 1e-12);
        CHECK(std::abs(l->alpha - e.alpha) < 0.0101);
        // Without the 2D box: the projected box, inside the image.
        const auto projected = kitti_label_from_shapes({o.class_name, nullptr, cuboid},
                                                       KittiLabelKind::Object, conv, &cam);
        REQUIRE(projected);
        CHECK(box_iou(projected->box, e.box) > 0.9);
        CHECK(projected->truncated == 0.0);
      }
    }
    size_t k = 0;
    for (const KittiLabel& e : original)
      if (e.is_dont_care())
        CHECK(kitti_dont_care_label(KittiLabelKind::Object,
                                    doc.annotations.ignore_regions_at(1).at(k++).bounds()) == e);
    CHECK(k == doc.annotations.ignore_regions_at(1).size());
  }
}

TEST_CASE("vantage project: boxes from the label_2 cuboids match the labels' 2D boxes",
          "[kitti][data]") {
  double iou_sum = 0;
  int n = 0;
  for (int frame = 0; frame < 3; ++frame) {
    const auto r = test::run_vantage(fmt::format("project '{}' --frame {} --camera image_2 --json",
                                                 object_dir().string(), frame));
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["frame"] == frame);
    const std::string stem = fmt::format("{:06d}", frame);
    const auto calib = read_kitti_calibration(object_dir() / "calib" / (stem + ".txt"));
    const auto labels =
        read_kitti_labels(object_dir() / "label_2" / (stem + ".txt"), KittiLabelKind::Object);
    const int w = j["cameras"][0]["width"].get<int>();
    const int h = j["cameras"][0]["height"].get<int>();
    size_t li = 0;
    for (const auto& o : j["objects"]) {
      while (labels.at(li).is_dont_care())
        ++li;
      const KittiLabel& l = labels.at(li++);
      CHECK(o["class"] == l.type);
      const auto& cam = o["cameras"]["image_2"];
      REQUIRE(cam["corners"].size() == 8);
      for (const auto& c : cam["corners"])
        CHECK(c.is_array());
      REQUIRE(cam["box"].is_array());
      const Box2D got{cam["box"][0], cam["box"][1], cam["box"][2], cam["box"][3]};
      // Same box as the devkit's own projection of the label's corners.
      const auto expected = devkit_box(l, calib, w, h);
      REQUIRE(expected);
      CHECK(std::abs(got.x1 - expected->x1) < 1e-3);
      CHECK(std::abs(got.y1 - expected->y1) < 1e-3);
      CHECK(std::abs(got.x2 - expected->x2) < 1e-3);
      CHECK(std::abs(got.y2 - expected->y2) < 1e-3);
      const double iou = box_iou(got, l.box);
      CHECK(cam["iou"].get<double>() == Approx(iou).margin(1e-12));
      if (l.truncated == 0.0) {
        iou_sum += iou;
        ++n;
      }
    }
  }
  REQUIRE(n == 6);
  const double mean_iou = iou_sum / n;
  INFO("mean IoU over untruncated objects: " << mean_iou);
  CHECK(mean_iou > 0.95);
  CHECK(mean_iou < 0.96);

  // Tracking 0000 frame 0: van, cyclist, pedestrian.
  const auto r = test::run_vantage(
      fmt::format("project '{}' --sequence 0000 --frame 0 --json", tracking_dir().string()));
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["objects"].size() == 3);
  const auto calib = read_kitti_calibration(tracking_dir() / "calib/0000.txt");
  const auto labels =
      read_kitti_labels(tracking_dir() / "label_02/0000.txt", KittiLabelKind::Tracking);
  for (const auto& o : j["objects"]) {
    const KittiLabel& l = *std::find_if(labels.begin(), labels.end(), [&](const KittiLabel& x) {
      return x.frame == 0 && x.track_id == o["id"].get<int64_t>();
    });
    const auto& cam = o["cameras"]["image_2"];
    const Box2D got{cam["box"][0], cam["box"][1], cam["box"][2], cam["box"][3]};
    const auto expected = devkit_box(l, calib, 1242, 375);
    REQUIRE(expected);
    CHECK(std::abs(got.x1 - expected->x1) < 1e-3);
    CHECK(std::abs(got.y2 - expected->y2) < 1e-3);
    // Vehicles and cyclists fit their boxes; KITTI's pedestrian 2D boxes are
    // drawn separately and tighter than the fixed-size 3D box.
    CHECK(cam["iou"].get<double>() > (l.type == "Pedestrian" ? 0.7 : 0.95));
  }
}

TEST_CASE("vantage info reads KITTI folders", "[kitti][data]") {
  auto r =
      test::run_vantage(fmt::format("info --json '{}' --sequence 0001", tracking_dir().string()));
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["frames"] == 447);
  CHECK(j["missing_files"]["image_2"] == 444);
  CHECK(j["missing_files"]["velodyne"] == 447);
  CHECK(j["objects_per_class"]["DontCare"].is_null());  // not objects
  CHECK(j["ignore_regions"] == 1241);
  CHECK(j["ignore_regions_per_class"]["DontCare"] == 1241);
  r = test::run_vantage(fmt::format("info --json '{}'", object_dir().string()));
  REQUIRE(r.exit_code == 0);
  j = nlohmann::json::parse(r.out);
  CHECK(j["frames"] == 3);
  CHECK(j["rigs"] == 2);
  CHECK(j["shapes_per_kind"]["cuboid"] == 6);
  // The folder above `training` works too.
  r = test::run_vantage(fmt::format("info --json '{}' --sequence 0016",
                                    (test::shared_data() / "kitti_tracking").string()));
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out)["frames"] == 209);
  r = test::run_vantage(fmt::format("info '{}'", tracking_dir().string()));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.out, Catch::Contains("choose a sequence with --sequence (here: 0000, 0001, 0016)"));
}

TEST_CASE("KITTI folders with problems give clear errors", "[kitti]") {
  test::TempDir dir;
  const fs::path root = dir.path() / "training";
  fs::create_directories(root / "calib");
  fs::create_directories(root / "label_2");
  test::write_text(root / "calib/000000.txt", kCalib);
  test::write_text(
      root / "label_2/000000.txt",
      "Car 0.00 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59\n");
  // No image: the default KITTI size; the folder above `training` opens too.
  Document doc = open_document(dir.path());
  CHECK(doc.sequence.frame_count() == 1);
  CHECK(doc.sequence.default_rig().cameras.at(0).width == 1242);
  CHECK(doc.sequence.frames[0].files.empty());
  CHECK(doc.annotations.objects.size() == 1);

  // A frame with a label but no calibration.
  test::write_text(root / "label_2/000003.txt", "");
  CHECK_THAT(error_of(root),
             Catch::Contains(
                 "calib/000003.txt: missing: every KITTI object frame needs its calibration file"));
  test::write_text(root / "calib/000003.txt", kCalib.substr(0, kCalib.find("R0_rect")));
  CHECK_THAT(error_of(root), Catch::Contains("calib/000003.txt: missing key R0_rect"));
  test::write_text(root / "calib/000003.txt", kCalib);
  test::write_text(
      root / "label_2/000003.txt",
      "Car 0.00 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70\n");
  CHECK_THAT(error_of(root),
             Catch::Contains("label_2/000003.txt: line 1: expected 15 or 16 columns"));
  test::write_text(root / "label_2/000003.txt", "");
  doc = open_document(root);
  CHECK(doc.sequence.frame_count() == 2);  // frames are the numbers found, in order
  CHECK(doc.sequence.rigs.size() == 1);    // same calibration, same rig

  // Tracking: no sequence, an unknown one, a duplicate row, a missing calib.
  const fs::path t = dir.path() / "tracking";
  fs::create_directories(t / "calib");
  fs::create_directories(t / "label_02");
  test::write_text(t / "calib/0003.txt", kCalib);
  const std::string row =
      "0 4 Car 0 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59\n";
  test::write_text(t / "label_02/0003.txt",
                   row + "2 -1 DontCare -1 -1 -10 1 2 3 4 -1000 -1000 -1000 -10 -1 -1 -1\n");
  CHECK_THAT(error_of(t), Catch::Contains("choose a sequence with --sequence (here: 0003)"));
  CHECK_THAT(error_of(t, "0007"),
             Catch::Contains("no KITTI tracking sequence '0007' here (sequences: 0003)"));
  doc = open_document(t, {"0003"});
  CHECK(doc.sequence.frame_count() == 3);
  REQUIRE(doc.annotations.objects.size() == 1);
  CHECK(doc.annotations.objects[0].id == 4);
  // DontCare is an ignore region of its frame, not an object.
  REQUIRE(doc.annotations.ignore_regions_at(2).size() == 1);
  CHECK(doc.annotations.ignore_regions_at(2)[0].class_name == "DontCare");
  CHECK(std::get<Box2D>(doc.annotations.ignore_regions_at(2)[0].geometry) == Box2D{1, 2, 3, 4});
  test::write_text(t / "label_02/0003.txt", row + row);
  CHECK_THAT(error_of(t, "0003"),
             Catch::Contains("label_02/0003.txt: frame 0: track 4 has more than one row"));
  test::write_text(t / "label_02/0003.txt", row + "x");
  CHECK_THAT(error_of(t, "0003"),
             Catch::Contains("label_02/0003.txt: line 2: expected 17 or 18 columns"));
  fs::remove(t / "calib/0003.txt");
  CHECK_THAT(
      error_of(t, "0003"),
      Catch::Contains("calib/0003.txt: missing: a KITTI tracking sequence needs its calibration"));
  // A label type the schema lacks is added to it.
  test::write_text(t / "calib/0003.txt", kCalib);
  test::write_text(t / "label_02/0003.txt", "0 0 Rickshaw 0 0 0 1 2 3 4 1 1 2 0 1.5 10 0\n");
  doc = open_document(t, {"0003"});
  CHECK(doc.schema.find_class("Rickshaw"));
  CHECK(doc.annotations.objects.at(0).class_name == "Rickshaw");
}

TEST_CASE("vantage project reports bad frames and cameras", "[kitti][data]") {
  auto r = test::run_vantage(fmt::format("project '{}' --frame 3", object_dir().string()));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.out, Catch::Contains("frame 3 is out of range: the sequence has frames 0 to 2"));
  r = test::run_vantage(
      fmt::format("project '{}' --frame 0 --camera CAM_FRONT", object_dir().string()));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.out, Catch::Contains("no camera 'CAM_FRONT' at frame 0 (cameras: image_2)"));
  r = test::run_vantage(fmt::format("project '{}' --frame 1", object_dir().string()));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Truck") && Catch::Contains("mean IoU"));
}

TEST_CASE("KITTI object frames without an image take the size of their calibration's images",
          "[kitti]") {
  test::TempDir dir;
  for (const char* d : {"calib", "image_2", "label_2"})
    fs::create_directories(dir / d);
  std::string other_calib = kCalib;
  other_calib.replace(other_calib.find("P2: 700"), 7, "P2: 710");
  test::write_text(dir / "calib/000000.txt", kCalib);
  test::write_text(dir / "calib/000001.txt", other_calib);
  test::write_text(dir / "calib/000002.txt", kCalib);
  // PNG headers are read, not decoded: cv::imwrite writes a real one.
  REQUIRE(cv::imwrite((dir / "image_2/000000.png").string(),
                      cv::Mat(370, 1224, CV_8UC3, cv::Scalar(0, 0, 0))));
  const Document doc = open_document(dir.path());
  REQUIRE(doc.sequence.frame_count() == 3);
  CHECK(doc.sequence.camera(0, "image_2")->width == 1224);
  CHECK(doc.sequence.camera(0, "image_2")->height == 370);
  CHECK(doc.sequence.camera(1, "image_2")->width == 1242);  // no image with that calibration
  CHECK(doc.sequence.camera(2, "image_2")->width == 1224);
  CHECK(doc.sequence.camera(2, "image_2")->height == 370);
  CHECK(doc.sequence.rigs.size() == 2);
  CHECK(doc.sequence.frames[2].rig == doc.sequence.frames[0].rig);
  CHECK(doc.sequence.frames[2].files.empty());
}

TEST_CASE("KITTI tracking 0000 frame 0 loads through the frame cache; frame 1 is missing",
          "[kitti][data]") {
  const Document doc = open_document(tracking_dir(), {"0000"});
  FrameCache cache(doc.sequence, doc.folder);
  const auto f0 = cache.wait(0);
  REQUIRE(f0);
  CHECK(f0->errors.empty());
  REQUIRE(f0->images.count("image_2"));
  CHECK(f0->images.at("image_2").cols == 1242);
  CHECK(f0->images.at("image_2").rows == 375);
  REQUIRE(f0->clouds.count("velodyne"));
  CHECK(f0->clouds.at("velodyne").size() == 123397);  // PROVENANCE.md
  const auto f1 = cache.wait(1);
  REQUIRE(f1);
  CHECK(f1->images.empty());
  CHECK(f1->clouds.empty());
  CHECK(f1->missing.at("image_2"));
  CHECK(f1->missing.at("velodyne"));
}
