// Import and export on synthetic documents: round trips (import -> export ->
// import gives equal annotations), what each format holds, reports of what it
// cannot hold, stable output, and bad input.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "core/formats/coco_rle.h"
#include "core/formats/format.h"
#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "core/tracking/bake.h"
#include "tests/core/formats_test_util.h"
#include "tests/support/fixtures.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;
namespace fs = std::filesystem;
using test::TempDir;

namespace {

Document synthetic(int frames = 12, int objects = 6, bool extras = true) {
  test::SyntheticOptions o;
  o.frames = frames;
  o.objects = objects;
  o.extras = extras;
  return test::make_synthetic_document(o);
}

bool has_line(const FormatReport& r, const std::string& text) {
  for (const std::string& l : r.summary)
    if (l.find(text) != std::string::npos) return true;
  return false;
}

std::string all_lines(const FormatReport& r) {
  std::string s;
  for (const std::string& l : r.summary)
    s += l + "\n";
  for (const SkippedInput& k : r.skipped)
    s += k.file + ":" + k.location + ": " + k.message + "\n";
  return s;
}

// Every file under a folder with its bytes (for stable-output checks).
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file())
      out[e.path().lexically_relative(dir).string()] = read_file_to_string(e.path());
  return out;
}

const Shape* shape_at(const Annotations& a, ObjectId id, int frame, const std::string& sensor,
                      ShapeKind kind) {
  const Object* o = a.find(id);
  return o ? o->shape(frame, sensor, kind) : nullptr;
}

// import(export(doc)) -> A; import(export(A)) -> B; A == B; output stable.
struct RoundTrip {
  Annotations first, second;
  FormatReport export_report, import_report;
};

RoundTrip round_trip(const Document& doc, FormatId f, double tol, const ExportOptions& eo = {}) {
  RoundTrip rt;
  TempDir d1, d2, d3;
  rt.export_report = export_document(doc, f, d1.path(), eo);
  Document a = test::empty_like(doc);
  rt.import_report = import_annotations(a, f, d1.path());
  rt.first = a.annotations;
  a.folder = doc.folder;
  export_document(a, f, d2.path(), eo);
  Document b = test::empty_like(doc);
  import_annotations(b, f, d2.path());
  rt.second = b.annotations;
  INFO(all_lines(rt.import_report));
  CHECK(test::annotations_difference(rt.first, rt.second, tol) == "");
  // Same document, same options: byte-identical files.
  export_document(doc, f, d3.path(), eo);
  CHECK(snapshot(d1.path()) == snapshot(d3.path()));
  return rt;
}

}  // namespace

TEST_CASE("COCO round trip keeps boxes, polygons with holes, keypoints and shape metadata",
          "[formats]") {
  const Document doc = synthetic();
  const RoundTrip rt = round_trip(doc, FormatId::Coco, 1e-12);
  const FormatReport& r = rt.export_report;
  INFO(all_lines(r));
  CHECK(has_line(
      r, "66 cuboids not exported: COCO has no 3D"));  // 6 objects x 11 frames (one excluded)
  CHECK(has_line(r, "1 polylines not exported: COCO has no polylines"));
  CHECK(has_line(r, "excluded frames not exported"));
  CHECK(has_line(r, "review entries not exported"));
  CHECK(has_line(r, "outside spans not exported"));
  CHECK(has_line(r, "polygon holes outside COCO's model"));
  CHECK(r.images == 11);  // 12 frames, frame 2 excluded, one camera

  const Annotations& a = rt.first;
  // Boxes exactly, with occlusion, truncation, annotator, keyframe and source.
  for (const int f : {0, 1, 5, 11}) {
    const Shape* want = shape_at(doc.annotations, 1, f, "CAM_FRONT", ShapeKind::Box2D);
    const Shape* got = shape_at(a, 1, f, "CAM_FRONT", ShapeKind::Box2D);
    REQUIRE(want);
    REQUIRE(got);
    CHECK(test::shape_difference(*want, *got, 0.0) == "");
  }
  CHECK(!shape_at(a, 1, 2, "CAM_FRONT", ShapeKind::Box2D));  // excluded frame
  // Object attributes (static) and per-frame attributes.
  CHECK(a.find(1)->attributes == doc.annotations.find(1)->attributes);
  // Keypoints of the pedestrian (object 2) exactly, visibility included.
  const Shape* kp = shape_at(a, 2, 0, "CAM_FRONT", ShapeKind::Keypoints);
  REQUIRE(kp);
  CHECK(*kp->as<Keypoints>() ==
        *shape_at(doc.annotations, 2, 0, "CAM_FRONT", ShapeKind::Keypoints)->as<Keypoints>());
  // The polygon with its hole and its model score.
  const Shape* poly = shape_at(a, 8, 1, "CAM_FRONT", ShapeKind::Polygon);
  REQUIRE(poly);
  CHECK(test::shape_difference(
            *poly, *shape_at(doc.annotations, 8, 1, "CAM_FRONT", ShapeKind::Polygon), 0.0) == "");
  // A polygon without a box gets no box back (its bbox is marked derived).
  CHECK(!shape_at(a, 8, 1, "CAM_FRONT", ShapeKind::Box2D));
  // No cuboids, no polyline.
  for (const Object& o : a.objects)
    for (const Track& t : o.tracks)
      CHECK((t.kind != ShapeKind::Cuboid && t.kind != ShapeKind::Polyline));
}

TEST_CASE("VOC round trip keeps boxes with the 1-based pixel convention", "[formats]") {
  const Document doc = synthetic();
  const RoundTrip rt = round_trip(doc, FormatId::Voc, 1e-12);
  INFO(all_lines(rt.export_report));
  CHECK(has_line(rt.export_report, "cuboids not exported: Pascal VOC has no 3D"));
  CHECK(has_line(rt.export_report, "polygons not exported"));
  CHECK(has_line(rt.export_report, "keypoint sets not exported"));
  for (const int f : {0, 3, 11}) {
    const Shape* want = shape_at(doc.annotations, 4, f, "CAM_FRONT", ShapeKind::Box2D);
    const Shape* got = shape_at(rt.first, 4, f, "CAM_FRONT", ShapeKind::Box2D);
    REQUIRE(got);
    CHECK(test::shape_difference(*want, *got, 1e-13) == "");
  }
  // The file itself: xmin = x1 + 1, xmax = x2.
  TempDir d;
  Document one = synthetic(1, 1, false);
  Box2D& b =
      *one.annotations.objects[0].track("CAM_FRONT", ShapeKind::Box2D)->shapes[0].shape.as<Box2D>();
  b = {0, 10, 9, 20};
  export_document(one, FormatId::Voc, d.path());
  const std::string xml = read_file_to_string(d.path() / "Annotations" / "000000.xml");
  CHECK_THAT(xml, Catch::Contains("<xmin>1</xmin>") && Catch::Contains("<ymin>11</ymin>") &&
                      Catch::Contains("<xmax>9</xmax>") && Catch::Contains("<ymax>20</ymax>"));
}

TEST_CASE("YOLO round trip: normalised boxes, polygons and keypoints within 6 decimals",
          "[formats]") {
  const Document doc = synthetic();
  for (const YoloTask task : {YoloTask::Detect, YoloTask::Segment, YoloTask::Pose}) {
    ExportOptions eo;
    eo.yolo_task = task;
    const RoundTrip rt = round_trip(doc, FormatId::Yolo, 1e-12, eo);
    INFO(to_string(task) << "\n" << all_lines(rt.export_report));
    CHECK(has_line(rt.export_report, "cuboids not exported: YOLO has no 3D"));
    if (task == YoloTask::Detect) {
      // Box of the first object: within half a unit of the 6th decimal.
      const Box2D want =
          *shape_at(doc.annotations, 1, 0, "CAM_FRONT", ShapeKind::Box2D)->as<Box2D>();
      size_t found = 0;
      for (const Object& o : rt.first.objects)
        if (const Shape* s = o.shape(0, "CAM_FRONT", ShapeKind::Box2D)) {
          const Box2D& g = *s->as<Box2D>();
          const double cx_err = std::abs((g.x1 + g.x2) / 2 - (want.x1 + want.x2) / 2);
          if (cx_err < 1242 * 1e-6 && std::abs(g.width() - want.width()) < 1242 * 1e-6) ++found;
        }
      CHECK(found == 1);
    }
    if (task == YoloTask::Pose)
      CHECK(has_line(rt.export_report, "objects exported without keypoints"));
  }
  // data.yaml names every schema class in order.
  TempDir d;
  export_document(doc, FormatId::Yolo, d.path());
  const std::string yaml = read_file_to_string(d.path() / "data.yaml");
  CHECK_THAT(yaml, Catch::Contains("0: Vehicle") && Catch::Contains("1: Car") &&
                       Catch::Contains("kpt_shape: [17, 3]"));
}

TEST_CASE("YOLO clips to the image and reports it", "[formats]") {
  Document doc = synthetic(1, 1, false);
  Box2D& b =
      *doc.annotations.objects[0].track("CAM_FRONT", ShapeKind::Box2D)->shapes[0].shape.as<Box2D>();
  b = {-20, 100, 60, 200};  // 20 px outside on the left
  TempDir d;
  const FormatReport r = export_document(doc, FormatId::Yolo, d.path());
  CHECK(has_line(r, "1 shapes clipped to the image"));
  const std::string label = read_file_to_string(d.path() / "labels" / "000000.txt");
  // Clipped to x 0..60: cx = 30 / 1242, w = 60 / 1242.
  CHECK(label.rfind("1 0.024155 0.400000 0.048309 0.266667", 0) == 0);
}

TEST_CASE("OpenLABEL is lossless for the annotations and the sequence", "[formats]") {
  Document doc = synthetic(15, 5, true);
  doc.annotations.review = {};
  TempDir d;
  const FormatReport r = export_document(doc, FormatId::OpenLabel, d.path());
  INFO(all_lines(r));
  for (const std::string& line : r.summary)
    CHECK(line.find("not exported") == std::string::npos);  // nothing dropped
  FormatReport in;
  const Document back = document_from_annotations(FormatId::OpenLabel, d.path(), {}, in);
  INFO(all_lines(in));
  CHECK(back.sequence == doc.sequence);
  // What the export holds: the document as the workstation shows it (cached
  // in-betweens recomputed by the tracking engine).
  const Annotations shown = bake_annotations(Interpolator(doc.sequence), doc.annotations);
  CHECK(test::annotations_difference(shown, back.annotations, 1e-15) == "");
  CHECK(back.annotations.metadata.tool == doc.annotations.metadata.tool);
  CHECK(back.annotations.metadata.annotators == doc.annotations.metadata.annotators);
  CHECK(back.annotations.metadata.created_ms == doc.annotations.metadata.created_ms);
  CHECK(back.annotations.metadata.extra == doc.annotations.metadata.extra);
  CHECK(back.annotations.excluded_frames == doc.annotations.excluded_frames);
  // Into an existing sequence: the same.
  Document into = test::empty_like(doc);
  import_annotations(into, FormatId::OpenLabel, d.path());
  CHECK(test::annotations_difference(shown, into.annotations, 1e-15) == "");
}

TEST_CASE("OpenLABEL cuboids: Euler ZYX angles and object axes", "[formats]") {
  Document doc = synthetic(1, 1, false);
  Shape& s = doc.annotations.objects[0].track(kSceneSensor, ShapeKind::Cuboid)->shapes[0].shape;
  s.geometry = Cuboid{{10.5, -2.25, 0.75}, {4.5, 1.8, 1.5}, 0.3, 0.05, -0.02};
  TempDir d;
  export_document(doc, FormatId::OpenLabel, d.path());
  const Json j = parse_json_file(d.path() / "openlabel.json");
  const Json& c = j["openlabel"]["frames"]["0"]["objects"]["1"]["object_data"]["cuboid"][0];
  CHECK(c["coordinate_system"] == "vehicle-iso8855");
  // (x, y, z, rx=roll, ry=pitch, rz=yaw, sx=l, sy=w, sz=h)
  CHECK(c["val"] == Json::array({10.5, -2.25, 0.75, -0.02, 0.05, 0.3, 4.5, 1.8, 1.5}));
}

TEST_CASE("Exports honour frames, camera and keyframes-only", "[formats]") {
  const Document doc = synthetic(30, 3, false);
  TempDir d;
  ExportOptions eo;
  eo.frames = FrameRange{5, 14};
  eo.keyframes_only = true;
  const FormatReport r = export_document(doc, FormatId::Coco, d.path(), eo);
  const Json j = parse_json_file(d.path() / "instances.json");
  CHECK(j["images"].size() == 10);
  // Keyframes at 10 only (every 10th) -> 3 objects x 1 frame.
  CHECK(j["annotations"].size() == 3);
  for (const auto& a : j["annotations"])
    CHECK(a["vantage"]["box"]["keyframe"] == true);
  CHECK(j["info"]["vantage"]["keyframes_only"] == true);
  eo.camera = "NO_SUCH_CAMERA";
  CHECK_THROWS_WITH(export_document(doc, FormatId::Coco, d.path(), eo),
                    Catch::Contains("no camera 'NO_SUCH_CAMERA'"));
  eo.camera.clear();
  eo.frames = FrameRange{100, 200};
  CHECK_THROWS_WITH(export_document(doc, FormatId::Coco, d.path(), eo),
                    Catch::Contains("select nothing"));
}

TEST_CASE("Imports merge by object id, or make new pre-label objects", "[formats]") {
  const Document doc = synthetic(6, 3, false);
  TempDir d;
  export_document(doc, FormatId::Coco, d.path());
  Document target = test::empty_like(doc);
  import_annotations(target, FormatId::Coco, d.path());
  CHECK(target.annotations.objects.size() == 3);
  // Again: the same objects receive the shapes (replaced, not duplicated).
  const FormatReport again = import_annotations(target, FormatId::Coco, d.path());
  CHECK(target.annotations.objects.size() == 3);
  CHECK(has_line(again, "18 existing shapes replaced"));
  // As pre-labels: new objects, source Model, score 1 when the file has none.
  ImportOptions pre;
  pre.as_prelabels = true;
  import_annotations(target, FormatId::Coco, d.path(), pre);
  REQUIRE(target.annotations.objects.size() == 6);
  const Shape* s = target.annotations.objects[3].shape(0, "CAM_FRONT", ShapeKind::Box2D);
  REQUIRE(s);
  CHECK(s->source == ShapeSource::Model);
  CHECK(s->score == 1.0);
  CHECK(target.annotations.objects[3].id == 4);
}

TEST_CASE("RLE: compressed and uncompressed counts decode column-major; masks become polygons",
          "[formats]") {
  // Strings computed by hand with pycocotools' rleToString algorithm.
  CHECK(*rle_counts_from_string("T35T32") == std::vector<uint32_t>{100, 5, 100, 7});
  CHECK(*rle_counts_from_string(":d0n0A") == std::vector<uint32_t>{10, 20, 30, 5});
  CHECK(!rle_counts_from_string("d"));  // continuation bit with nothing after
  // 3 rows x 2 columns, column-major runs: 1 zero, 2 ones, 1 zero, 2 ones.
  const cv::Mat m = rle_decode({1, 2, 1, 2}, 3, 2);
  CHECK(m.at<uint8_t>(0, 0) == 0);
  CHECK(m.at<uint8_t>(1, 0) == 1);
  CHECK(m.at<uint8_t>(2, 0) == 1);
  CHECK(m.at<uint8_t>(0, 1) == 0);
  CHECK(m.at<uint8_t>(2, 1) == 1);
  CHECK_THROWS_WITH(rle_decode({1, 2}, 3, 2), Catch::Contains("add up to 3 pixels"));
  // A 5x4 block (cols 3..7, rows 2..5) with a 1-pixel hole at (5, 3).
  cv::Mat mask(10, 10, CV_8U, cv::Scalar(0));
  mask(cv::Rect(3, 2, 5, 4)).setTo(1);
  mask.at<uint8_t>(3, 5) = 0;
  const auto polys = mask_to_polygons(mask);
  REQUIRE(polys.size() == 1);
  const std::vector<Vec2> want{{3.5, 2.5}, {3.5, 5.5}, {7.5, 5.5}, {7.5, 2.5}};
  std::set<std::pair<double, double>> got, expected;
  for (const Vec2& p : polys[0].points)
    got.insert({p.x, p.y});
  for (const Vec2& p : want)
    expected.insert({p.x, p.y});
  CHECK(got == expected);
  CHECK(polys[0].holes.size() == 1);
}

TEST_CASE("COCO import reads RLE segmentation and reports skipped annotations with JSON pointers",
          "[formats]") {
  // Non-crowd RLE masks become masks (the object's instance segment); the
  // crowd one (iscrowd 1) an ignore region with its exact runs. Bad annotations fail the import by default
  // (below: --skip-invalid imports the rest and lists them).
  const Document doc = synthetic(2, 1, false);
  TempDir d;
  const std::string json = R"({
    "images": [{"id": 1, "file_name": "images/CAM_FRONT/000000.png", "width": 1242, "height": 375}],
    "categories": [{"id": 3, "name": "Car"}, {"id": 4, "name": "Spaceship"}],
    "annotations": [
      {"id": 1, "image_id": 1, "category_id": 3, "bbox": [10, 20, 30, 40], "iscrowd": 0,
       "segmentation": {"size": [375, 1242], "counts": [7500, 5, 370, 5, 370, 5, 457495]}},
      {"id": 7, "image_id": 1, "category_id": 3, "bbox": [20, 0, 3, 5], "iscrowd": 1,
       "segmentation": {"size": [375, 1242], "counts": [7500, 5, 370, 5, 370, 5, 457495]}},
      {"id": 2, "image_id": 1, "category_id": 3, "bbox": [10, 20, 30]},
      {"id": 3, "image_id": 1, "category_id": 9, "bbox": [10, 20, 30, 40]},
      {"id": 4, "image_id": 1, "category_id": 3, "bbox": [10, 20, 0, 40]},
      {"id": 5, "image_id": 1, "category_id": 3, "bbox": [999999, 20, 10, 40]},
      {"id": 6, "image_id": 1, "category_id": 4, "bbox": [1, 2, 3, 4]}
    ]})";
  test::write_text(d / "coco.json", json);
  ImportOptions io;
  io.unknown_classes = UnknownClassPolicy::Skip;
  Document target = test::empty_like(doc);
  CHECK_THROWS_AS(import_annotations(target, FormatId::Coco, d / "coco.json", io),
                  ConversionError);
  CHECK(target.annotations.objects.empty());
  io.skip_invalid = true;
  const FormatReport r = import_annotations(target, FormatId::Coco, d / "coco.json", io);
  INFO(all_lines(r));
  REQUIRE(target.annotations.objects.size() == 1);
  REQUIRE(target.annotations.ignore_regions_at(0).size() == 1);
  const IgnoreRegion& crowd = target.annotations.ignore_regions_at(0)[0];
  CHECK(crowd.class_name == "Car");
  CHECK(std::get<RleMask>(crowd.geometry).counts ==
        std::vector<uint32_t>{7500, 5, 370, 5, 370, 5, 457495});
  CHECK(crowd.bounds() == Box2D{20, 0, 23, 5});
  const Object& o = target.annotations.objects[0];
  CHECK_FALSE(o.shape(0, "CAM_FRONT", ShapeKind::Polygon));
  // The mask is the image's instance segment, pixel for pixel: the 3x5
  // block at columns 20..22 (7500 / 375), rows 0..4.
  const SegLayer* layer = target.annotations.segmentation.find("CAM_FRONT", 0);
  REQUIRE(layer);
  const uint16_t id = layer->find_segment("Car", o.id);
  REQUIRE(id != 0);
  CHECK(layer->segment(id)->area == 15);
  const auto labels = target.annotations.segmentation.labels({"CAM_FRONT", 0});
  for (int y = 0; y < 8; ++y)
    for (int x = 17; x < 26; ++x) {
      INFO(x << "," << y);
      CHECK(labels->at(x, y) == (x >= 20 && x <= 22 && y <= 4 ? id : 0));
    }
  CHECK(r.skipped_count == 5);
  CHECK(r.problem_count == 4);  // the unknown class was skipped by the option
  std::set<std::string> locations;
  for (const SkippedInput& s : r.skipped)
    locations.insert(s.location);
  CHECK(locations.count("/annotations/2/bbox"));
  CHECK(locations.count("/annotations/3/category_id"));
  CHECK(locations.count("/annotations/4/bbox"));
  CHECK(locations.count("/annotations/5/bbox"));
  CHECK(locations.count("/annotations/6/category_id"));
  CHECK(has_line(r, "unknown class 'Spaceship'"));
}

TEST_CASE("Unknown classes are added, mapped, skipped or fail the import", "[formats]") {
  const Document doc = synthetic(1, 1, false);
  TempDir d;
  test::write_text(
      d / "c.json",
      R"({"images": [{"id": 1, "file_name": "000000.png", "width": 1242, "height": 375}],
    "categories": [{"id": 1, "name": "Spaceship", "keypoints": ["a", "b"], "skeleton": [[1, 2]]}],
    "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4], "keypoints": [1, 2, 2, 3, 4, 1]}]})");
  {
    Document t = test::empty_like(doc);
    const FormatReport r = import_annotations(t, FormatId::Coco, d / "c.json");
    REQUIRE(t.schema.find_class("Spaceship"));
    CHECK(r.classes_added == std::vector<std::string>{"Spaceship"});
    const Skeleton* sk = t.schema.find_skeleton(t.schema.find_class("Spaceship")->skeleton);
    REQUIRE(sk);
    CHECK(sk->edges == std::vector<std::pair<int, int>>{{0, 1}});  // COCO is 1-based
  }
  {
    Document t = test::empty_like(doc);
    ImportOptions io;
    io.class_map = {{"Spaceship", "Car"}};
    import_annotations(t, FormatId::Coco, d / "c.json", io);
    REQUIRE(t.annotations.objects.size() == 1);
    CHECK(t.annotations.objects[0].class_name == "Car");
    CHECK(!t.schema.find_class("Spaceship"));
  }
  {
    Document t = test::empty_like(doc);
    t.annotations = doc.annotations;
    const Document before = t;
    ImportOptions io;
    io.unknown_classes = UnknownClassPolicy::Fail;
    CHECK_THROWS_WITH(import_annotations(t, FormatId::Coco, d / "c.json", io),
                      Catch::Contains("unknown class 'Spaceship'"));
    CHECK(t.annotations == before.annotations);
    CHECK(t.schema == before.schema);
  }
}

TEST_CASE("Malformed files fail the import and leave the document untouched", "[formats]") {
  Document doc = synthetic(3, 2, false);
  const Document before = doc;
  TempDir d;
  test::write_text(d / "bad.json", "{\"images\": [\n  {\"id\": 1,}\n]}");
  try {
    import_annotations(doc, FormatId::Coco, d / "bad.json");
    FAIL("no error");
  } catch (const FileError& e) {
    CHECK_THAT(e.location(), Catch::StartsWith("line 2"));
  }
  test::write_text(d / "bad.xml", "<annotation>\n<object>\n</annotation>\n");
  try {
    import_annotations(doc, FormatId::Voc, d / "bad.xml");
    FAIL("no error");
  } catch (const FileError& e) {
    CHECK_THAT(e.location(), Catch::StartsWith("line 3"));
  }
  test::write_text(
      d / "ol.json",
      R"({"openlabel": {"frames": {"x": {}}, "metadata": {"schema_version": "1.0.0"}}})");
  CHECK_THROWS_WITH(import_annotations(doc, FormatId::OpenLabel, d / "ol.json"),
                    Catch::Contains("frame keys"));
  CHECK(doc.annotations == before.annotations);
  // One skipped line fails everything (by default, and in strict mode even
  // with skip_invalid).
  TempDir y;
  fs::create_directories(y / "labels");
  test::write_text(y / "labels" / "000000.txt", "1 0.5 0.5 0.1 0.1\n1 0.5 0.5\n");
  ImportOptions strict;
  CHECK_THROWS_WITH(import_annotations(doc, FormatId::Yolo, y.path(), strict),
                    Catch::Contains("1 item(s) could not be imported; nothing imported"));
  CHECK(doc.annotations == before.annotations);
  strict.strict = true;
  strict.skip_invalid = true;
  CHECK_THROWS_AS(import_annotations(doc, FormatId::Yolo, y.path(), strict), ConversionError);
  CHECK(doc.annotations == before.annotations);
}

TEST_CASE("YOLO and VOC report bad lines and objects with file and line", "[formats]") {
  const Document doc = synthetic(2, 1, false);
  TempDir y;
  fs::create_directories(y / "labels");
  test::write_text(y / "data.yaml", "names: [Vehicle, Car]\n");
  test::write_text(
      y / "labels" / "000001.txt",
      "1 0.5 0.5 0.1 0.1\n1 0.5 0.5\nx 0.1 0.1 0.1 0.1\n1 1.5 0.5 0.1 0.1\n\n7 0.5 0.5 0.1 0.1\n");
  Document t = test::empty_like(doc);
  ImportOptions io;
  io.unknown_classes = UnknownClassPolicy::Skip;
  io.skip_invalid = true;
  const FormatReport r = import_annotations(t, FormatId::Yolo, y.path(), io);
  INFO(all_lines(r));
  CHECK(t.annotations.objects.size() == 1);
  std::vector<std::string> where;
  for (const SkippedInput& s : r.skipped)
    where.push_back(s.location);
  CHECK(where == std::vector<std::string>{"line 2", "line 3", "line 4", "line 6"});
  const Box2D& b = *t.annotations.objects[0].shape(1, "CAM_FRONT", ShapeKind::Box2D)->as<Box2D>();
  CHECK(b.x1 == Approx(0.45 * 1242));
  CHECK(b.y2 == Approx(0.55 * 375));

  TempDir v;
  test::write_text(v / "000000.xml", R"(<annotation><filename>000000.png</filename>
<size><width>1242</width><height>375</height></size>
<object><name>Car</name><bndbox><xmin>11</xmin><ymin>21</ymin><xmax>40</xmax><ymax>60</ymax></bndbox></object>
<object><name>Car</name><bndbox><xmin>eleven</xmin><ymin>21</ymin><xmax>40</xmax><ymax>60</ymax></bndbox></object>
<object><name>Car</name></object>
</annotation>)");
  Document t2 = test::empty_like(doc);
  CHECK_THROWS_AS(import_annotations(t2, FormatId::Voc, v.path()), ConversionError);
  const FormatReport rv = import_annotations(t2, FormatId::Voc, v.path(), io);
  INFO(all_lines(rv));
  REQUIRE(t2.annotations.objects.size() == 1);
  CHECK(*t2.annotations.objects[0].shape(0, "CAM_FRONT", ShapeKind::Box2D)->as<Box2D>() ==
        Box2D{10, 20, 40, 60});
  REQUIRE(rv.skipped.size() == 2);
  CHECK(rv.skipped[0].location == "line 4");
  CHECK_THAT(rv.skipped[0].message, Catch::Contains("<xmin> is not a number"));
  CHECK(rv.skipped[1].location == "line 5");
}

TEST_CASE("Imports of other tools' files mark an object's gaps as outside spans", "[formats]") {
  Document doc = synthetic(10, 1, false);
  Object& o = doc.annotations.objects[0];
  o.tracks.erase(std::remove_if(o.tracks.begin(), o.tracks.end(),
                                [](const Track& t) { return t.kind == ShapeKind::Cuboid; }),
                 o.tracks.end());
  Track& t = *o.track("CAM_FRONT", ShapeKind::Box2D);
  t.shapes.erase(t.shapes.begin() + 3, t.shapes.begin() + 7);  // frames 3..6 missing
  o.outside = {{3, 6}};  // not seen there: the export interpolates nothing
  TempDir d;
  export_document(doc, FormatId::Voc, d.path());
  Document back = test::empty_like(doc);
  const FormatReport r = import_annotations(back, FormatId::Voc, d.path());
  CHECK(back.annotations.objects[0].outside == std::vector<FrameRange>{{3, 6}});
  CHECK(has_line(r, "1 outside spans added"));
}

TEST_CASE("Format detection", "[formats]") {
  const Document doc = synthetic(3, 2, true);
  for (const FormatId f :
       {FormatId::Coco, FormatId::Voc, FormatId::Yolo, FormatId::OpenLabel, FormatId::Native}) {
    TempDir d;
    export_document(doc, f, d.path());
    INFO(format_name(f));
    CHECK(detect_format(d.path()) == f);
  }
  TempDir e;
  CHECK(!detect_format(e.path()));
}

TEST_CASE("vantage export, import and convert", "[formats][cli]") {
  const Document doc = synthetic(5, 3, true);
  TempDir dir, out, conv;
  save_native(doc, dir / "seq");
  auto r = test::run_vantage("export '" + (dir / "seq").string() + "' --format coco --out '" +
                             out.path().string() + "'");
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("cuboids not exported: COCO has no 3D"));
  // Import into a copy; a malformed file changes nothing (exit 2).
  Document empty = test::empty_like(doc);
  save_native(empty, dir / "target");
  const std::string ann_before = read_file_to_string(dir / "target" / "annotations.json");
  test::write_text(dir / "bad.json", "{ not json");
  r = test::run_vantage("import '" + (dir / "target").string() + "' --format coco '" +
                        (dir / "bad.json").string() + "'");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.out, Catch::Contains("bad.json: line 1"));
  CHECK(read_file_to_string(dir / "target" / "annotations.json") == ann_before);
  r = test::run_vantage("import '" + (dir / "target").string() + "' --format coco '" +
                        out.path().string() + "' --json");
  CHECK(r.exit_code == 0);
  const Json report = Json::parse(r.out);
  CHECK(report["objects"] == 4);  // the polyline-only object has no place in COCO
  CHECK(load_native(dir / "target").annotations.objects.size() == 4);
  // Convert COCO -> native and OpenLABEL -> native -> OpenLABEL.
  r = test::run_vantage("convert '" + out.path().string() + "' --to native --out '" +
                        (conv / "native").string() + "'");
  CHECK(r.exit_code == 0);
  CHECK(is_native_folder(conv / "native"));
  r = test::run_vantage("convert '" + (dir / "seq").string() + "' --to openlabel --out '" +
                        (conv / "ol").string() + "'");
  CHECK(r.exit_code == 0);
  r = test::run_vantage("convert '" + (conv / "ol").string() + "' --to native --out '" +
                        (conv / "ol_native").string() + "'");
  CHECK(r.exit_code == 0);
  const Document back = load_native(conv / "ol_native");
  CHECK(back.annotations.objects.size() == doc.annotations.objects.size());
  r = test::run_vantage("export '" + (dir / "seq").string() + "' --format nosuch --out x");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.out, Catch::Contains("unknown format"));
}

TEST_CASE("Exports fill frames between keyframes with the tracking engine's shapes", "[formats]") {
  Document doc = synthetic(11, 1, false);
  Object& o = doc.annotations.objects[0];
  // Keep only the box keyframes at 0 and 10.
  o.tracks.erase(std::remove_if(o.tracks.begin(), o.tracks.end(),
                                [](const Track& t) { return t.kind == ShapeKind::Cuboid; }),
                 o.tracks.end());
  Track& t = *o.track("CAM_FRONT", ShapeKind::Box2D);
  t.shapes = {t.shapes.front(), t.shapes.back()};
  const Box2D a = *t.shapes[0].shape.as<Box2D>(), b = *t.shapes[1].shape.as<Box2D>();
  TempDir d, k;
  const FormatReport r = export_document(doc, FormatId::Coco, d.path());
  CHECK(has_line(r, "9 interpolated shapes exported"));
  Document back = test::empty_like(doc);
  import_annotations(back, FormatId::Coco, d.path());
  const Track& got = *back.annotations.objects[0].track("CAM_FRONT", ShapeKind::Box2D);
  REQUIRE(got.shapes.size() == 11);
  // Linear in between (no cuboid): frame 4 is 40% of the way.
  const Box2D& m = *got.shapes[4].shape.as<Box2D>();
  CHECK(m.x1 == Approx(a.x1 + 0.4 * (b.x1 - a.x1)));
  CHECK(m.y2 == Approx(a.y2 + 0.4 * (b.y2 - a.y2)));
  CHECK(got.shapes[4].shape.source == ShapeSource::Interpolated);
  CHECK(!got.shapes[4].shape.keyframe);
  // Keyframes only: the two keyframes.
  ExportOptions eo;
  eo.keyframes_only = true;
  export_document(doc, FormatId::Coco, k.path(), eo);
  CHECK(parse_json_file(k.path() / "instances.json")["annotations"].size() == 2);
}

TEST_CASE("Progress is reported, and returning false cancels without changing the document",
          "[formats]") {
  Document doc = synthetic(8, 2, false);
  TempDir d;
  size_t calls = 0;
  ExportOptions eo;
  eo.progress = [&](size_t done, size_t total) {
    CHECK(done <= total);
    ++calls;
    return true;
  };
  export_document(doc, FormatId::Coco, d.path(), eo);
  CHECK(calls == 8);  // once per frame
  eo.progress = [](size_t done, size_t) { return done < 3; };
  TempDir d2;
  CHECK_THROWS_AS(export_document(doc, FormatId::Voc, d2.path(), eo), Cancelled);
  Document target = test::empty_like(doc);
  const Document before = target;
  ImportOptions io;
  io.progress = [](size_t, size_t) { return false; };
  CHECK_THROWS_AS(import_annotations(target, FormatId::Coco, d.path(), io), Cancelled);
  CHECK(target.annotations == before.annotations);
}

TEST_CASE("OpenLABEL data Vantage cannot hold is reported on import", "[formats]") {
  const Document doc = synthetic(1, 1, false);
  TempDir d;
  test::write_text(d / "ol.json", R"({"openlabel": {"metadata": {"schema_version": "1.0.0"},
    "objects": {"7": {"name": "c", "type": "Car"}},
    "actions": {"0": {"name": "a", "type": "walking"}},
    "frames": {"0": {"objects": {"7": {"object_data": {
      "bbox": [{"name": "b", "coordinate_system": "CAM_FRONT", "val": [100, 100, 20, 10]}],
      "rbbox": [{"name": "r", "val": [100, 100, 20, 10, 0.3]}],
      "point3d": [{"name": "p", "val": [1, 2, 3]}, {"name": "q", "val": [1, 2, 4]}]}}}}}}})");
  Document t = test::empty_like(doc);
  // Geometry Vantage has no shape for is lost: the import fails, listing it.
  try {
    import_annotations(t, FormatId::OpenLabel, d / "ol.json");
    FAIL("expected a ConversionError");
  } catch (const ConversionError& e) {
    CHECK(e.report().problem_count == 3);
    std::set<std::string> where;
    for (const SkippedInput& s : e.report().skipped) where.insert(s.location);
    CHECK(where.count("/openlabel/frames/0/objects/7/object_data/rbbox/0"));
    CHECK(where.count("/openlabel/frames/0/objects/7/object_data/point3d/1"));
  }
  CHECK(t.annotations.objects.empty());
  ImportOptions io;
  io.skip_invalid = true;
  const FormatReport r = import_annotations(t, FormatId::OpenLabel, d / "ol.json", io);
  INFO(all_lines(r));
  REQUIRE(t.annotations.find(7));
  CHECK(*t.annotations.find(7)->shape(0, "CAM_FRONT", ShapeKind::Box2D)->as<Box2D>() ==
        Box2D{90, 95, 110, 105});
  CHECK(has_line(r, "1 object data skipped: Vantage has no shape for OpenLABEL 'rbbox'"));
  CHECK(has_line(r, "2 object data skipped: Vantage has no shape for OpenLABEL 'point3d'"));
  // Actions are a kind Vantage does not hold: a limitation, said once.
  CHECK(has_line(r, "1 OpenLABEL actions not imported"));
  CHECK(r.limitation_count == 1);
}
