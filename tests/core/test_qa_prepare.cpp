// Dataset preparation, batches and statistics.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/io/native_format.h"
#include "core/qa/batches.h"
#include "core/qa/dataset_prep.h"
#include "core/qa/statistics.h"
#include "tests/core/qa_fixture.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;

namespace {

// A native folder whose frames are real KITTI images: the three of the
// object benchmark and three of tracking sequence 0001, then an exact copy
// of frame 0, a Gaussian-blurred copy of frame 1 and a darkened copy of
// frame 2.
Document kitti_image_sequence(const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  const fs::path data = test::shared_data();
  std::vector<fs::path> src = {data / "kitti_object/image_2/000000.png",
                               data / "kitti_object/image_2/000001.png",
                               data / "kitti_object/image_2/000002.png",
                               data / "kitti_tracking/training/image_02/0001/000010.png",
                               data / "kitti_tracking/training/image_02/0001/000015.png",
                               data / "kitti_tracking/training/image_02/0001/000020.png"};
  Document doc = test::make_qa_document(0);
  doc.folder = folder;
  fs::create_directories(folder / "images");
  auto add = [&](const cv::Mat& img) {
    const std::string name = fmt::format("images/{:06}.png", doc.sequence.frames.size());
    REQUIRE(cv::imwrite((folder / name).string(), img));
    Frame f;
    f.timestamp_us = int64_t(doc.sequence.frames.size()) * 100000;
    f.files[test::kQaCamera] = name;
    doc.sequence.frames.push_back(f);
  };
  std::vector<cv::Mat> originals;
  for (const auto& p : src) {
    originals.push_back(cv::imread(p.string(), cv::IMREAD_COLOR));
    REQUIRE(!originals.back().empty());
    add(originals.back());
  }
  add(originals[0].clone());  // frame 6: exact duplicate of 0
  cv::Mat blurred;
  cv::GaussianBlur(originals[1], blurred, cv::Size(0, 0), 4.0);
  add(blurred);              // frame 7: blurred 1
  add(originals[2] * 0.05);  // frame 8: underexposed 2
  return doc;
}

}  // namespace

TEST_CASE("Perceptual hash and Laplacian variance", "[qa][prepare]") {
  cv::Mat a(64, 64, CV_8UC1);
  cv::randu(a, 0, 255);
  cv::Mat b;
  cv::GaussianBlur(a, b, cv::Size(0, 0), 3.0);
  CHECK(laplacian_variance(b) < 0.05 * laplacian_variance(a));
  CHECK(hamming_distance(perceptual_hash(a), perceptual_hash(a.clone())) == 0);
  cv::Mat c = 255 - a;  // the negative: most low-frequency signs flip
  CHECK(hamming_distance(perceptual_hash(a), perceptual_hash(c)) > 20);
  CHECK(hamming_distance(0xFFull, 0x0Full) == 4);
}

TEST_CASE("KITTI images: duplicates, blurred and dark copies are flagged, originals are not",
          "[qa][prepare][data]") {
  test::TempDir dir;
  const Document doc = kitti_image_sequence(dir / "seq");
  const PrepReport r = prepare_dataset(doc);
  REQUIRE(r.images.size() == 9);
  for (const auto& f : r.flags)
    INFO(f.frame << " " << f.kind << " " << f.message);
  CHECK(r.flagged_frames == std::set<int>{6, 7, 8});
  auto kinds_of = [&](int frame) {
    std::set<std::string> k;
    for (const auto& f : r.flags)
      if (f.frame == frame) k.insert(f.kind);
    return k;
  };
  CHECK(kinds_of(6) == std::set<std::string>{"exact_duplicate"});
  CHECK(kinds_of(7).count("blurry"));
  CHECK(kinds_of(8).count("underexposed"));
  for (const auto& f : r.flags)
    if (f.kind == "exact_duplicate") CHECK(f.other_frame == 0);
  CHECK(!r.mixed_formats());
  CHECK(r.sizes.size() >= 1);

  // --exclude through the CLI writes them into the native folder.
  save_native(doc, dir / "seq");
  auto res = test::run_vantage("qa prepare --json --exclude '" + (dir / "seq").string() + "'");
  REQUIRE(res.exit_code == 0);
  const auto j = nlohmann::json::parse(res.out);
  CHECK(j["flagged_frames"] == nlohmann::json::array({6, 7, 8}));
  CHECK(j["excluded_added"] == 3);
  CHECK(load_native(dir / "seq").annotations.excluded_frames == std::set<int>{6, 7, 8});
}

TEST_CASE("Mixed formats and sizes are reported", "[qa][prepare]") {
  test::TempDir dir;
  Document doc = test::make_qa_document(0);
  doc.folder = dir.path();
  cv::Mat img(60, 80, CV_8UC3);
  cv::randu(img, 0, 255);
  cv::imwrite((dir / "a.png").string(), img);
  cv::Mat img2(40, 80, CV_8UC3);
  cv::randu(img2, 0, 255);
  cv::imwrite((dir / "b.jpg").string(), img2);
  for (const char* n : {"a.png", "b.jpg", "missing.png"}) {
    Frame f;
    f.files[test::kQaCamera] = n;
    doc.sequence.frames.push_back(f);
  }
  const PrepReport r = prepare_dataset(doc);
  CHECK(r.mixed_formats());
  CHECK(r.mixed_sizes());
  CHECK(r.formats.at("png") == 1);
  CHECK(r.sizes.at("80x40") == 1);
  REQUIRE(!r.flags.empty());
  CHECK(r.flags.back().frame == 2);
  CHECK(r.flags.back().kind == "unreadable");
}

TEST_CASE("Batches split frames round-robin and report who did what", "[qa][batches]") {
  const auto b = split_batches(25, 10, {"ann", "bob"}, {"rita"});
  REQUIRE(b.size() == 3);
  CHECK(b[0].frames == FrameRange{0, 9});
  CHECK(b[2].frames == FrameRange{20, 24});
  CHECK(b[1].annotator == "bob");
  CHECK(b[2].annotator == "ann");
  CHECK(b[2].reviewer == "rita");
  CHECK_THROWS(split_batches(10, 0, {"a"}, {}));

  Document doc = test::make_qa_document(25);
  test::add_qa_car(doc, 1, 15.0, 2.5, 0, 14);
  for (Track& t : doc.annotations.find(1)->tracks)
    for (FrameShape& fs : t.shapes)
      fs.shape.annotator = fs.frame < 10 ? "ann" : "bob";
  doc.annotations.review.batches = b;
  doc.annotations.review.frames[3] = {ReviewStatus::Accepted, "rita", 1, ""};
  doc.annotations.review.frames[12] = {ReviewStatus::Rejected, "rita", 1, "loose"};
  const auto act = batch_activity(doc.annotations);
  REQUIRE(act.size() == 3);
  CHECK(act[0].keyframes_by_annotator.at("ann") == 20);  // box + cuboid on 10 frames
  CHECK(act[1].keyframes_by_annotator.at("bob") == 10);
  CHECK(act[0].frames_by_status.at("accepted") == 1);
  CHECK(act[0].frames_by_status.at("todo") == 9);
  CHECK(act[1].frames_by_status.at("rejected") == 1);
  CHECK(act[1].marks_by_reviewer.at("rita") == 1);
  CHECK(act[2].keyframes_by_annotator.empty());

  // The CLI assigns and saves them.
  test::TempDir dir;
  doc.annotations.review.batches.clear();
  save_native(doc, dir.path());
  auto r = test::run_vantage("qa batches --json --size 10 --annotators ann,bob --reviewers rita '" +
                             dir.path().string() + "'");
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["batches"].size() == 3);
  CHECK(j["batches"][1]["annotator"] == "bob");
  CHECK(load_native(dir.path()).annotations.review.batches == b);
}

TEST_CASE("Statistics: class counts, per-annotator figures, review progress", "[qa][stats]") {
  Document doc = test::make_qa_document(10);
  test::add_qa_car(doc, 1, 15.0, 2.5, 0, 9);
  test::add_qa_car(doc, 2, 25.0, -3.0, 0, 4, "Van");
  for (Track& t : doc.annotations.find(2)->tracks)
    for (FrameShape& fs : t.shapes)
      fs.shape.annotator = "bob";
  doc.annotations.review.objects[2] = {ReviewStatus::Rejected, "rita", 1, "too small"};
  doc.annotations.review.frames[0] = {ReviewStatus::Accepted, "rita", 1, ""};
  doc.annotations.excluded_frames = {9};
  const DatasetStatistics s = compute_statistics(doc);
  CHECK(s.objects == 2);
  CHECK(s.objects_per_class.at("Car") == 1);
  CHECK(s.shapes_per_class.at("Van") == 10);
  CHECK(s.shapes_per_kind.at("cuboid") == 15);
  CHECK(s.per_annotator.at("bob").objects == 1);
  CHECK(s.per_annotator.at("bob").keyframes == 10);
  CHECK(s.per_annotator.at("bob").objects_rejected == 1);
  CHECK(s.per_annotator.at("").keyframes == 20);
  CHECK(s.frames_by_status.at("accepted") == 1);
  CHECK(s.frames_by_status.at("todo") == 9);
  CHECK(s.excluded_frames == 1);

  test::TempDir dir;
  save_native(doc, dir / "a");
  save_native(doc, dir / "b");
  auto r = test::run_vantage("qa stats --json '" + (dir / "a").string() + "' --compare '" +
                             (dir / "b").string() + "'");
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["objects_per_class"]["Van"] == 1);
  CHECK(j["per_annotator"]["bob"]["keyframes"] == 10);
  CHECK(j["agreement"]["iou_histogram"][9] == 30);
}
