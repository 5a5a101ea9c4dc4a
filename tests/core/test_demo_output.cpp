// What `vantage demo` writes: a valid native folder, byte-identical for the
// same seed, a keyframes-only working file, and KITTI .bin files.
#include <catch2/catch.hpp>

#include <set>

#include "core/io/point_cloud_io.h"
#include "core/qa/structural_validation.h"
#include "tests/core/demo_fixture.h"

using namespace vantage;
namespace fs = std::filesystem;

namespace {

std::map<std::string, std::string> folder_contents(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) out[fs::relative(e.path(), root).string()] = test::read_text(e.path());
  return out;
}

}  // namespace

TEST_CASE("demo output is byte-identical for the same seed and differs for another", "[demo]") {
  test::TempDir dir;
  core::DemoOptions o;
  o.frames = 3;
  o.cameras = 6;
  o.beams = 32;
  o.seed = 11;
  o.keyframes_only = 2;
  core::generate_demo(o, dir / "a");
  core::generate_demo(o, dir / "b");
  const auto a = folder_contents(dir / "a");
  const auto b = folder_contents(dir / "b");
  // json files, ground truth, sweeps, images, and the ground truth's masks
  // (one per image) and point labels (one per sweep).
  REQUIRE(a.size() == 3 + 1 + 3 + 3 * 6 + 3 * 6 + 3);
  CHECK(a.count("ground_truth/annotations.json") == 1);
  CHECK(a.count("images/CAM_BACK_RIGHT/000002.png") == 1);
  for (const auto& [name, bytes] : a) {
    INFO(name);
    REQUIRE(b.count(name) == 1);
    CHECK(bytes == b.at(name));
  }
  o.seed = 12;
  core::generate_demo(o, dir / "c");
  const auto c = folder_contents(dir / "c");
  CHECK(c.at("annotations.json") != a.at("annotations.json"));
  CHECK(c.at("lidar/LIDAR_TOP/000001.bin") != a.at("lidar/LIDAR_TOP/000001.bin"));
  CHECK(c.at("images/CAM_FRONT/000001.png") != a.at("images/CAM_FRONT/000001.png"));
}

TEST_CASE("demo folder is a valid native sequence", "[demo]") {
  const auto& f = test::demo_fixture();
  const core::Sequence& seq = f.doc.sequence;
  CHECK(seq.frame_count() == 12);
  CHECK(seq.has_ego_poses());
  CHECK(seq.camera_names() ==
        std::vector<std::string>{"CAM_FRONT", "CAM_FRONT_LEFT", "CAM_FRONT_RIGHT"});
  CHECK(seq.lidar_names() == std::vector<std::string>{"LIDAR_TOP"});
  const core::Camera* front = seq.camera(0, "CAM_FRONT");
  REQUIRE(front);
  CHECK(front->width == 1242);
  CHECK(front->height == 375);
  CHECK(front->distortion.is_zero());
  for (const core::Frame& fr : seq.frames)
    for (const auto& [sensor, file] : fr.files)
      CHECK(fs::is_regular_file(f.folder / file));
  // Consecutive ego poses: a car at city speed, 10 Hz.
  for (size_t i = 1; i < seq.frames.size(); ++i) {
    const double step = glm::length(seq.frames[i].ego_pose->translation() -
                                    seq.frames[i - 1].ego_pose->translation());
    CHECK(step < 1.6);
  }
  for (const core::Finding& finding : core::validate_structure(f.doc)) {
    INFO(finding.message);
    CHECK(finding.severity != core::Severity::Error);
  }
  core::Document gt = f.doc;
  gt.annotations = f.ground_truth;
  for (const core::Finding& finding : core::validate_structure(gt)) {
    INFO(finding.message);
    CHECK(finding.severity != core::Severity::Error);
  }
  // Every object's class is in the schema; parked cars say so.
  size_t parked = 0;
  for (const core::Object& o : f.ground_truth.objects) {
    CHECK(f.doc.schema.find_class(o.class_name) != nullptr);
    if (o.attributes.count("parked")) ++parked;
  }
  CHECK(parked > 5);
}

TEST_CASE("demo --keyframes-only keeps every K-th frame of each span and its last", "[demo]") {
  const auto& f = test::demo_fixture();
  const int k = f.options.keyframes_only;
  const core::Annotations& work = f.doc.annotations;
  REQUIRE(work.objects.size() == f.ground_truth.objects.size());
  size_t kept = 0, dropped = 0;
  for (const core::Object& gt : f.ground_truth.objects) {
    const core::Object* w = work.find(gt.id);
    REQUIRE(w != nullptr);
    const core::Track* cuboids = gt.track(core::kSceneSensor, core::ShapeKind::Cuboid);
    REQUIRE(cuboids);
    // Expected keyframes, from the ground truth's spans.
    std::set<int> expected;
    const auto& s = cuboids->shapes;
    int span_first = s.front().frame;
    for (size_t i = 0; i < s.size(); ++i) {
      if (i > 0 && s[i].frame != s[i - 1].frame + 1) span_first = s[i].frame;
      const bool last = i + 1 == s.size() || s[i + 1].frame != s[i].frame + 1;
      if ((s[i].frame - span_first) % k == 0 || last) expected.insert(s[i].frame);
    }
    for (const core::Track& t : gt.tracks)
      for (const core::FrameShape& fs : t.shapes) {
        const core::Shape* ws = w->shape(fs.frame, t.sensor, t.kind);
        if (expected.count(fs.frame)) {
          REQUIRE(ws != nullptr);
          CHECK(*ws == fs.shape);
          CHECK(ws->keyframe);
          ++kept;
        } else {
          CHECK(ws == nullptr);
          ++dropped;
        }
      }
    CHECK(w->outside == gt.outside);
  }
  CHECK(kept > 0);
  CHECK(dropped > kept);
}

TEST_CASE("write_kitti_bin writes little-endian float32 x y z intensity", "[demo][io]") {
  test::TempDir dir;
  core::PointCloud cloud;
  cloud.has_intensity = true;
  cloud.points = {{1.5f, -2.25f, 0.125f, 0.5f}, {-100.0f, 3e-3f, 7.0f, 1.0f}};
  write_kitti_bin(dir / "a.bin", cloud);
  const std::string bytes = test::read_text(dir / "a.bin");
  REQUIRE(bytes.size() == 32);
  // 1.5f = 0x3fc00000, little-endian.
  CHECK(static_cast<unsigned char>(bytes[0]) == 0x00);
  CHECK(static_cast<unsigned char>(bytes[2]) == 0xc0);
  CHECK(static_cast<unsigned char>(bytes[3]) == 0x3f);
  const core::PointCloud back = test::read_bin(dir / "a.bin");
  CHECK(back.points == cloud.points);
  // No intensity: zeros, and nothing left over from a previous file.
  cloud.has_intensity = false;
  cloud.points.resize(1);
  write_kitti_bin(dir / "a.bin", cloud);
  const core::PointCloud one = test::read_bin(dir / "a.bin");
  REQUIRE(one.size() == 1);
  CHECK(one.points[0] == glm::vec4(1.5f, -2.25f, 0.125f, 0.0f));
  CHECK(fs::directory_iterator(dir.path()) != fs::directory_iterator());
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path()))
    ++files;
  CHECK(files == 1);  // no temporary or backup files left behind
}

TEST_CASE("vantage demo writes a folder and refuses to overwrite one", "[demo][cli]") {
  test::TempDir dir;
  const std::string out = "'" + (dir / "demo").string() + "'";
  const auto r = test::run_vantage("demo " + out + " --frames 2 --beams 32");
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("2 frames"));
  CHECK(fs::is_regular_file(dir / "demo" / "sequence.json"));
  CHECK(!fs::exists(dir / "demo.partial"));
  const auto again = test::run_vantage("demo " + out + " --frames 2 --beams 32");
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.out, Catch::Contains("not empty") && Catch::Contains("--force"));
  const auto forced = test::run_vantage("demo " + out + " --frames 1 --beams 32 --force -q");
  CHECK(forced.exit_code == 0);
  CHECK(core::load_sequence_file(dir / "demo" / "sequence.json").frame_count() == 1);
  const auto bad = test::run_vantage("demo " + out + "2 --cameras 2");
  CHECK(bad.exit_code != 0);
  CHECK_THAT(bad.out, Catch::Contains("cameras"));
  const auto help = test::run_vantage("demo --help");
  CHECK_THAT(help.out, Catch::Contains("--frames") && Catch::Contains("100") &&
                           Catch::Contains("--keyframes-only"));
}
