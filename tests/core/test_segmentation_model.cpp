// Segmentation model: tiled copy-on-write labels, undoable layer edits that
// keep only changed tiles, lazy sidecar files in the native folder, the
// bounded cache, and saves that write only what changed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/commands/annotation_commands.h"
#include "core/commands/editor.h"
#include "core/dataset/annotation_merge.h"
#include "core/io/native_format.h"
#include "core/segmentation/segmentation_commands.h"
#include "core/segmentation/segmentation_io.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;
namespace fs = std::filesystem;

namespace {

Document seg_doc(int w = 300, int h = 200) {
  Document doc;
  Camera cam;
  cam.name = "CAM";
  cam.width = w;
  cam.height = h;
  cam.intrinsics = {500, 500, w / 2.0, h / 2.0, 0};
  doc.sequence.rigs[0].cameras.push_back(cam);
  Lidar lidar;
  lidar.name = "LIDAR";
  doc.sequence.rigs[0].lidars.push_back(lidar);
  doc.sequence.frames.resize(3);
  doc.schema = default_schema();
  // As a loaded document has it (load_native migrates to the schema's version).
  doc.annotations.metadata.schema_version = doc.schema.version;
  Object car;
  car.id = 7;
  car.class_name = "Car";
  doc.annotations.put(car);
  return doc;
}

// Paints a rectangle of label `cls` (or object) through a LayerEdit.
CommandPtr paint_rect(const Document& doc, int frame, int x0, int y0, int x1, int y1,
                      const std::string& cls, ObjectId object = -1) {
  LayerEdit e = LayerEdit::image(doc, "CAM", frame, 300, 200);
  const uint16_t v = e.segment(cls, object);
  for (int y = y0; y < y1; ++y)
    e.writer().span(y, x0, x1, v);
  return e.finish("paint");
}

}  // namespace

TEST_CASE("label raster: tiles, zero tiles null, dense round trip", "[segmentation]") {
  cv::Mat m(130, 200, CV_16U, cv::Scalar(0));
  std::mt19937 rng(3);
  for (int i = 0; i < 500; ++i)
    m.at<uint16_t>(static_cast<int>(rng() % 130), static_cast<int>(rng() % 100)) =
        static_cast<uint16_t>(1 + rng() % 3000);
  const LabelRaster r = LabelRaster::from_mat(m);
  CHECK(r.tiles_x() == 4);
  CHECK(r.tiles_y() == 3);
  // Columns 128..199 are all zero: those tiles are not allocated.
  CHECK(r.tile(3) == nullptr);
  CHECK(r.tile(2 + 4) == nullptr);
  CHECK(cv::countNonZero(r.to_mat() != m) == 0);
  for (int k = 0; k < 200; ++k) {
    const int x = static_cast<int>(rng() % 200), y = static_cast<int>(rng() % 130);
    REQUIRE(r.at(x, y) == m.at<uint16_t>(y, x));
  }
  // Histogram against a count of the dense image.
  const auto hist = r.histogram();
  uint64_t labelled = 0;
  for (size_t v = 1; v < hist.size(); ++v)
    labelled += hist[v];
  CHECK(labelled == static_cast<uint64_t>(cv::countNonZero(m)));
  CHECK(hist[0] == static_cast<uint64_t>(m.total()) - labelled);
  // Equal labels, equal hash; any change, another hash.
  LabelRaster same = LabelRaster::from_mat(m.clone());
  CHECK(same == r);
  CHECK(same.hash() == r.hash());
  cv::Mat m2 = m.clone();
  m2.at<uint16_t>(129, 99) ^= 1;
  CHECK(LabelRaster::from_mat(m2).hash() != r.hash());

  std::vector<uint16_t> pts(10000, 0);
  pts[5000] = 4;
  pts[9999] = 2;
  const LabelRaster p = LabelRaster::from_points(pts);
  CHECK(p.tile_count() == 3);
  CHECK(p.tile(0) == nullptr);
  CHECK(p.point(5000) == 4);
  CHECK(p.point(9999) == 2);
  CHECK(p.to_points() == pts);
}

TEST_CASE("label codecs: PNG 8/16-bit and point files round trip, bad input named", "[segmentation]") {
  cv::Mat m(90, 160, CV_16U, cv::Scalar(0));
  cv::rectangle(m, cv::Rect(10, 10, 50, 30), cv::Scalar(3), cv::FILLED);
  const LabelRaster small = LabelRaster::from_mat(m);
  const std::string png8 = encode_labels(small, LayerKind::Image);
  // An independent reader: OpenCV reads the PNG back as 8-bit.
  const cv::Mat back = cv::imdecode(cv::Mat(1, static_cast<int>(png8.size()), CV_8U,
                                            const_cast<char*>(png8.data())),
                                    cv::IMREAD_UNCHANGED);
  CHECK(back.depth() == CV_8U);
  CHECK(cv::countNonZero(back != 3 & m == 3) == 0);
  m.at<uint16_t>(0, 0) = 40000;
  const LabelRaster wide = LabelRaster::from_mat(m);
  const std::string png16 = encode_labels(wide, LayerKind::Image);
  CHECK(decode_labels(png16, LayerKind::Image, 160, 90, "x.png") == wide);
  CHECK_THROWS_WITH(decode_labels(png16, LayerKind::Image, 161, 90, "x.png"),
                    Catch::Contains("x.png") && Catch::Contains("160x90"));

  std::vector<uint16_t> pts(12345);
  for (size_t i = 0; i < pts.size(); ++i)
    pts[i] = static_cast<uint16_t>((i / 100) % 7 == 0 ? 0 : (i / 100) % 7);
  const LabelRaster p = LabelRaster::from_points(pts);
  const std::string bytes = encode_labels(p, LayerKind::Points);
  CHECK(bytes.size() < pts.size() / 4);  // runs compress
  CHECK(decode_labels(bytes, LayerKind::Points, 12345, 1, "p.vlabel").to_points() == pts);
  CHECK_THROWS_WITH(decode_labels(bytes, LayerKind::Points, 12, 1, "p.vlabel"),
                    Catch::Contains("p.vlabel") && Catch::Contains("12345"));
  CHECK_THROWS_WITH(decode_labels(bytes.substr(0, 30), LayerKind::Points, 12345, 1, "p.vlabel"),
                    Catch::Contains("truncated"));
}

TEST_CASE("layer edits: only changed tiles, areas kept, undo/redo exact, strokes merge",
          "[segmentation]") {
  Editor ed(seg_doc());
  ed.execute(paint_rect(ed.document(), 0, 0, 0, 300, 200, "Road"));
  const auto full = ed.document().annotations.segmentation.labels({"CAM", 0});
  REQUIRE(full);
  CHECK(ed.document().annotations.segmentation.find("CAM", 0)->segments.at(0).area == 60000);

  // A small stroke replaces the tiles it touches only.
  CommandPtr c = paint_rect(ed.document(), 0, 100, 100, 110, 110, "Car", 7);
  auto* lc = dynamic_cast<LayerEditCommand*>(c.get());
  REQUIRE(lc);
  CHECK(lc->tiles().size() == 1);
  CHECK(lc->bytes() < 20 * 1024);
  ed.execute(std::move(c));
  const SegLayer* l = ed.document().annotations.segmentation.find("CAM", 0);
  REQUIRE(l->segments.size() == 2);
  CHECK(l->segments[0].area == 60000 - 100);
  CHECK(l->segments[1].object == 7);
  CHECK(l->segments[1].area == 100);
  const auto after = ed.document().annotations.segmentation.labels({"CAM", 0});
  // Untouched tiles are shared with the previous state.
  CHECK(after->tile(0) == full->tile(0));
  CHECK(after->at(105, 105) == l->segments[1].id);

  // Two strokes with one merge key are one undo step.
  const uint64_t key = 99;
  {
    LayerEdit e = LayerEdit::image(ed.document(), "CAM", 0, 300, 200);
    const uint16_t v = e.segment("Car", 7);
    e.writer().span(150, 0, 300, v);
    ed.execute(e.finish("stroke", key));
  }
  {
    LayerEdit e = LayerEdit::image(ed.document(), "CAM", 0, 300, 200);
    const uint16_t v = e.segment("Car", 7);
    e.writer().span(151, 0, 300, v);
    ed.execute(e.finish("stroke", key));
  }
  CHECK(ed.document().annotations.segmentation.find("CAM", 0)->segments[1].area == 700);
  ed.seal();
  REQUIRE(ed.undo());
  CHECK(*ed.document().annotations.segmentation.labels({"CAM", 0}) == *after);
  CHECK(ed.document().annotations.segmentation.find("CAM", 0)->segments ==
        l->segments);
  REQUIRE(ed.undo());
  CHECK(*ed.document().annotations.segmentation.labels({"CAM", 0}) == *full);
  REQUIRE(ed.undo());
  CHECK(ed.document().annotations.segmentation.empty());  // the layer was created
  REQUIRE(ed.redo());
  REQUIRE(ed.redo());
  CHECK(*ed.document().annotations.segmentation.labels({"CAM", 0}) == *after);

  // Protect: painting one class does not overwrite another.
  {
    LayerEdit e = LayerEdit::image(ed.document(), "CAM", 0, 300, 200);
    const uint16_t v = e.segment("Sidewalk");
    const ProtectRule keep{Protect::Labelled, v};
    for (int y = 95; y < 115; ++y)
      e.writer().span(y, 95, 115, v, keep);
    CHECK(e.finish("protected") == nullptr);  // everything there was labelled
  }
}

TEST_CASE("native folder: sidecars lazy-loaded, only changed layers written, old ones collected",
          "[segmentation]") {
  test::TempDir dir;
  Editor ed(seg_doc());
  for (int f = 0; f < 3; ++f)
    ed.execute(paint_rect(ed.document(), f, 10 * f, 0, 10 * f + 50, 40, "Road"));
  // Points of the sweep.
  {
    LayerEdit e = LayerEdit::points(ed.document(), "LIDAR", 1, 5000);
    const uint16_t car = e.segment("Car", 7);
    e.writer().span(0, 100, 900, car);
    ed.execute(e.finish("label points"));
  }
  save_native(ed.document(), dir.path());
  const fs::path seg_dir = dir.path() / kSegmentationFolder;
  size_t files = 0;
  for (auto& e : fs::recursive_directory_iterator(seg_dir))
    files += e.path().extension() == ".png" || e.path().extension() == ".vlabel";
  CHECK(files == 4);

  Document loaded = load_native(dir.path());
  const Segmentation& s = loaded.annotations.segmentation;
  REQUIRE(s.size() == 4);
  CHECK(s.cached_layers() == 0);  // nothing decoded until asked
  CHECK(s.find("CAM", 2)->segments.at(0).area == 50 * 40);
  const auto labels = s.labels({"CAM", 2});
  CHECK(labels->at(20, 10) == 1);
  CHECK(labels->at(19, 10) == 0);
  CHECK(s.labels({"LIDAR", 1})->point(899) == s.find("LIDAR", 1)->segments.at(0).id);
  CHECK(loaded.annotations.metadata == ed.document().annotations.metadata);
  CHECK(loaded.annotations.objects == ed.document().annotations.objects);
  CHECK(loaded.annotations.segmentation == ed.document().annotations.segmentation);
  CHECK(loaded.annotations == ed.document().annotations);

  // Edit one layer and save again: one new file; the replaced one stays
  // (the previous save, .bak) until the save after.
  Editor ed2(std::move(loaded));
  ed2.execute(paint_rect(ed2.document(), 1, 200, 100, 220, 120, "Car", 7));
  const fs::path old_file = ed2.document().annotations.segmentation.find("CAM", 1)->file;
  CHECK(old_file.empty());  // edited: no file holds these labels yet
  const fs::path before_file = load_native(dir.path()).annotations.segmentation.find("CAM", 1)->file;
  save_native(ed2.document(), dir.path());
  CHECK(fs::exists(before_file));
  const fs::path new_file = ed2.document().annotations.segmentation.find("CAM", 1)->file;
  CHECK(new_file.parent_path() == before_file.parent_path());
  CHECK(new_file != before_file);
  ed2.execute(paint_rect(ed2.document(), 1, 0, 150, 10, 160, "Road"));
  save_native(ed2.document(), dir.path());
  CHECK_FALSE(fs::exists(before_file));  // two saves ago
  CHECK(fs::exists(new_file));           // the previous save

  // A missing sidecar is reported with the file and position.
  fs::remove(ed2.document().annotations.segmentation.find("CAM", 0)->file);
  CHECK_THROWS_WITH(load_native(dir.path()),
                    Catch::Contains("annotations.json") && Catch::Contains("/segmentation/0/file"));
}

TEST_CASE("segmentation cache: bounded, evicted edits kept encoded, copies independent",
          "[segmentation]") {
  Editor ed(seg_doc(1000, 800));
  for (int f = 0; f < 3; ++f) {
    LayerEdit e = LayerEdit::image(ed.document(), "CAM", f, 1000, 800);
    const uint16_t v = e.segment("Road");
    for (int y = 0; y < 800; y += 2)
      e.writer().span(y, 0, 1000 - f, v);
    ed.execute(e.finish("paint"));
  }
  const Segmentation& s = ed.document().annotations.segmentation;
  const auto f0 = s.labels({"CAM", 0});
  s.set_cache_budget(2u << 20);  // one decoded layer (~1.6 MB)
  CHECK(s.cached_layers() == 1);
  CHECK(s.cached_bytes() <= (2u << 20));
  CHECK(s.find("CAM", 1)->raster == nullptr);
  CHECK(s.find("CAM", 1)->blob != nullptr);  // unsaved edits are kept, encoded
  CHECK(s.find("CAM", 1)->blob->size() < 100000);
  CHECK(*s.labels({"CAM", 0}) == *f0);
  // A copy (autosave, import) is independent of the original's cache.
  Annotations copy = ed.document().annotations;
  CHECK(copy == ed.document().annotations);
  copy.segmentation.set_cache_budget(size_t{1} << 30);
  CHECK(copy.segmentation.labels({"CAM", 2})->at(998, 0) == 0);
  CHECK(copy.segmentation.labels({"CAM", 2})->at(997, 0) == 1);
  CHECK(s.cached_layers() == 1);
  s.set_cache_budget(size_t{256} << 20);
}

TEST_CASE("class rename reaches segment tables and undoes", "[segmentation]") {
  Editor ed(seg_doc());
  ed.execute(paint_rect(ed.document(), 0, 0, 0, 10, 10, "Car"));
  ed.execute(std::make_unique<SchemaCommand>(ed.document(), "rename",
                                             [](Schema& s, Annotations& a) {
                                               rename_class(s, a, "Car", "Automobile");
                                             }));
  CHECK(ed.document().annotations.segmentation.find("CAM", 0)->segments[0].class_name ==
        "Automobile");
  ed.undo();
  CHECK(ed.document().annotations.segmentation.find("CAM", 0)->segments[0].class_name == "Car");
}

TEST_CASE("three-way merge keeps each side's segmentation layers; both edited is a conflict",
          "[segmentation][dataset]") {
  Editor base(seg_doc());
  base.execute(paint_rect(base.document(), 0, 0, 0, 50, 50, "Road"));
  Editor ours(base.document());
  Editor theirs(base.document());
  ours.execute(paint_rect(ours.document(), 1, 0, 0, 20, 20, "Road"));          // added by ours
  theirs.execute(paint_rect(theirs.document(), 2, 5, 5, 25, 25, "Car", 7));    // added by theirs
  theirs.execute(paint_rect(theirs.document(), 0, 60, 60, 70, 70, "Sidewalk"));  // edited by theirs
  const Annotations& b = base.document().annotations;
  AnnotationMergeResult m = merge_annotations(&b, ours.document().annotations, theirs.document().annotations);
  const Segmentation& s = m.merged.segmentation;
  REQUIRE(s.size() == 3);
  CHECK(*s.labels({"CAM", 1}) == *ours.document().annotations.segmentation.labels({"CAM", 1}));
  CHECK(*s.labels({"CAM", 2}) == *theirs.document().annotations.segmentation.labels({"CAM", 2}));
  CHECK(*s.labels({"CAM", 0}) == *theirs.document().annotations.segmentation.labels({"CAM", 0}));
  CHECK(s.find("CAM", 0)->segments == theirs.document().annotations.segmentation.find("CAM", 0)->segments);
  CHECK(m.new_conflicts == 0);

  // Both sides repaint frame 0 differently: ours is kept and the layer is
  // recorded as a conflict.
  ours.execute(paint_rect(ours.document(), 0, 100, 100, 120, 120, "Road"));
  m = merge_annotations(&b, ours.document().annotations, theirs.document().annotations);
  CHECK(*m.merged.segmentation.labels({"CAM", 0}) ==
        *ours.document().annotations.segmentation.labels({"CAM", 0}));
  REQUIRE(m.new_conflicts == 1);
  CHECK(m.merged.conflicts.back().kind == "segmentation");
  CHECK(m.merged.conflicts.back().sensor == "CAM");
  CHECK(m.merged.conflicts.back().frame == 0);
}
