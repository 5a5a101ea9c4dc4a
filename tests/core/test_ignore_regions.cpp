// Ignore regions (KITTI DontCare, COCO crowds): the model, their coverage
// rule against brute-force pixel counting, RLE strings against an
// independent coder written here from pycocotools' description, every
// format's ignore convention in a round trip, and QA ignoring detections
// inside them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <opencv2/imgproc.hpp>
#include <random>

#include "core/formats/coco_rle.h"
#include "core/formats/format.h"
#include "core/geometry/ignore_coverage.h"
#include "core/io/file_util.h"
#include "core/io/json_reader.h"
#include "core/io/native_format.h"
#include "core/qa/consensus.h"
#include "core/qa/gold.h"
#include "core/qa/rule_set.h"
#include "core/qa/rules.h"
#include "tests/support/fixtures.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;
namespace fs = std::filesystem;
using test::TempDir;

namespace {

// pycocotools' rleToString, from its description (maskApi.c): each count
// (from the third on, minus the count two places back) in 5-bit groups,
// least significant first, 0x20 = more follow, written as char(48 + group).
std::string reference_rle_string(const std::vector<uint32_t>& cnts) {
  std::string s;
  for (size_t i = 0; i < cnts.size(); ++i) {
    long long x = cnts[i];
    if (i > 2) x -= static_cast<long long>(cnts[i - 2]);
    for (;;) {
      long long c = x & 0x1f;
      x >>= 5;
      const bool more = (c & 0x10) ? x != -1 : x != 0;
      if (more) c |= 0x20;
      s += static_cast<char>(c + 48);
      if (!more) break;
    }
  }
  return s;
}

// Column-major runs of a mask given as rows of 0/1.
std::vector<uint32_t> reference_runs(const std::vector<std::vector<int>>& m) {
  std::vector<uint32_t> out;
  int value = 0;
  uint32_t run = 0;
  for (size_t c = 0; c < m[0].size(); ++c)
    for (size_t r = 0; r < m.size(); ++r) {
      if (m[r][c] != value) {
        out.push_back(run);
        run = 0;
        value = m[r][c];
      }
      ++run;
    }
  out.push_back(run);
  return out;
}

// Coverage by sampling a fine grid inside the box (the reference).
double sampled_coverage(const IgnoreRegion& r, const Box2D& b, int n = 400) {
  const cv::Mat mask = std::holds_alternative<RleMask>(r.geometry)
                           ? rle_decode(std::get<RleMask>(r.geometry).counts,
                                        std::get<RleMask>(r.geometry).height,
                                        std::get<RleMask>(r.geometry).width)
                           : cv::Mat();
  const Polygon poly = std::holds_alternative<Polygon>(r.geometry) ? std::get<Polygon>(r.geometry)
                                                                   : Polygon{};
  size_t in = 0, total = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const double x = b.x1 + (i + 0.5) * b.width() / n, y = b.y1 + (j + 0.5) * b.height() / n;
      ++total;
      if (const auto* rb = std::get_if<Box2D>(&r.geometry)) {
        in += x >= rb->x1 && x < rb->x2 && y >= rb->y1 && y < rb->y2;
      } else if (!mask.empty()) {
        const int c = int(std::floor(x)), rr = int(std::floor(y));
        in += c >= 0 && rr >= 0 && c < mask.cols && rr < mask.rows && mask.at<uint8_t>(rr, c);
      } else {
        // Even-odd over the outer ring and holes.
        auto inside = [&](const std::vector<Vec2>& ring) {
          bool odd = false;
          for (size_t k = 0, l = ring.size() - 1; k < ring.size(); l = k++)
            if ((ring[k].y > y) != (ring[l].y > y) &&
                x < (ring[l].x - ring[k].x) * (y - ring[k].y) / (ring[l].y - ring[k].y) + ring[k].x)
              odd = !odd;
          return odd;
        };
        bool v = inside(poly.points);
        for (const auto& h : poly.holes) v = v && !inside(h);
        in += v;
      }
    }
  return double(in) / double(total);
}

Document one_camera_doc(int frames = 2) {
  test::SyntheticOptions o;
  o.frames = frames;
  o.objects = 3;
  o.cuboids = false;
  return test::make_synthetic_document(o);
}

}  // namespace

TEST_CASE("RLE strings and runs match pycocotools' coding", "[ignore][rle]") {
  // Known strings (pycocotools encodes {100,5,100,7} as "T35T32").
  CHECK(rle_counts_to_string({100, 5, 100, 7}) == "T35T32");
  CHECK(rle_counts_to_string({10, 20, 30, 5}) == ":d0n0A");
  std::mt19937 rng(3);
  for (int t = 0; t < 200; ++t) {
    const int h = 1 + int(rng() % 40), w = 1 + int(rng() % 40);
    std::vector<std::vector<int>> m(static_cast<size_t>(h), std::vector<int>(static_cast<size_t>(w), 0));
    const int density = int(rng() % 10);
    cv::Mat mat(h, w, CV_8U);
    for (int r = 0; r < h; ++r)
      for (int c = 0; c < w; ++c) {
        m[size_t(r)][size_t(c)] = int(rng() % 10) < density;
        mat.at<uint8_t>(r, c) = uint8_t(m[size_t(r)][size_t(c)]);
      }
    const auto runs = reference_runs(m);
    REQUIRE(rle_encode(mat) == runs);
    const std::string s = rle_counts_to_string(runs);
    REQUIRE(s == reference_rle_string(runs));
    REQUIRE(rle_counts_from_string(s) == runs);
    const cv::Mat back = rle_decode(runs, h, w);
    REQUIRE(cv::countNonZero(back != mat) == 0);
    RleMask rm{h, w, runs};
    REQUIRE(rm.valid());
    REQUIRE(rm.area() == uint64_t(cv::countNonZero(mat)));
    if (rm.area()) {
      const cv::Rect bb = cv::boundingRect(mat);
      const Box2D b = rm.bounds();
      REQUIRE(b.x1 == bb.x);
      REQUIRE(b.y1 == bb.y);
      REQUIRE(b.x2 == bb.x + bb.width);
      REQUIRE(b.y2 == bb.y + bb.height);
    }
  }
}

TEST_CASE("Ignore coverage: exact for boxes and polygons, per pixel for masks", "[ignore]") {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(0, 100);
  // A polygon with a hole and a mask.
  Polygon poly{{{10, 10}, {90, 15}, {80, 90}, {15, 70}}, {{{40, 40}, {60, 40}, {55, 60}}}};
  cv::Mat mm(100, 120, CV_8U, cv::Scalar(0));
  cv::circle(mm, {50, 50}, 30, cv::Scalar(1), -1);
  const RleMask mask{100, 120, rle_encode(mm)};
  const std::vector<IgnoreRegion> regions = {{"CAM", Box2D{20, 30, 70, 80}, "DontCare", ""},
                                             {"CAM", poly, "", ""},
                                             {"CAM", mask, "person", ""}};
  for (const IgnoreRegion& r : regions)
    for (int t = 0; t < 40; ++t) {
      const double x = u(rng), y = u(rng);
      const Box2D b{x, y, x + 1 + u(rng) / 2, y + 1 + u(rng) / 2};
      INFO(r.kind_name() << " box " << b.x1 << "," << b.y1 << "," << b.x2 << "," << b.y2);
      CHECK(ignore_coverage(r, b) == Approx(sampled_coverage(r, b)).margin(0.01));
    }
  // The devkit's rule: strictly more than half.
  const IgnoreRegion box{"CAM", Box2D{0, 0, 10, 10}, "DontCare", ""};
  CHECK(ignored_by_regions({box}, "CAM", Box2D{4, 0, 14, 10}));   // 60 % inside
  CHECK_FALSE(ignored_by_regions({box}, "CAM", Box2D{5, 0, 15, 10}));  // 50 %
  CHECK_FALSE(ignored_by_regions({box}, "OTHER", Box2D{0, 0, 5, 5}));  // other camera
}

TEST_CASE("Ignore regions survive native, COCO, VOC, KITTI and OpenLABEL; YOLO reports them",
          "[ignore][formats]") {
  Document doc = one_camera_doc();
  const std::string cam = doc.sequence.camera_names().front();
  cv::Mat mm(375, 1242, CV_8U, cv::Scalar(0));
  cv::rectangle(mm, cv::Rect(100, 50, 40, 30), cv::Scalar(1), -1);
  cv::circle(mm, {300, 200}, 20, cv::Scalar(1), -1);
  const RleMask mask{375, 1242, rle_encode(mm)};
  const Polygon poly{{{500, 100}, {700, 110}, {650, 300}}, {{{580, 150}, {620, 150}, {600, 200}}}};
  doc.annotations.ignore_regions[0] = {{cam, Box2D{10.5, 20.25, 60, 80}, "DontCare", "KITTI DontCare"},
                                       {cam, mask, "person", "COCO iscrowd"}};
  doc.annotations.ignore_regions[1] = {{cam, poly, "crowd", "drawn by hand"}};
  TempDir tmp;
  ExportOptions eo;
  eo.keyframes_only = true;

  SECTION("native: exact") {
    save_native_as(doc, tmp / "n");
    CHECK(load_native(tmp / "n").annotations.ignore_regions == doc.annotations.ignore_regions);
  }
  SECTION("COCO: crowd annotations (iscrowd 1), masks as compressed RLE") {
    export_document(doc, FormatId::Coco, tmp / "c", eo);
    const Json j = parse_json_file(tmp / "c" / "instances.json");
    size_t crowds = 0;
    bool rle = false;
    for (const Json& a : j["annotations"])
      if (a["iscrowd"].get<int>() == 1) {
        ++crowds;
        if (a["segmentation"].is_object())
          rle |= a["segmentation"]["counts"].get<std::string>() == rle_counts_to_string(mask.counts);
      }
    CHECK(crowds == 3);
    CHECK(rle);
    Document back = doc;
    back.annotations = {};
    import_annotations(back, FormatId::Coco, tmp / "c");
    CHECK(back.annotations.ignore_regions == doc.annotations.ignore_regions);
    CHECK(back.annotations.objects.size() == doc.annotations.objects.size());
  }
  SECTION("OpenLABEL: grouped as DontCare-like objects with negative uids") {
    export_document(doc, FormatId::OpenLabel, tmp / "o", eo);
    Document back = doc;
    back.annotations = {};
    import_annotations(back, FormatId::OpenLabel, tmp / "o");
    CHECK(back.annotations.ignore_regions == doc.annotations.ignore_regions);
  }
  SECTION("VOC: difficult objects; polygons and masks need --skip-invalid (their bounds)") {
    REQUIRE_THROWS_AS(export_document(doc, FormatId::Voc, tmp / "v", eo), ConversionError);
    CHECK_FALSE(fs::exists(tmp / "v" / "Annotations"));
    eo.skip_invalid = true;
    const FormatReport r = export_document(doc, FormatId::Voc, tmp / "v", eo);
    CHECK(r.problem_count == 2);
    CHECK(r.ignore_regions == 3);
    const std::string xml = read_file_to_string(tmp / "v" / "Annotations" / "000000.xml");
    CHECK(xml.find("<difficult>1</difficult>") != std::string::npos);
    Document back = doc;
    back.annotations = {};
    import_annotations(back, FormatId::Voc, tmp / "v");
    REQUIRE(back.annotations.ignore_regions_at(0).size() == 2);
    CHECK(back.annotations.ignore_regions_at(0)[0] == doc.annotations.ignore_regions_at(0)[0]);
    CHECK(back.annotations.ignore_regions_at(0)[1].bounds() == mask.bounds());
  }
  SECTION("YOLO: left out, said once with the count") {
    const FormatReport r = export_document(doc, FormatId::Yolo, tmp / "y", eo);
    bool said = false;
    for (const std::string& l : r.summary)
      said |= l.rfind("3 ignore regions not exported", 0) == 0;
    CHECK(said);
    // No class of their own: data.yaml names only the schema's classes.
    for (const auto& e : fs::directory_iterator(tmp / "y" / "labels")) {
      const std::string t = read_file_to_string(e.path());
      CHECK(std::count(t.begin(), t.end(), '\n') == 3);  // the 3 objects only
    }
    eo.strict = true;
    CHECK_THROWS_AS(export_document(doc, FormatId::Yolo, tmp / "y2", eo), ConversionError);
  }
}

TEST_CASE("QA ignores detections lying mostly inside ignore regions", "[ignore][qa]") {
  Document gold = one_camera_doc(1);
  const std::string cam = gold.sequence.camera_names().front();
  gold.annotations.objects.clear();
  gold.annotations.ignore_regions[0] = {{cam, Box2D{100, 100, 200, 200}, "DontCare", ""}};
  Document pred = gold;
  pred.annotations.ignore_regions.clear();
  auto add_box = [&](Document& d, ObjectId id, Box2D b, ShapeSource src) {
    Object o;
    o.id = id;
    o.class_name = "Car";
    Shape s;
    s.geometry = b;
    s.source = src;
    o.track_or_create(cam, ShapeKind::Box2D).set(0, s);
    d.annotations.put(o);
  };
  add_box(gold, 1, {400, 100, 450, 150}, ShapeSource::Manual);
  add_box(pred, 1, {400, 100, 450, 150}, ShapeSource::Model);   // true positive
  add_box(pred, 2, {110, 110, 190, 190}, ShapeSource::Model);   // inside the DontCare region
  add_box(pred, 3, {150, 100, 250, 200}, ShapeSource::Model);   // half inside: counts
  add_box(pred, 4, {800, 100, 850, 150}, ShapeSource::Model);   // a real false positive

  const GoldReport g = score_against_gold(gold, pred);
  CHECK(g.overall.true_positives == 1);
  CHECK(g.overall.ignored == 1);
  CHECK(g.overall.predicted == 3);
  CHECK(g.overall.precision() == Approx(1.0 / 3.0));

  const ConsensusReport c = compute_consensus({&gold, &pred});
  CHECK(c.ignored == 1);
  CHECK(c.unmatched == 2);

  // Rules: a labelled box inside a region is flagged; a model pre-label
  // there is looked at by no rule.
  Document labelled = pred;
  labelled.annotations.ignore_regions = gold.annotations.ignore_regions;
  add_box(labelled, 5, {120, 120, 130, 130}, ShapeSource::Manual);
  const RuleSet rules = default_rules();
  const auto findings = run_rules(labelled, rules, {false, {}});
  size_t inside = 0;
  for (const Finding& f : findings) {
    if (f.rule == "inside-ignore-region") {
      ++inside;
      CHECK(f.object == ObjectId(5));
    }
    CHECK(f.object != std::optional<ObjectId>(2));
  }
  CHECK(inside == 1);
}
