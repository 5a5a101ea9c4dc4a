#pragma once
// A small demo generated once per test run and shared by the [demo] tests:
// 12 frames, three cameras (two with lens distortion), keyframes every 5.

#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

#include "core/io/native_format.h"
#include "core/model/point_cloud.h"
#include "core/synth/demo_generator.h"
#include "tests/support/test_support.h"

namespace vantage::test {

struct DemoFixture {
  core::DemoOptions options;
  TempDir dir;
  std::filesystem::path folder;
  core::Document doc;              // the working file (keyframes only)
  core::Annotations ground_truth;  // ground_truth/annotations.json
};

inline const DemoFixture& demo_fixture() {
  static std::unique_ptr<DemoFixture> f = [] {
    auto d = std::make_unique<DemoFixture>();
    d->options.frames = 12;
    d->options.seed = 3;
    d->options.cameras = 3;
    d->options.keyframes_only = 5;
    d->folder = d->dir / "demo";
    core::generate_demo(d->options, d->folder);
    d->doc = core::load_native(d->folder);
    d->ground_truth = core::load_annotations_file(d->folder / "ground_truth" / "annotations.json");
    return d;
  }();
  return *f;
}

// KITTI .bin read with a few local lines, independent of the IO module's
// reader (an oracle for write_kitti_bin): little-endian float32 x y z
// intensity, on a little-endian host.
inline core::PointCloud read_bin(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(bytes.size() % 16 == 0);
  core::PointCloud cloud;
  cloud.has_intensity = true;
  cloud.points.resize(bytes.size() / 16);
  if (!bytes.empty()) std::memcpy(cloud.points.data(), bytes.data(), bytes.size());
  return cloud;
}

}  // namespace vantage::test
