// KITTI label_2 / label_02 reading and writing, checked against the real
// label files (their line counts from PROVENANCE.md, their text byte for byte).
#include <catch2/catch.hpp>

#include <set>

#include "core/formats/kitti_labels.h"
#include "core/util/error.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;

namespace {

std::string error_of(std::string_view text, KittiLabelKind kind) {
  try {
    parse_kitti_labels(text, kind, "labels.txt");
  } catch (const FileError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("KITTI object labels: real files parse, rewrite byte for byte, round-trip",
          "[kitti][data]") {
  const auto dir = test::shared_data() / "kitti_object" / "label_2";
  const std::map<std::string, size_t> expected_lines = {
      {"000000", 1}, {"000001", 7}, {"000002", 2}};
  for (const auto& [stem, lines] : expected_lines) {
    const auto path = dir / (stem + ".txt");
    const std::string text = test::read_text(path);
    const auto labels = read_kitti_labels(path, KittiLabelKind::Object);
    CHECK(labels.size() == lines);
    // The dataset's own style reproduces the file exactly.
    CHECK(format_kitti_labels(labels, KittiLabelKind::Object, {KittiNumberStyle::Dataset}) == text);
    // Shortest style reads back to the same values.
    const std::string shortest = format_kitti_labels(labels, KittiLabelKind::Object);
    CHECK(parse_kitti_labels(shortest, KittiLabelKind::Object, "mem") == labels);
  }
  // Spot check against the file text:
  // Pedestrian 0.00 0 -0.20 712.40 143.00 810.73 307.92 1.89 0.48 1.20 1.84 1.47 8.41 0.01
  const auto ped = read_kitti_labels(dir / "000000.txt", KittiLabelKind::Object).at(0);
  CHECK(ped.type == "Pedestrian");
  CHECK(ped.truncated == 0.0);
  CHECK(ped.occluded == 0);
  CHECK(ped.alpha == -0.20);
  CHECK(ped.box == Box2D{712.40, 143.00, 810.73, 307.92});
  CHECK(ped.height == 1.89);
  CHECK(ped.width == 0.48);
  CHECK(ped.length == 1.20);
  CHECK(ped.location == Vec3{1.84, 1.47, 8.41});
  CHECK(ped.rotation_y == 0.01);
  CHECK_FALSE(ped.score);
  CHECK(ped.has_3d());

  const auto l1 = read_kitti_labels(dir / "000001.txt", KittiLabelKind::Object);
  int dont_care = 0;
  for (const auto& l : l1) {
    if (!l.is_dont_care()) continue;
    ++dont_care;
    CHECK_FALSE(l.has_3d());
    KittiLabel expected = kitti_dont_care_label(KittiLabelKind::Object, l.box);
    CHECK(l == expected);
  }
  CHECK(dont_care == 4);
  CHECK(l1.at(2).type == "Cyclist");
  CHECK(l1.at(2).occluded == 3);
}

TEST_CASE("KITTI tracking labels: real files parse, rewrite byte for byte, round-trip",
          "[kitti][data]") {
  const auto dir = test::shared_data() / "kitti_tracking" / "training" / "label_02";
  struct Expect {
    std::string seq;
    size_t lines;
    int frames;
    size_t tracks;
  };
  for (const Expect& e : {Expect{"0000", 1089, 154, 15}, Expect{"0001", 4271, 447, 98},
                          Expect{"0016", 4145, 209, 28}}) {
    INFO(e.seq);
    const auto path = dir / (e.seq + ".txt");
    const std::string text = test::read_text(path);
    const auto labels = read_kitti_labels(path, KittiLabelKind::Tracking);
    CHECK(labels.size() == e.lines);
    int max_frame = -1;
    std::set<int64_t> tracks;
    for (const auto& l : labels) {
      max_frame = std::max(max_frame, l.frame);
      if (l.track_id >= 0) tracks.insert(l.track_id);
      CHECK((l.track_id == -1) == l.is_dont_care());
      if (l.is_dont_care())
        CHECK(l == kitti_dont_care_label(KittiLabelKind::Tracking, l.box, l.frame));
    }
    CHECK(max_frame + 1 == e.frames);
    CHECK(tracks.size() == e.tracks);
    CHECK(format_kitti_labels(labels, KittiLabelKind::Tracking, {KittiNumberStyle::Dataset}) ==
          text);
    const std::string shortest = format_kitti_labels(labels, KittiLabelKind::Tracking);
    CHECK(shortest.size() < text.size());
    CHECK(parse_kitti_labels(shortest, KittiLabelKind::Tracking, "mem") == labels);
  }
  // First van of 0000:
  // 0 0 Van 0 0 -1.793451 296.744956 161.752147 455.226042 292.372804 2.000000 1.823255 4.433886
  //   -4.552284 1.858523 13.410495 -2.115488
  const auto labels = read_kitti_labels(dir / "0000.txt", KittiLabelKind::Tracking);
  const KittiLabel& van = labels.at(2);
  CHECK(van.frame == 0);
  CHECK(van.track_id == 0);
  CHECK(van.type == "Van");
  CHECK(van.alpha == -1.793451);
  CHECK(van.box == Box2D{296.744956, 161.752147, 455.226042, 292.372804});
  CHECK(van.height == 2.0);
  CHECK(van.length == 4.433886);
  CHECK(van.location == Vec3{-4.552284, 1.858523, 13.410495});
  CHECK(van.rotation_y == -2.115488);
}

TEST_CASE("KITTI labels: score column, shortest formatting, blank lines", "[kitti]") {
  const std::string text =
      "Car 0.5 1 -1.5 10 20 30.25 40 1.5 1.6 3.9 1 2 30 0.1 0.875\n"
      "\n"
      "  Pedestrian 0 0 0.1 1 2 3 4 1.7 0.6 0.8 -1 1.5 9.5 -3.14159\r\n";
  const auto labels = parse_kitti_labels(text, KittiLabelKind::Object, "mem");
  REQUIRE(labels.size() == 2);
  REQUIRE(labels[0].score);
  CHECK(*labels[0].score == 0.875);
  CHECK_FALSE(labels[1].score);
  CHECK(format_kitti_label(labels[0], KittiLabelKind::Object) ==
        "Car 0.5 1 -1.5 10 20 30.25 40 1.5 1.6 3.9 1 2 30 0.1 0.875");
  CHECK(format_kitti_label(labels[0], KittiLabelKind::Object, {KittiNumberStyle::Dataset}) ==
        "Car 0.50 1 -1.50 10.00 20.00 30.25 40.00 1.50 1.60 3.90 1.00 2.00 30.00 0.10 0.875");
  // Shortest keeps every bit.
  KittiLabel l = labels[1];
  l.rotation_y = 0.1 + 0.2;
  l.location.x = 1.0 / 3.0;
  const auto back = parse_kitti_labels(format_kitti_label(l, KittiLabelKind::Object),
                                       KittiLabelKind::Object, "mem");
  CHECK(back.at(0) == l);
  CHECK(format_kitti_label(l, KittiLabelKind::Object, {KittiNumberStyle::Decimals12}) ==
        "Pedestrian 0 0 0.1 1 2 3 4 1.7 0.6 0.8 0.333333333333 1.5 9.5 0.3");
  l.rotation_y = -1e-14;
  l.location.z = 9.5 + 1e-14;
  CHECK(format_kitti_label(l, KittiLabelKind::Object, {KittiNumberStyle::Decimals12}) ==
        "Pedestrian 0 0 0.1 1 2 3 4 1.7 0.6 0.8 0.333333333333 1.5 9.5 0");
  // Tracking writes truncation levels as integers in every style.
  l.frame = 12;
  l.track_id = 0;
  l.truncated = 2;
  CHECK(format_kitti_label(l, KittiLabelKind::Tracking).rfind("12 0 Pedestrian 2 0 ", 0) == 0);
  CHECK(format_kitti_label(l, KittiLabelKind::Tracking, {KittiNumberStyle::Dataset})
            .rfind("12 0 Pedestrian 2 0 0.100000 1.000000 ", 0) == 0);
}

TEST_CASE("KITTI labels: malformed lines name the file, line and column", "[kitti]") {
  using K = KittiLabelKind;
  const std::string good = "Car 0 0 0 1 2 3 4 1.5 1.6 3.9 1 2 30 0.1\n";
  CHECK(
      error_of(good + "Car 0 0 0 1 2 3 4 1.5 1.6 3.9 1 2 30\n", K::Object) ==
      "labels.txt: line 2: expected 15 or 16 columns (type truncated occluded alpha x1 y1 x2 y2 h "
      "w l x y z rotation_y [score]), found 14");
  CHECK(error_of(good + good + "Car 0 0 0 1 2 3 4 1.5 abc 3.9 1 2 30 0.1\n", K::Object) ==
        "labels.txt: line 3: column 10 (w): 'abc' is not a finite number");
  CHECK(error_of("Car 0 x 0 1 2 3 4 1.5 1.6 3.9 1 2 30 0.1\n", K::Object) ==
        "labels.txt: line 1: column 3 (occluded): 'x' is not an integer");
  CHECK(error_of("Car 0 7 0 1 2 3 4 1.5 1.6 3.9 1 2 30 0.1\n", K::Object) ==
        "labels.txt: line 1: column 3 (occluded): 7 is out of range [-1, 3]");
  CHECK(error_of("Car 0 0 nan 1 2 3 4 1.5 1.6 3.9 1 2 30 0.1\n", K::Object) ==
        "labels.txt: line 1: column 4 (alpha): 'nan' is not a finite number");
  CHECK(error_of("Car 0 0 0 1 2 3 4 1.5 1.6 3.9 1 2 30 0.1x\n", K::Object) ==
        "labels.txt: line 1: column 15 (rotation_y): '0.1x' is not a finite number");
  CHECK(error_of("0 0 Car 0 0 0 1 2 3 4 1.5 1.6 3.9 1 2 30 0.1\n-1 0 Car 0 0 0 1 2 3 4 1.5 1.6 3.9 "
                 "1 2 30 0.1\n",
                 K::Tracking) ==
        "labels.txt: line 2: column 1 (frame): -1 is out of range [0, 100000000]");
  CHECK(error_of("0 -2 Car 0 0 0 1 2 3 4 1.5 1.6 3.9 1 2 30 0.1\n", K::Tracking)
            .find("line 1: column 2 (track_id): -2 is out of range") != std::string::npos);
  CHECK(error_of("0 1.5 Car 0 0 0 1 2 3 4 1.5 1.6 3.9 1 2 30 0.1\n", K::Tracking) ==
        "labels.txt: line 1: column 2 (track_id): '1.5' is not an integer");
  // A label_2 line is not a label_02 line.
  CHECK(error_of(good, K::Tracking).find("expected 17 or 18 columns") != std::string::npos);
  CHECK(parse_kitti_labels("", K::Object, "mem").empty());
}

TEST_CASE("KITTI labels: write_kitti_labels writes the formatted text", "[kitti]") {
  test::TempDir dir;
  std::vector<KittiLabel> labels = {kitti_dont_care_label(KittiLabelKind::Object, {1, 2, 3, 4})};
  write_kitti_labels(dir / "000000.txt", labels, KittiLabelKind::Object,
                     {KittiNumberStyle::Dataset});
  CHECK(test::read_text(dir / "000000.txt") ==
        "DontCare -1 -1 -10 1.00 2.00 3.00 4.00 -1 -1 -1 -1000 -1000 -1000 -10\n");
  CHECK_FALSE(std::filesystem::exists(dir / "000000.txt.bak"));
  CHECK(read_kitti_labels(dir / "000000.txt", KittiLabelKind::Object) == labels);
}
