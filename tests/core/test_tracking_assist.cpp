// Model assistance, core side: OpenCV tracker proposals, GrabCut outlines,
// pre-label accept/reject and "next most uncertain".
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/commands/editor.h"
#include "core/io/image_io.h"
#include "core/tracking/box_tracker.h"
#include "core/tracking/grabcut.h"
#include "core/tracking/prelabels.h"
#include "core/util/error.h"
#include "tests/core/tracking_test_util.h"
#include "tests/support/test_support.h"

using namespace vantage::core;
using vantage::test::shape_of;

namespace {

// A 40x40 square with a fixed random block texture (not periodic, so the
// tracker cannot lock onto a shifted copy) moving (+5, +2) px per frame over
// a smooth, noisy background.
Box2D square_at(int f) {
  return {60.0 + 5 * f, 80.0 + 2 * f, 100.0 + 5 * f, 120.0 + 2 * f};
}

cv::Mat square_frame(int f) {
  cv::Mat img(240, 360, CV_8UC3);
  cv::RNG rng(1000 + f);
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x)
      img.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(80 + x / 6), uchar(90 + y / 5), uchar(100));
  cv::Mat noise(img.size(), CV_8UC3);
  rng.fill(noise, cv::RNG::UNIFORM, 0, 20);
  img += noise;
  cv::Mat blocks(5, 5, CV_8UC3);
  cv::RNG(42).fill(blocks, cv::RNG::UNIFORM, 0, 256);
  cv::Mat texture;
  cv::resize(blocks, texture, cv::Size(40, 40), 0, 0, cv::INTER_NEAREST);
  const Box2D b = square_at(f);
  texture.copyTo(img(cv::Rect(int(b.x1), int(b.y1), 40, 40)));
  return img;
}

}  // namespace

TEST_CASE("The OpenCV trackers follow a moving square", "[tracking]") {
  vantage::test::TempDir dir;
  Document doc = vantage::test::tracking_document(12);
  doc.folder = dir.path();
  std::filesystem::create_directories(dir / "img");
  for (int f = 0; f < 12; ++f) {
    const std::string rel = fmt::format("img/{:06d}.png", f);
    REQUIRE(cv::imwrite((dir / rel).string(), square_frame(f)));
    doc.sequence.frames[static_cast<size_t>(f)].files["image_2"] = rel;
  }
  Object o;
  o.id = 1;
  o.class_name = "Sign";
  Shape start = shape_of(square_at(0));
  start.occlusion = 1;
  o.track_or_create("image_2", ShapeKind::Box2D).set(0, start);
  o.tracks[0].set(10, shape_of(square_at(10)));  // propagation stops before this keyframe
  doc.annotations.put(o);
  const Interpolator interp(doc.sequence);
  const TrackRef ref{1, "image_2", ShapeKind::Box2D};

  for (auto algo : {BoxTrackerAlgorithm::CSRT, BoxTrackerAlgorithm::KCF}) {
    BoxTrackerOptions opt;
    opt.algorithm = algo;
    const auto props = propose_box_track(doc, interp, ref, 0, 20, opt);
    INFO((algo == BoxTrackerAlgorithm::CSRT ? "CSRT" : "KCF"));
    REQUIRE(props.size() == 9);  // frames 1..9
    for (const FrameShape& p : props) {
      CHECK(p.shape.source == ShapeSource::Tracker);
      CHECK_FALSE(p.shape.keyframe);
      CHECK(p.shape.occlusion == 1);
      const double iou = box_iou(*p.shape.as<Box2D>(), square_at(p.frame));
      INFO("frame " << p.frame << " IoU " << iou);
      // KCF is exact on this scene once primed (box_tracker.cpp); unprimed it
      // lags a frame behind (IoU 0.71). CSRT adapts the scale a little.
      CHECK(iou > (algo == BoxTrackerAlgorithm::KCF ? 0.95 : 0.7));
    }
  }
  // A frame without an image ends the proposals.
  doc.sequence.frames[4].files.clear();
  CHECK(propose_box_track(doc, interp, ref, 0, 20).size() == 3);
  // A broken image file is reported with its name.
  vantage::test::write_text(dir / "img/000002.png", "not a png");
  CHECK_THROWS_WITH(propose_box_track(doc, interp, ref, 0, 20), Catch::Contains("000002.png"));
}

TEST_CASE("GrabCut outlines an object inside a box", "[tracking]") {
  cv::Mat img(160, 220, CV_8UC3);
  cv::RNG rng(3);
  rng.fill(img, cv::RNG::UNIFORM, cv::Scalar(90, 110, 30), cv::Scalar(140, 160, 70));
  cv::Mat truth = cv::Mat::zeros(img.size(), CV_8U);
  const std::vector<cv::Point> shape{{70, 40}, {150, 50}, {160, 120}, {110, 135}, {60, 110}};
  cv::fillPoly(truth, std::vector<std::vector<cv::Point>>{shape}, 255);
  cv::Mat fg(img.size(), CV_8UC3);
  rng.fill(fg, cv::RNG::UNIFORM, cv::Scalar(20, 30, 170), cv::Scalar(60, 70, 230));
  fg.copyTo(img, truth);

  const auto poly = grabcut_polygon(img, Box2D{50, 30, 172, 146});
  REQUIRE(poly);
  CHECK(poly->points.size() >= 4);
  cv::Mat got = cv::Mat::zeros(img.size(), CV_8U);
  std::vector<cv::Point> pts;
  for (const Vec2& p : poly->points)
    pts.emplace_back(int(std::lround(p.x - 0.5)), int(std::lround(p.y - 0.5)));
  cv::fillPoly(got, std::vector<std::vector<cv::Point>>{pts}, 255);
  const double inter = cv::countNonZero(got & truth);
  const double uni = cv::countNonZero(got | truth);
  INFO("mask IoU " << inter / uni);
  CHECK(inter / uni > 0.9);
  // Nothing to outline in a degenerate box.
  CHECK_FALSE(grabcut_polygon(img, Box2D{10, 10, 11, 11}));
  CHECK_THROWS_AS(grabcut_polygon(cv::Mat(10, 10, CV_32F, 0.0f), Box2D{0, 0, 5, 5}), Error);
}

TEST_CASE("Pre-labels are accepted or rejected; navigation visits low scores first", "[tracking]") {
  Document doc = vantage::test::tracking_document(20);
  auto prelabel = [](double x, double score) {
    Shape s = shape_of(Box2D{x, 0, x + 10, 10}, false);
    s.source = ShapeSource::Model;
    s.score = score;
    return s;
  };
  Object a;
  a.id = 1;
  a.class_name = "Car";
  a.track_or_create("image_2", ShapeKind::Box2D).set(3, prelabel(0, 0.9));
  a.tracks[0].set(8, prelabel(5, 0.2));
  a.tracks[0].set(9, shape_of(Box2D{0, 0, 1, 1}));  // a manual keyframe
  doc.annotations.put(a);
  Object b;
  b.id = 2;
  b.class_name = "Car";
  b.track_or_create("image_2", ShapeKind::Box2D).set(8, prelabel(50, 0.6));
  b.tracks[0].set(12, prelabel(70, 0.4));
  doc.annotations.put(b);

  auto order = frames_by_uncertainty(doc.annotations);
  REQUIRE(order.size() == 3);
  CHECK(order[0].frame == 8);
  CHECK(order[0].score == Approx(0.2));
  CHECK(order[0].count == 2);
  CHECK(order[1].frame == 12);
  CHECK(order[2].frame == 3);
  CHECK(next_most_uncertain(doc.annotations) == 8);
  CHECK(next_most_uncertain(doc.annotations, 8) == 12);
  CHECK(next_most_uncertain(doc.annotations, 3) == 8);  // wraps around

  Editor ed(doc);
  const auto at8 = prelabels_at(ed.document().annotations, 8);
  REQUIRE(at8.size() == 2);
  const Annotations before = ed.document().annotations;
  ed.execute(make_accept_prelabels(ed.document(), {at8[0]}));
  const Shape* acc = ed.document().annotations.find(1)->shape(8, "image_2", ShapeKind::Box2D);
  CHECK(acc->source == ShapeSource::Manual);
  CHECK(acc->keyframe);
  CHECK(acc->score < 0);
  CHECK(next_most_uncertain(ed.document().annotations) == 12);
  // Accepting a manual shape changes nothing.
  CHECK(make_accept_prelabels(ed.document(), {{1, "image_2", ShapeKind::Box2D, 9}}) == nullptr);
  // Rejecting both of object 2's pre-labels deletes the object.
  ed.execute(make_reject_prelabels(
      ed.document(), {{2, "image_2", ShapeKind::Box2D, 8}, {2, "image_2", ShapeKind::Box2D, 12}}));
  CHECK(ed.document().annotations.find(2) == nullptr);
  CHECK(next_most_uncertain(ed.document().annotations) == 3);
  REQUIRE(ed.undo());
  REQUIRE(ed.undo());
  CHECK(ed.document().annotations == before);
}

TEST_CASE("GrabCut outlines the pedestrian of KITTI object frame 000000", "[tracking][data]") {
  const cv::Mat img =
      to_display_bgr8(read_image(vantage::test::shared_data() / "kitti_object/image_2/000000.png"));
  // The label's box (label_2/000000.txt).
  const Box2D box{712.40, 143.00, 810.73, 307.92};
  const auto poly = grabcut_polygon(img, box);
  REQUIRE(poly);
  cv::Mat mask = cv::Mat::zeros(img.size(), CV_8U);
  std::vector<cv::Point> pts;
  for (const Vec2& p : poly->points) {
    CHECK(p.x >= box.x1 - 1);
    CHECK(p.x <= box.x2 + 1);
    CHECK(p.y >= box.y1 - 1);
    CHECK(p.y <= box.y2 + 1);
    pts.emplace_back(int(std::lround(p.x - 0.5)), int(std::lround(p.y - 0.5)));
  }
  cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{pts}, 255);
  // A walking person fills part of its box, neither a sliver nor all of it.
  const double share = cv::countNonZero(mask) / box.area();
  INFO("outline covers " << share << " of the box");
  CHECK(share > 0.25);
  CHECK(share < 0.85);
}
