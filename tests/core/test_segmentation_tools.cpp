// Mask and point tools against independent references: brute-force pixel
// tests for brush, polygon fill and flood fill, brute-force projection for
// the lasso, point_in_cuboid for cuboid selections; GrabCut, superpixels and
// propagation on synthetic images with a known answer; the point-label QA
// rule on a scene whose labels are wrong on purpose.
#include <catch2/catch.hpp>

#include <random>

#include <opencv2/imgproc.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "core/commands/editor.h"
#include "core/geometry/cuboid_geometry.h"
#include "core/io/native_format.h"
#include "core/io/point_cloud_io.h"
#include "core/qa/rules.h"
#include "core/segmentation/image_assist.h"
#include "core/segmentation/mask_tools.h"
#include "core/segmentation/point_tools.h"
#include "core/segmentation/propagate.h"
#include "core/segmentation/seg_eval.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;

namespace {

double dist_to_segment(Vec2 p, Vec2 a, Vec2 b) {
  const Vec2 d = b - a;
  const double l2 = glm::dot(d, d);
  const double t = l2 > 0 ? std::clamp(glm::dot(p - a, d) / l2, 0.0, 1.0) : 0.0;
  return glm::length(p - (a + t * d));
}

bool in_ring(const std::vector<Vec2>& r, Vec2 p) {
  bool in = false;
  for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
    if ((r[i].y > p.y) != (r[j].y > p.y) &&
        p.x < (r[j].x - r[i].x) * (p.y - r[i].y) / (r[j].y - r[i].y) + r[i].x)
      in = !in;
  return in;
}

std::shared_ptr<const LabelRaster> blank(int w, int h) {
  return std::make_shared<const LabelRaster>(LabelRaster::image(w, h));
}

}  // namespace

TEST_CASE("brush segment: exactly the pixel centres within the radius of the stroke",
          "[segmentation]") {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(-20, 220);
  for (int k = 0; k < 40; ++k) {
    RasterWriter w(blank(200, 150));
    const Vec2 a{u(rng), u(rng) * 0.7}, b{u(rng), u(rng) * 0.7};
    const double r = 0.5 + (k % 7) * 3.3;
    brush_segment(w, a, b, r, 3);
    for (int y = 0; y < 150; ++y)
      for (int x = 0; x < 200; ++x) {
        const double d = dist_to_segment({x + 0.5, y + 0.5}, a, b);
        if (std::abs(d - r) < 1e-9) continue;  // on the rim: either way
        INFO("stroke " << k << " pixel " << x << "," << y << " distance " << d << " radius " << r);
        REQUIRE((w.get(x, y) == 3) == (d < r));
      }
  }
  // Protect: an eraser or brush never touches other labels.
  RasterWriter w(blank(50, 50));
  w.span(25, 0, 50, 9);
  brush_segment(w, {0, 25}, {50, 25}, 5, 4, ProtectRule{Protect::Labelled, 4});
  for (int x = 0; x < 50; ++x) CHECK(w.get(x, 25) == 9);
  CHECK(w.get(10, 22) == 4);
}

TEST_CASE("polygon fill with holes and flood fill against references", "[segmentation]") {
  Polygon p;
  p.points = {{10.2, 5.5}, {90.7, 12.1}, {70.3, 80.9}, {20.0, 60.4}};
  p.holes = {{{40, 30}, {55, 30}, {55, 45}, {40, 45}}};
  RasterWriter w(blank(100, 90));
  fill_polygon(w, p, 2);
  for (int y = 0; y < 90; ++y)
    for (int x = 0; x < 100; ++x) {
      const Vec2 c{x + 0.5, y + 0.5};
      const bool in = in_ring(p.points, c) && !in_ring(p.holes[0], c);
      REQUIRE((w.get(x, y) == 2) == in);
    }
  // Flood fill of the hole (label 0, enclosed) against cv::floodFill.
  const LabelRaster filled = *apply_tile_changes(w.base(), w.finish(), false);
  auto base = std::make_shared<const LabelRaster>(filled);
  RasterWriter w2(base);
  const size_t n = flood_fill(w2, 47, 37, 5);
  cv::Mat ref = filled.to_mat();
  ref.convertTo(ref, CV_32S);
  cv::Mat mask = cv::Mat::zeros(ref.rows + 2, ref.cols + 2, CV_8U);
  const int refn = cv::floodFill(ref, mask, {47, 37}, 5, nullptr, 0, 0, 4);
  CHECK(n == static_cast<size_t>(refn));
  CHECK(n == 15 * 15);
  for (int y = 0; y < 90; ++y)
    for (int x = 0; x < 100; ++x) REQUIRE(w2.get(x, y) == ref.at<int32_t>(y, x));
  // Mask -> polygons keeps the hole.
  const auto after = apply_tile_changes(filled, {}, false);
  const auto polys = label_polygons(filled, 2);
  REQUIRE(polys.size() == 1);
  CHECK(polys[0].holes.size() == 1);
}

TEST_CASE("lasso and box selection match a brute-force projection", "[segmentation]") {
  std::mt19937 rng(9);
  std::uniform_real_distribution<float> u(-30, 30);
  std::vector<glm::vec4> pts(50000);
  for (auto& p : pts) p = {u(rng), u(rng), u(rng) * 0.2f, 0};
  const glm::mat4 proj = glm::perspective(glm::radians(60.0f), 4.0f / 3.0f, 0.1f, 500.0f);
  const glm::mat4 view = glm::lookAt(glm::vec3(-40, -5, 25), glm::vec3(0, 0, 0), glm::vec3(0, 0, 1));
  const glm::mat4 m = proj * view;
  const int vw = 800, vh = 600;
  const std::vector<glm::vec2> lasso = {{100, 100}, {600, 80}, {700, 500}, {350, 300}, {150, 520}};
  const PointIndices sel = select_lasso(pts.data(), pts.size(), m, vw, vh, lasso);
  std::vector<Vec2> ring;
  for (auto& v : lasso) ring.push_back({v.x, v.y});
  size_t expected = 0, mismatches = 0;
  std::vector<uint8_t> chosen(pts.size(), 0);
  for (uint32_t i : sel) chosen[i] = 1;
  for (size_t i = 0; i < pts.size(); ++i) {
    const glm::vec4 c = m * glm::vec4(glm::vec3(pts[i]), 1);
    bool in = false;
    if (c.w > 0) {
      const double sx = (c.x / c.w + 1) / 2 * vw, sy = (1 - c.y / c.w) / 2 * vh;
      // The lasso is tested at the pixel centre the point falls in.
      in = sx >= 0 && sy >= 0 && sx < vw && sy < vh &&
           in_ring(ring, {std::floor(sx) + 0.5, std::floor(sy) + 0.5});
    }
    expected += in;
    mismatches += in != (chosen[i] != 0);
  }
  CHECK(expected > 1000);
  CHECK(mismatches == 0);
  CHECK(std::is_sorted(sel.begin(), sel.end()));
  const PointIndices box = select_screen_box(pts.data(), pts.size(), m, vw, vh, {500, 400}, {200, 100});
  for (uint32_t i : box) {
    const glm::vec4 c = m * glm::vec4(glm::vec3(pts[i]), 1);
    const double sx = (c.x / c.w + 1) / 2 * vw, sy = (1 - c.y / c.w) / 2 * vh;
    REQUIRE((sx >= 200 && sx < 500 && sy >= 100 && sy < 400));
  }
  CHECK(select_sphere(pts.data(), pts.size(), {0, 0, 0}, 5).size() > 0);
}

TEST_CASE("label every point of an object's cuboids, all frames in one undo step", "[segmentation]") {
  test::TempDir dir;
  Document doc;
  Lidar lidar;
  lidar.name = "LIDAR";
  lidar.lidar_to_vehicle = Transform::from_rotation_translation(Mat3(1.0), {1, 0, 1.5});
  doc.sequence.rigs[0].lidars.push_back(lidar);
  doc.folder = dir.path();
  doc.schema = default_schema();
  Object car;
  car.id = 3;
  car.class_name = "Car";
  std::mt19937 rng(2);
  std::uniform_real_distribution<float> u(-10, 10);
  for (int f = 0; f < 3; ++f) {
    PointCloud c;
    for (int i = 0; i < 4000; ++i) c.points.push_back({u(rng), u(rng), u(rng) * 0.2f, 0.5f});
    write_kitti_bin(dir.path() / (std::to_string(f) + ".bin"), c);
    Frame fr;
    fr.files["LIDAR"] = std::to_string(f) + ".bin";
    doc.sequence.frames.push_back(fr);
    Shape s;
    s.geometry = Cuboid{{2.0 + f, 1, 1.4}, {4, 2, 1.5}, 0.3, 0, 0};
    car.track_or_create(kSceneSensor, ShapeKind::Cuboid).set(f, s);
  }
  doc.annotations.put(car);
  Editor ed(doc);
  CommandPtr cmd = label_object_points(ed.document(), 3, "LIDAR");
  REQUIRE(cmd);
  ed.execute(std::move(cmd));
  for (int f = 0; f < 3; ++f) {
    PointCloud c;
    REQUIRE(read_sweep(ed.document(), "LIDAR", f, c));
    const SegLayer* l = ed.document().annotations.segmentation.find("LIDAR", f);
    REQUIRE(l);
    const auto labels = ed.document().annotations.segmentation.labels({"LIDAR", f});
    const Cuboid cub = *ed.document().annotations.find(3)->shape(f, kSceneSensor, ShapeKind::Cuboid)->as<Cuboid>();
    size_t inside = 0;
    for (size_t i = 0; i < c.size(); ++i) {
      const bool in = point_in_cuboid(cub, lidar.lidar_to_vehicle.apply(Vec3(c.points[i])));
      inside += in;
      REQUIRE((labels->point(i) != 0) == in);
    }
    CHECK(l->segments.at(0).area == inside);
    CHECK(l->segments.at(0).object == 3);
  }
  ed.undo();
  CHECK(ed.document().annotations.segmentation.empty());

  // QA: a wrong label inside the cuboid, and Car points outside it.
  ed.redo();
  {
    PointCloud c;
    read_sweep(ed.document(), "LIDAR", 1, c);
    LayerEdit e = LayerEdit::points(ed.document(), "LIDAR", 1, c.size());
    const uint16_t road = e.segment("Road");
    const uint16_t stray = e.segment("Car", 3);
    const Cuboid cub = *ed.document().annotations.find(3)->shape(1, kSceneSensor, ShapeKind::Cuboid)->as<Cuboid>();
    int wrong = 0, outside = 0;
    for (size_t i = 0; i < c.size(); ++i) {
      const Vec3 p = lidar.lidar_to_vehicle.apply(Vec3(c.points[i]));
      if (point_in_cuboid(cub, p, -0.2) && wrong < 8) e.writer().set(static_cast<int>(i), 0, road), ++wrong;
      if (!point_in_cuboid(cub, p, 0.2) && outside < 9) e.writer().set(static_cast<int>(i), 0, stray), ++outside;
    }
    ed.execute(e.finish("damage"));
  }
  const auto findings = run_rules(ed.document(), default_rules());
  int outside_found = 0, wrong_found = 0;
  for (const Finding& f : findings) {
    if (f.rule != "point-labels-vs-cuboids") continue;
    INFO(f.message);
    CHECK(f.frame == 1);
    if (f.message.find("outside every Car cuboid") != std::string::npos) ++outside_found;
    if (f.message.find("8 Road") != std::string::npos) ++wrong_found;
  }
  CHECK(outside_found == 1);
  CHECK(wrong_found == 1);
}

TEST_CASE("GrabCut, superpixels and propagation on a synthetic scene", "[segmentation]") {
  // A red car-like shape on a noisy grey background.
  cv::Mat img(240, 320, CV_8UC3);
  cv::randu(img, cv::Scalar(90, 90, 90), cv::Scalar(140, 140, 140));
  cv::Mat truth = cv::Mat::zeros(240, 320, CV_8U);
  const std::vector<cv::Point> shape = {{100, 150}, {120, 110}, {180, 100}, {220, 120}, {230, 160}, {100, 165}};
  cv::fillPoly(truth, std::vector<std::vector<cv::Point>>{shape}, 1);
  img.setTo(cv::Scalar(30, 40, 200), truth);
  const cv::Mat gc = grabcut_box(img, Box2D{95, 95, 236, 170});
  CHECK(mask_iou(gc, truth) > 0.95);
  // Rough mask (dilated truth) refined back.
  cv::Mat rough;
  cv::dilate(truth, rough, cv::Mat(), {-1, -1}, 4);
  CHECK(mask_iou(grabcut_mask(img, rough), truth) > 0.95);

  const Superpixels sp = compute_superpixels(img);
  CHECK(sp.count > 100);
  PixelRect r;
  const cv::Mat m = superpixel_mask(sp, 160, 130, r);
  REQUIRE(!m.empty());
  CHECK(r.x0 <= 160);
  CHECK(r.x1 > 160);
  CHECK(m.at<uint8_t>(130 - r.y0, 160 - r.x0) == 1);
  SuperpixelCache cache;
  CHECK(cache.get("a", img) == nullptr);  // computing off the calling thread
  CHECK(cache.wait("a")->count == sp.count);

  // Propagation: the next frame moves the scene 7 px right, 3 down.
  cv::Mat next, truth_next;
  const cv::Matx23d t(1, 0, 7, 0, 1, 3);
  cv::warpAffine(img, next, t, img.size(), cv::INTER_NEAREST, cv::BORDER_REPLICATE);
  cv::warpAffine(truth, truth_next, t, img.size(), cv::INTER_NEAREST);
  const cv::Mat warped = warp_mask(truth, backward_flow(img, next));
  CHECK(mask_iou(warped, truth_next) > 0.9);
  const cv::Mat anchored = reanchor_mask(warped, mask_box(truth_next));
  CHECK(mask_iou(anchored, truth_next) > 0.9);
}

TEST_CASE("segmentation scores: IoU and panoptic quality by hand", "[segmentation]") {
  Annotations gt, pr;
  Object a;
  a.id = 1;
  a.class_name = "Car";
  gt.put(a);
  pr.put(a);
  auto layer = [](const cv::Mat& m, std::vector<Segment> segs) {
    SegLayer l;
    l.width = m.cols;
    l.height = m.rows;
    l.segments = std::move(segs);
    l.raster = std::make_shared<const LabelRaster>(LabelRaster::from_mat(m));
    return l;
  };
  // GT: road on the left half (label 1), car 10x10 (label 2).
  cv::Mat g(20, 40, CV_16U, cv::Scalar(0));
  g(cv::Rect(0, 0, 20, 20)).setTo(1);
  g(cv::Rect(25, 5, 10, 10)).setTo(2);
  // Prediction: road 20x18 (2 rows missed), car shifted by 2 columns.
  cv::Mat p(20, 40, CV_16U, cv::Scalar(0));
  p(cv::Rect(0, 0, 20, 18)).setTo(1);
  p(cv::Rect(27, 5, 10, 10)).setTo(2);
  Segment road{1, "Road", -1, false, 400};
  Segment car{2, "Car", 1, false, 100};
  gt.segmentation.put({"CAM", 0}, layer(g, {road, car}));
  pr.segmentation.put({"CAM", 0}, layer(p, {Segment{1, "Road", -1, false, 360}, car}));
  const SegEvalResult r = evaluate_segmentation(gt, pr);
  REQUIRE(r.classes.size() == 2);
  const ClassScore& c = r.classes[0];  // Car
  const ClassScore& rd = r.classes[1];  // Road
  CHECK(c.class_name == "Car");
  // Semantic: void ground truth is not scored (the 20 extra car pixels).
  CHECK(c.iou() == Approx(80.0 / 100.0));
  CHECK(rd.iou() == Approx(360.0 / 400.0));
  CHECK(r.mean_iou() == Approx(0.85));
  // PQ: road matches (IoU 0.9); car IoU: the prediction's 20 px on void are
  // left out of the union (COCO panoptic): 80 / 100 = 0.8.
  CHECK(rd.pq() == Approx(0.9));
  CHECK(c.pq() == Approx(0.8));
  CHECK(r.pq() == Approx(0.85));
}
