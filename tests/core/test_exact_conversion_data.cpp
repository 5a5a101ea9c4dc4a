// Exactness at the boundaries, on the real files in ../shared/data:
// someone else's OpenLABEL (VCD's KITTI converter) converted to KITTI
// tracking matches KITTI's own label_02 row for row (the stereo baseline in
// P2 is not a shift of the labels), sequence names survive, DontCare rows
// are ignore regions, and the CLI writes nothing when an item would be lost.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "core/formats/format.h"
#include "core/formats/kitti_labels.h"
#include "core/io/file_util.h"
#include "core/io/kitti_openers.h"
#include "core/io/json_reader.h"
#include "core/model/summary.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;
namespace fs = std::filesystem;
using test::TempDir;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// The rows of a label_02 file by (frame, track id) for tracked objects, and
// the DontCare boxes by frame.
struct Rows {
  std::map<std::pair<int, int64_t>, KittiLabel> tracked;
  std::map<int, std::vector<Box2D>> dont_care;
};

Rows rows_of(const fs::path& file) {
  Rows r;
  for (const KittiLabel& l : read_kitti_labels(file, KittiLabelKind::Tracking)) {
    if (l.is_dont_care())
      r.dont_care[l.frame].push_back(l.box);
    else
      r.tracked[{l.frame, l.track_id}] = l;
  }
  for (auto& [f, v] : r.dont_care)
    std::sort(v.begin(), v.end(), [](const Box2D& a, const Box2D& b) { return a.x1 < b.x1; });
  return r;
}

}  // namespace

TEST_CASE("OpenLABEL by VCD -> KITTI tracking matches label_02/0000 row for row",
          "[formats][data][frames]") {
  const fs::path data = test::shared_data();
  const fs::path ol = data / "openlabel/openlabel100_kitti_tracking_0000.json";
  TempDir out;
  const auto r = test::run_vantage(
      fmt::format("convert {} --to kitti_tracking --out {}", q(ol), q(out.path())));
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  // Named after the sequence: the file name's trailing number.
  REQUIRE(fs::exists(out / "label_02" / "0000.txt"));
  REQUIRE(fs::exists(out / "calib" / "0000.txt"));

  const Rows want = rows_of(data / "kitti_tracking/training/label_02/0000.txt");
  const Rows got = rows_of(out / "label_02" / "0000.txt");
  REQUIRE(want.tracked.size() == 711);
  REQUIRE(got.tracked.size() == want.tracked.size());
  double worst = 0, sum_x = 0;
  for (const auto& [key, w] : want.tracked) {
    INFO("frame " << key.first << " track " << key.second);
    const auto it = got.tracked.find(key);
    REQUIRE(it != got.tracked.end());
    const KittiLabel& g = it->second;
    CHECK(g.type == w.type);
    // VCD writes two decimals (truncated, and twice for the cuboid's
    // centre, whose y is the location's y less half the height): 0.02 per
    // coordinate is its resolution.
    for (int k = 0; k < 3; ++k) {
      worst = std::max(worst, std::abs(g.location[k] - w.location[k]));
      CHECK(std::abs(g.location[k] - w.location[k]) <= 0.02);
    }
    sum_x += g.location.x - w.location.x;
    CHECK(std::abs(g.height - w.height) <= 0.02);
    CHECK(std::abs(g.width - w.width) <= 0.02);
    CHECK(std::abs(g.length - w.length) <= 0.02);
    CHECK(std::abs(wrap_angle(g.rotation_y - w.rotation_y)) <= 0.02);
    CHECK(std::abs(g.box.x1 - w.box.x1) <= 0.02);
    CHECK(std::abs(g.box.y1 - w.box.y1) <= 0.02);
    CHECK(std::abs(g.box.x2 - w.box.x2) <= 0.02);
    CHECK(std::abs(g.box.y2 - w.box.y2) <= 0.02);
    CHECK(g.occluded == w.occluded);
    CHECK(g.truncated == w.truncated);
  }
  // No constant offset left along x (the 6 cm baseline bug).
  CHECK(std::abs(sum_x / double(want.tracked.size())) < 0.01);
  INFO("worst location error " << worst);
  // DontCare regions come back as DontCare rows, the same boxes frame by frame.
  REQUIRE(got.dont_care.size() == want.dont_care.size());
  size_t regions = 0;
  for (const auto& [f, boxes] : want.dont_care) {
    const auto& g = got.dont_care.at(f);
    REQUIRE(g.size() == boxes.size());
    for (size_t i = 0; i < boxes.size(); ++i) {
      CHECK(std::abs(g[i].x1 - boxes[i].x1) <= 0.02);
      CHECK(std::abs(g[i].y2 - boxes[i].y2) <= 0.02);
      ++regions;
    }
  }
  CHECK(regions == 378);

  // A second conversion into the same folder refuses to overwrite...
  const auto again = test::run_vantage(
      fmt::format("convert {} --to kitti_tracking --out {}", q(ol), q(out.path())));
  CHECK(again.exit_code != 0);
  CHECK(again.out.find("--overwrite") != std::string::npos);
  // ... unless asked, and --name chooses the file name.
  CHECK(test::run_vantage(fmt::format("convert {} --to kitti_tracking --out {} --overwrite", q(ol),
                                      q(out.path())))
            .exit_code == 0);
  CHECK(test::run_vantage(fmt::format("convert {} --to kitti_tracking --out {} --name 0042", q(ol),
                                      q(out.path())))
            .exit_code == 0);
  CHECK(fs::exists(out / "label_02" / "0042.txt"));
}

TEST_CASE("KITTI DontCare rows are ignore regions, not objects", "[formats][data]") {
  const fs::path data = test::shared_data();
  const Document tracking = open_kitti_tracking(data / "kitti_tracking/training", "0000");
  const DocumentSummary s = summarize(tracking);
  CHECK(s.objects == 15);
  CHECK(s.ignore_regions == 378);
  CHECK(tracking.schema.find_class("DontCare") != nullptr);  // the schema may know it...
  for (const Object& o : tracking.annotations.objects)
    CHECK(o.class_name != "DontCare");  // ... but no object has it

  const auto info = test::run_vantage(
      fmt::format("info {} --sequence 0000", q(data / "kitti_tracking/training")));
  INFO(info.out);
  CHECK(info.out.find("objects     15") != std::string::npos);
  CHECK(info.out.find("ignore regions 378") != std::string::npos);

  // YOLO from KITTI object: 000001's four DontCare regions are not boxes of
  // a class; the report says they were left out.
  TempDir y;
  const auto yolo = test::run_vantage(fmt::format("export {} --format yolo --out {}",
                                                  q(data / "kitti_object"), q(y.path())));
  INFO(yolo.out);
  REQUIRE(yolo.exit_code == 0);
  CHECK(yolo.out.find("ignore regions not exported") != std::string::npos);
  const std::string yaml = read_file_to_string(y / "data.yaml");
  const std::string labels = read_file_to_string(y / "labels" / "000001.txt");
  CHECK(std::count(labels.begin(), labels.end(), '\n') == 3);  // Truck, Car, Cyclist
  // KITTI object round trip keeps them as DontCare rows.
  TempDir k;
  REQUIRE(test::run_vantage(fmt::format("export {} --format kitti --out {}",
                                        q(data / "kitti_object"), q(k.path())))
              .exit_code == 0);
  size_t dc = 0;
  for (const KittiLabel& l : read_kitti_labels(k / "label_2" / "000001.txt", KittiLabelKind::Object))
    dc += l.is_dont_care();
  CHECK(dc == 4);
  // Gold scoring on them: a detection inside a DontCare area is no false positive.
  (void)yaml;
}

TEST_CASE("COCO with an annotation on a missing image: nothing written, each problem listed",
          "[formats][data]") {
  const fs::path src = test::shared_data() / "coco/kitti_mono3d/kitti_infos_mono3d.coco.json";
  TempDir tmp;
  // The real file with one annotation pointing at image id 99999.
  std::string text = read_file_to_string(src);
  const size_t at = text.find("\"image_id\"");
  REQUIRE(at != std::string::npos);
  const size_t colon = text.find(':', at), end = text.find_first_of(",}", colon);
  text = text.substr(0, colon + 1) + " 99999" + text.substr(end);
  fs::create_directories(tmp / "in" / "training" / "image_2");
  fs::copy_file(src.parent_path() / "training/image_2/000007.png",
                tmp / "in" / "training/image_2/000007.png");
  test::write_text(tmp / "in" / "coco.json", text);

  const auto bad = test::run_vantage(fmt::format("convert {} --to yolo --out {}",
                                                 q(tmp / "in" / "coco.json"), q(tmp / "out")));
  INFO(bad.out);
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("/annotations/0/image_id") != std::string::npos);
  CHECK(bad.out.find("no image with this id") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp / "out" / "labels"));

  const auto skip = test::run_vantage(fmt::format(
      "convert {} --to yolo --out {} --skip-invalid", q(tmp / "in" / "coco.json"), q(tmp / "out")));
  INFO(skip.out);
  CHECK(skip.exit_code == 0);
  const Json report = parse_json_file(tmp / "out" / "conversion-report.json");
  CHECK(report["dropped"].get<int>() == 1);
  CHECK(report["items"][0]["location"].get<std::string>() == "/annotations/0/image_id");
  CHECK(report["items"][0]["stage"].get<std::string>() == "read");

  const auto json = test::run_vantage(fmt::format("convert {} --to yolo --out {} --json",
                                                  q(tmp / "in" / "coco.json"), q(tmp / "out2")));
  CHECK(json.exit_code == 1);
  CHECK(json.out.find("\"problem_count\": 1") != std::string::npos);
}
