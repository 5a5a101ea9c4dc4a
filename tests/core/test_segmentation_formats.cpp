// Mask and point-label formats: each export is read back by a decoder
// written here from the format's specification (pycocotools' compressed RLE,
// Cityscapes' id*1000+k, the VOC devkit colour map, SemanticKITTI's
// uint32 words), and each import of an export gives the same labels, pixel
// for pixel and point for point.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/formats/format.h"
#include "core/formats/palette_png.h"
#include "core/io/native_format.h"
#include "core/io/point_cloud_io.h"
#include "core/segmentation/segmentation_commands.h"
#include "core/segmentation/seg_eval.h"
#include "tests/support/test_support.h"
#include "tests/core/formats_test_util.h"

using namespace vantage;
using namespace vantage::core;
namespace fs = std::filesystem;

namespace {

constexpr int kW = 64, kH = 48;
constexpr size_t kPoints = 5000;

// Two frames of one camera (and a LiDAR with sweeps on disk) with masks:
// road and sky (stuff), two cars and a pedestrian (things, the same objects
// that carry boxes), a crowd of cars; point labels for both sweeps.
Document seg_doc(const fs::path& folder) {
  Document doc;
  doc.folder = folder;
  doc.schema = default_schema();
  doc.sequence.name = "segtest";
  Camera cam;
  cam.name = "CAM";
  cam.width = kW;
  cam.height = kH;
  cam.intrinsics = {50, 50, 32, 24, 0};
  doc.sequence.rigs[0].cameras.push_back(cam);
  Lidar lidar;
  lidar.name = "LIDAR";
  doc.sequence.rigs[0].lidars.push_back(lidar);
  fs::create_directories(folder / "images" / "CAM");
  fs::create_directories(folder / "lidar");
  for (int f = 0; f < 2; ++f) {
    Frame fr;
    fr.files["CAM"] = fmt::format("images/CAM/{:06d}.png", f);
    fr.files["LIDAR"] = fmt::format("lidar/{:06d}.bin", f);
    cv::imwrite((folder / fr.files["CAM"]).string(), cv::Mat(kH, kW, CV_8UC3, cv::Scalar(90, 90, 90)));
    PointCloud c;
    for (size_t i = 0; i < kPoints; ++i) c.points.push_back({float(i % 100), float(i / 100), 0, 0});
    write_kitti_bin(folder / fr.files["LIDAR"], c);
    doc.sequence.frames.push_back(fr);
  }
  for (ObjectId id : {4, 9}) {
    Object o;
    o.id = id;
    o.class_name = "Car";
    doc.annotations.put(o);
  }
  Object ped;
  ped.id = 12;
  ped.class_name = "Pedestrian";
  doc.annotations.put(ped);
  // Object 4 has a box at frame 0 (its mask joins its COCO annotation).
  Shape box;
  box.geometry = Box2D{10, 20, 30, 40};
  doc.annotations.find(4)->track_or_create("CAM", ShapeKind::Box2D).set(0, box);
  for (int f = 0; f < 2; ++f) {
    LayerEdit e = LayerEdit::image(doc, "CAM", f, kW, kH);
    const uint16_t road = e.segment("Road"), sky = e.segment("Sky");
    const uint16_t c4 = e.segment("Car", 4), c9 = e.segment("Car", 9), p = e.segment("Pedestrian", 12);
    const uint16_t crowd = e.segment("Car", -1, true);
    for (int y = 0; y < kH; ++y) e.writer().span(y, 0, kW, y < 16 ? sky : road);
    for (int y = 20; y < 40; ++y) e.writer().span(y, 10 + f, 30 + f, c4);
    for (int y = 25; y < 35; ++y) e.writer().span(y, 15, 20, road);  // a hole in car 4
    for (int y = 18; y < 30; ++y) e.writer().span(y, 40, 52, c9);
    for (int y = 10; y < 44; ++y) e.writer().span(y, 56, 60, p);
    for (int y = 44; y < 48; ++y) e.writer().span(y, 0, 8, crowd);
    e.writer().set(63, 47, c9);  // the last pixel (RLE without a trailing run)
    auto cmd = e.finish("paint");
    cmd->apply(doc);
    LayerEdit pe = LayerEdit::points(doc, "LIDAR", f, kPoints);
    const uint16_t proad = pe.segment("Road"), pc = pe.segment("Car", 4), pp = pe.segment("Pedestrian", 12);
    pe.writer().span(0, 0, 3000, proad);
    pe.writer().span(0, 3000 + f, 3500, pc);
    pe.writer().span(0, 4000, 4100, pp);
    pe.finish("points")->apply(doc);
  }
  return doc;
}

// Class per pixel and, for things, the object: equal in both documents
// (object ids compared through a one-to-one map when `same_ids` is false).
void check_same_labels(const Document& a, const Document& b, LayerKind kind, bool same_ids,
                       bool crowds = true) {
  // Without stable ids (Cityscapes instances are per image) the objects
  // must correspond one to one within each layer.
  std::map<ObjectId, ObjectId> map_ab, map_ba;
  size_t layers = 0;
  for (const auto& [key, la] : a.annotations.segmentation.layers()) {
    if (la.kind != kind) continue;
    map_ab.clear();
    map_ba.clear();
    const SegLayer* lb = b.annotations.segmentation.find(key);
    INFO(key.sensor << " frame " << key.frame);
    REQUIRE(lb);
    ++layers;
    const auto ra = a.annotations.segmentation.labels(key);
    const auto rb = b.annotations.segmentation.labels(key);
    REQUIRE(ra->width() == rb->width());
    for (int y = 0; y < ra->height(); ++y)
      for (int x = 0; x < ra->width(); ++x) {
        const Segment* sa = la.segment(ra->at(x, y));
        const Segment* sb = lb->segment(rb->at(x, y));
        if (!crowds && sa && sa->crowd) continue;
        INFO("pixel " << x << "," << y);
        REQUIRE((sa == nullptr) == (sb == nullptr));
        if (!sa) continue;
        REQUIRE(segment_class(a.annotations, *sa) == segment_class(b.annotations, *sb));
        REQUIRE(sa->crowd == sb->crowd);
        REQUIRE((sa->object >= 0) == (sb->object >= 0));
        if (sa->object < 0) continue;
        if (same_ids) {
          REQUIRE(sa->object == sb->object);
        } else {
          auto [it, added] = map_ab.emplace(sa->object, sb->object);
          REQUIRE(it->second == sb->object);
          auto [rit, radded] = map_ba.emplace(sb->object, sa->object);
          REQUIRE(rit->second == sa->object);
        }
      }
  }
  CHECK(layers > 0);
}

// pycocotools rleFrString, written from its description: 6 bits a char from
// '0', 5 data bits, 0x20 = more, 0x10 of the last char = sign, counts past
// the second are deltas against the count two back.
std::vector<uint32_t> coco_string_to_counts(const std::string& s) {
  std::vector<long long> c;
  size_t p = 0;
  while (p < s.size()) {
    long long x = 0;
    int k = 0;
    int more = 1;
    while (more) {
      const long long ch = s[p] - 48;
      x |= (ch & 0x1f) << (5 * k);
      more = ch & 0x20;
      ++p;
      ++k;
      if (!more && (ch & 0x10)) x |= static_cast<long long>(~0ULL << (5 * k));  // sign-extend
    }
    if (c.size() > 2) x += c[c.size() - 2];
    c.push_back(x);
  }
  return std::vector<uint32_t>(c.begin(), c.end());
}

// Column-major runs starting with zeros.
cv::Mat counts_to_mask(const std::vector<uint32_t>& counts, int h, int w) {
  cv::Mat m(h, w, CV_8U, cv::Scalar(0));
  size_t pos = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    for (uint32_t k = 0; k < counts[i]; ++k, ++pos)
      if (i % 2 == 1) m.at<uint8_t>(static_cast<int>(pos % h), static_cast<int>(pos / h)) = 1;
  }
  REQUIRE(pos == static_cast<size_t>(h) * static_cast<size_t>(w));
  return m;
}

cv::Mat segment_mask(const Document& d, int frame, const Segment& s) {
  const auto r = d.annotations.segmentation.labels({"CAM", frame});
  cv::Mat m = r->to_mat() == s.id;
  return m / 255;
}

}  // namespace

TEST_CASE("COCO masks: compressed RLE read by an independent decoder; round trip exact",
          "[segmentation][formats]") {
  test::TempDir dir;
  const Document doc = seg_doc(dir / "seq");
  const FormatReport rep = export_document(doc, FormatId::Coco, dir / "coco");
  // Point labels are reported, never silently dropped.
  bool noted = false;
  for (const auto& l : rep.summary) noted |= l.find("point label sweeps not exported") != std::string::npos;
  CHECK(noted);
  const auto j = nlohmann::json::parse(test::read_text(dir / "coco" / "instances.json"));
  int matched = 0, crowds = 0, stuff = 0;
  for (const auto& a : j["annotations"]) {
    if (!a["segmentation"].is_object()) continue;
    const auto& seg = a["segmentation"];
    REQUIRE(seg["size"][0] == kH);
    REQUIRE(seg["size"][1] == kW);
    const cv::Mat m = counts_to_mask(coco_string_to_counts(seg["counts"]), kH, kW);
    const int frame = a["image_id"].get<int>() - 1;  // one camera: ids are frame + 1
    const SegLayer* l = doc.annotations.segmentation.find("CAM", frame);
    REQUIRE(l);
    const Segment* s = nullptr;
    const std::string kind = a["vantage"].value("mask", std::string());
    for (const Segment& x : l->segments) {
      if (a.contains("track_id") && x.object == a["track_id"].get<ObjectId>() && !x.crowd) s = &x;
      if (!a.contains("track_id") && x.object < 0 && x.crowd == (a["iscrowd"] == 1) &&
          std::to_string(doc.schema.find_class(x.class_name)->id) ==
              std::to_string(a["category_id"].get<int>()))
        s = &x;
    }
    REQUIRE(s);
    CHECK(cv::countNonZero(m != segment_mask(doc, frame, *s)) == 0);
    CHECK(a["area"].get<double>() == double(s->area));
    crowds += a["iscrowd"] == 1;
    stuff += kind == "stuff";
    ++matched;
  }
  CHECK(matched == 12);  // 6 segments x 2 frames
  CHECK(crowds == 2);
  CHECK(stuff == 4);
  Document back = test::empty_like(doc);
  for (ObjectId id : {4, 9, 12}) back.annotations.put(*doc.annotations.find(id));
  back.annotations.find(4)->tracks.clear();
  import_annotations(back, FormatId::Coco, dir / "coco" / "instances.json");
  check_same_labels(doc, back, LayerKind::Image, true);
  CHECK(back.annotations.find(4)->shape(0, "CAM", ShapeKind::Box2D));

  // Polygons on request: outlines, reported.
  ExportOptions po;
  po.mask_polygons = true;
  const FormatReport pr = export_document(doc, FormatId::Coco, dir / "coco_poly", po);
  bool poly_noted = false;
  for (const auto& l : pr.summary) poly_noted |= l.find("masks exported as polygons") != std::string::npos;
  CHECK(poly_noted);
}

TEST_CASE("Cityscapes PNGs: labelIds, instanceIds id*1000+k, colour; round trip exact",
          "[segmentation][formats]") {
  test::TempDir dir;
  const Document doc = seg_doc(dir / "seq");
  export_document(doc, FormatId::Cityscapes, dir / "cs");
  const fs::path stem = dir / "cs" / "gtFine" / "CAM" / "CAM_000001_gtFine";
  const cv::Mat ids = cv::imread(stem.string() + "_labelIds.png", cv::IMREAD_UNCHANGED);
  const cv::Mat inst = cv::imread(stem.string() + "_instanceIds.png", cv::IMREAD_UNCHANGED);
  const cv::Mat col = cv::imread(stem.string() + "_color.png", cv::IMREAD_COLOR);
  REQUIRE(ids.type() == CV_8U);
  REQUIRE(inst.type() == CV_16U);
  // From cityscapesScripts' labels.py: sky 23, road 7, car 26, person 24.
  CHECK(ids.at<uint8_t>(0, 0) == 23);
  CHECK(ids.at<uint8_t>(47, 30) == 7);
  CHECK(ids.at<uint8_t>(21, 12) == 26);
  CHECK(ids.at<uint8_t>(12, 57) == 24);
  CHECK(inst.at<uint16_t>(47, 30) == 7);    // stuff: the plain id
  CHECK(inst.at<uint16_t>(21, 12) == 26000);  // car 4: first car
  CHECK(inst.at<uint16_t>(20, 45) == 26001);  // car 9: second
  CHECK(inst.at<uint16_t>(12, 57) == 24000);
  CHECK(inst.at<uint16_t>(46, 2) == 26);      // a crowd ("group") keeps the plain id
  CHECK(col.at<cv::Vec3b>(0, 0) == cv::Vec3b(0xb4, 0x82, 0x46));  // Sky #4682b4, BGR
  Document back = test::empty_like(doc);
  import_annotations(back, FormatId::Cityscapes, dir / "cs");
  check_same_labels(doc, back, LayerKind::Image, false);
}

TEST_CASE("VOC segmentation: palette PNGs with the devkit colour map; round trip exact",
          "[segmentation][formats]") {
  // The devkit's colour map, from VOClabelcolormap.m: bitget(c, 1..3)
  // shifted into bit 7 - j of r, g, b for j = 0..7.
  auto devkit = [](int i) {
    int r = 0, g = 0, b = 0;
    for (int j = 0; j < 8; ++j) {
      r |= ((i >> (3 * j)) & 1) << (7 - j);
      g |= ((i >> (3 * j + 1)) & 1) << (7 - j);
      b |= ((i >> (3 * j + 2)) & 1) << (7 - j);
    }
    return cv::Vec3b(static_cast<uchar>(b), static_cast<uchar>(g), static_cast<uchar>(r));
  };
  CHECK(devkit(1) == cv::Vec3b(0, 0, 128));
  CHECK(devkit(255) == cv::Vec3b(192, 224, 224));
  test::TempDir dir;
  const Document doc = seg_doc(dir / "seq");
  const FormatReport rep = export_document(doc, FormatId::Voc, dir / "voc", {});
  // OpenCV expands the palette: the colours must be the devkit's for the
  // class indices (car 7, person 15; void 255 for the crowd).
  const cv::Mat cls = cv::imread((dir / "voc" / "SegmentationClass" / "000000.png").string());
  REQUIRE(!cls.empty());
  CHECK(cls.at<cv::Vec3b>(21, 12) == devkit(7));
  CHECK(cls.at<cv::Vec3b>(12, 57) == devkit(15));
  CHECK(cls.at<cv::Vec3b>(46, 2) == devkit(255));
  // libpng reads the indices back unexpanded.
  const cv::Mat idx = decode_palette_png(
      test::read_text(dir / "voc" / "SegmentationObject" / "000000.png"), "obj");
  CHECK(idx.at<uint8_t>(21, 12) == 1);  // car 4: the first XML object (it has the box)
  CHECK(idx.at<uint8_t>(20, 45) != 0);
  CHECK(idx.at<uint8_t>(0, 0) == 0);    // stuff has no object index
  bool void_noted = false;
  for (const auto& l : rep.summary) void_noted |= l.find("void (255)") != std::string::npos;
  CHECK(void_noted);
  Document back = test::empty_like(doc);
  for (ObjectId id : {4}) back.annotations.put(*doc.annotations.find(id));
  back.annotations.find(4)->tracks.clear();
  import_annotations(back, FormatId::Voc, dir / "voc");
  check_same_labels(doc, back, LayerKind::Image, false, /*crowds=*/false);
  // Car 4's mask went back to the object that has the box.
  const SegLayer* l = back.annotations.segmentation.find("CAM", 0);
  const auto r = back.annotations.segmentation.labels({"CAM", 0});
  CHECK(l->segment(r->at(12, 21))->object == back.annotations.objects.front().id);
}

TEST_CASE("YOLO segments from masks: outlines that cover the masks", "[segmentation][formats]") {
  test::TempDir dir;
  const Document doc = seg_doc(dir / "seq");
  const FormatReport rep = export_document(doc, FormatId::Yolo, dir / "yolo");
  bool outlines = false;
  for (const auto& l : rep.summary) outlines |= l.find("masks exported as outlines") != std::string::npos;
  CHECK(outlines);
  // Rasterise the rows of one class back and compare to the masks.
  const std::string text = test::read_text(dir / "yolo" / "labels" / "000000.txt");
  std::istringstream in(text);
  cv::Mat person = cv::Mat::zeros(kH, kW, CV_8U);
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    int cls;
    ls >> cls;
    std::vector<cv::Point> pts;
    double x, y;
    while (ls >> x >> y) pts.push_back({int(std::lround(x * kW - 0.5)), int(std::lround(y * kH - 0.5))});
    ++rows;
    if (pts.size() == 4 && cls >= 0) {
      cv::Mat m = cv::Mat::zeros(kH, kW, CV_8U);
      cv::fillPoly(m, std::vector<std::vector<cv::Point>>{pts}, 1);
      if (m.at<uint8_t>(12, 57)) person |= m;
    }
  }
  CHECK(rows >= 6);
  const SegLayer* l = doc.annotations.segmentation.find("CAM", 0);
  const Segment* p = nullptr;
  for (const Segment& s : l->segments) if (s.object == 12) p = &s;
  REQUIRE(p);
  CHECK(mask_iou(person, segment_mask(doc, 0, *p)) == Approx(1.0));
}

TEST_CASE("SemanticKITTI .label: uint32 words (class low, instance high); round trip exact",
          "[segmentation][formats]") {
  test::TempDir dir;
  const Document doc = seg_doc(dir / "seq");
  export_document(doc, FormatId::SemanticKitti, dir / "sk");
  const fs::path f1 = dir / "sk" / "sequences" / "segtest" / "labels" / "000001.label";
  std::ifstream in(f1, std::ios::binary);
  std::vector<uint32_t> words(kPoints);
  in.read(reinterpret_cast<char*>(words.data()), kPoints * 4);  // little-endian host
  REQUIRE(in.gcount() == static_cast<std::streamsize>(kPoints * 4));
  // semantic-kitti.yaml: road 40, car 10, person 30.
  CHECK((words[10] & 0xffff) == 40);
  CHECK((words[10] >> 16) == 0);
  CHECK((words[3001] & 0xffff) == 10);
  CHECK((words[3001] >> 16) == 4);   // the object id: consistent over frames
  CHECK(words[3000] == 0);           // frame 1 starts the car one point later
  CHECK((words[4050] & 0xffff) == 30);
  CHECK((words[4050] >> 16) == 12);
  CHECK(words[4999] == 0);
  CHECK(test::read_text(dir / "sk" / "semantic-kitti.yaml").find("10: \"Car\"") != std::string::npos);
  // Into the same document without labels: the instances find their objects.
  Document back = test::empty_like(doc);
  for (ObjectId id : {4, 9, 12}) back.annotations.put(*doc.annotations.find(id));
  import_annotations(back, FormatId::SemanticKitti, dir / "sk");
  check_same_labels(doc, back, LayerKind::Points, true);
  // A file for a scan of another size is refused with its name.
  fs::create_directories(dir / "bad");
  test::write_text(dir / "bad" / "000000.label", std::string(12, '\0'));
  Document bad = test::empty_like(doc);
  CHECK_THROWS_WITH(import_annotations(bad, FormatId::SemanticKitti, dir / "bad"),
                    Catch::Contains("could not be imported"));
}

TEST_CASE("formats without masks report them; native export keeps them", "[segmentation][formats]") {
  test::TempDir dir;
  const Document doc = seg_doc(dir / "seq");
  ExportOptions strict;
  strict.strict = true;
  CHECK_THROWS_AS(export_document(doc, FormatId::Kitti, dir / "k", strict), ConversionError);
  const FormatReport r = export_document(doc, FormatId::OpenLabel, dir / "ol");
  bool masks = false, points = false;
  for (const auto& l : r.summary) {
    masks |= l.find("2 camera masks not exported") != std::string::npos;
    points |= l.find("2 point label sweeps not exported") != std::string::npos;
  }
  CHECK(masks);
  CHECK(points);
  export_document(doc, FormatId::Native, dir / "native");
  const Document n = load_native(dir / "native");
  CHECK(n.annotations.segmentation == doc.annotations.segmentation);
}
