// Sensor IO speed, each compared with its baseline in the same run:
//   - KITTI .bin and binary PCD (~120k points) vs a plain read() of the same
//     bytes (target: within 2x); ASCII PCD per million points (PCL: ~0.6 s).
//   - Opening a 1,000-frame native sequence until frame 0 is loaded (< 100 ms).
//   - Playback of a KITTI-sized sequence at 10 frames/s: misses once warm (0).
// Real files from VANTAGE_SHARED_DATA are used when present, generated ones
// otherwise.
#include <benchmark/benchmark.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <thread>

#include <opencv2/imgcodecs.hpp>

#include "core/io/frame_cache.h"
#include "core/io/image_io.h"
#include "core/io/native_format.h"
#include "core/io/point_cloud_io.h"
#include "tests/support/sensor_fixtures.h"

namespace {

namespace fs = std::filesystem;
using namespace vantage;

fs::path shared_data() {
  const char* d = std::getenv("VANTAGE_SHARED_DATA");
  const fs::path p = d && *d ? fs::path(d) : fs::path(VANTAGE_SHARED_DATA_DEFAULT);
  std::error_code ec;
  return fs::exists(p / "PROVENANCE.md", ec) ? p : fs::path();
}

fs::path bench_dir() {
  static const fs::path p = [] {
    const fs::path d = fs::temp_directory_path() / "vantage-bench-io";
    fs::create_directories(d);
    return d;
  }();
  return p;
}

// The inputs: real files when present, else generated ones of the same size.
struct Inputs {
  fs::path bin, pcd, pcd_ascii, pcd_compressed, png;
  size_t bin_points = 0, pcd_points = 0;
};

const Inputs& inputs() {
  static const Inputs in = [] {
    Inputs r;
    const fs::path data = shared_data();
    if (!data.empty()) {
      r.bin = data / "kitti_object" / "velodyne" / "000001.bin";
      r.pcd = data / "pcd" / "sfnd_kitti_raw_data_1" / "0000000001.pcd";
      r.png = data / "kitti_object" / "image_2" / "000001.png";
    } else {
      std::mt19937 rng(3);
      std::uniform_real_distribution<float> u(-80.0f, 80.0f);
      core::PointCloud c;
      c.has_intensity = true;
      c.points.resize(120000);
      for (auto& p : c.points)
        p = glm::vec4(u(rng), u(rng), u(rng) / 20, (u(rng) + 80) / 160);
      r.bin = bench_dir() / "gen.bin";
      std::ofstream(r.bin, std::ios::binary)
          .write(reinterpret_cast<const char*>(c.points.data()),
                 std::streamsize(c.points.size() * 16));
      r.pcd = bench_dir() / "gen.pcd";
      core::write_pcd(r.pcd, c, "binary");
      r.png = bench_dir() / "gen.png";
      cv::Mat img(375, 1242, CV_8UC3);
      cv::randu(img, 0, 256);
      cv::imwrite(r.png.string(), img);
    }
    const core::PointCloud cloud = core::read_pcd(r.pcd);
    r.pcd_points = cloud.size();
    r.bin_points = core::read_kitti_bin(r.bin).size();
    r.pcd_ascii = bench_dir() / "ascii.pcd";
    core::write_pcd(r.pcd_ascii, cloud, "ascii");
    r.pcd_compressed = bench_dir() / "compressed.pcd";
    core::write_pcd(r.pcd_compressed, cloud, "binary_compressed");
    return r;
  }();
  return in;
}

// The baseline: open, size, one read() of the whole file into a new buffer.
size_t plain_read(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  ::fstat(fd, &st);
  const size_t n = static_cast<size_t>(st.st_size);
  std::unique_ptr<char[]> buf(new char[n]);
  size_t done = 0;
  while (done < n) {
    const ssize_t r = ::read(fd, buf.get() + done, n - done);
    if (r <= 0) break;
    done += static_cast<size_t>(r);
  }
  ::close(fd);
  benchmark::DoNotOptimize(buf.get());
  return done;
}

void set_bytes(benchmark::State& state, const fs::path& p) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * fs::file_size(p)));
}

void BM_PlainRead_KittiBin(benchmark::State& state) {
  const fs::path p = inputs().bin;
  for (auto _ : state)
    benchmark::DoNotOptimize(plain_read(p));
  set_bytes(state, p);
}
BENCHMARK(BM_PlainRead_KittiBin)->Unit(benchmark::kMicrosecond);

void BM_ReadKittiBin(benchmark::State& state) {
  const fs::path p = inputs().bin;
  for (auto _ : state)
    benchmark::DoNotOptimize(core::read_kitti_bin(p).points.data());
  set_bytes(state, p);
  state.counters["points"] = double(inputs().bin_points);
}
BENCHMARK(BM_ReadKittiBin)->Unit(benchmark::kMicrosecond);

void BM_PlainRead_PcdBinary(benchmark::State& state) {
  const fs::path p = inputs().pcd;
  for (auto _ : state)
    benchmark::DoNotOptimize(plain_read(p));
  set_bytes(state, p);
}
BENCHMARK(BM_PlainRead_PcdBinary)->Unit(benchmark::kMicrosecond);

void BM_ReadPcdBinary(benchmark::State& state) {
  const fs::path p = inputs().pcd;
  for (auto _ : state)
    benchmark::DoNotOptimize(core::read_pcd(p).points.data());
  set_bytes(state, p);
  state.counters["points"] = double(inputs().pcd_points);
}
BENCHMARK(BM_ReadPcdBinary)->Unit(benchmark::kMicrosecond);

void BM_ReadPcdCompressed(benchmark::State& state) {
  const fs::path p = inputs().pcd_compressed;
  for (auto _ : state)
    benchmark::DoNotOptimize(core::read_pcd(p).points.data());
  state.counters["points"] = double(inputs().pcd_points);
}
BENCHMARK(BM_ReadPcdCompressed)->Unit(benchmark::kMicrosecond);

void BM_PlainRead_PcdAscii(benchmark::State& state) {
  const fs::path p = inputs().pcd_ascii;
  for (auto _ : state)
    benchmark::DoNotOptimize(plain_read(p));
  set_bytes(state, p);
}
BENCHMARK(BM_PlainRead_PcdAscii)->Unit(benchmark::kMicrosecond);

void BM_ReadPcdAscii(benchmark::State& state) {
  const fs::path p = inputs().pcd_ascii;
  for (auto _ : state)
    benchmark::DoNotOptimize(core::read_pcd(p).points.data());
  set_bytes(state, p);
  state.counters["points"] = double(inputs().pcd_points);
  // Seconds per million points (PCL's reader: about 0.6 here).
  state.counters["s_per_Mpts"] = benchmark::Counter(
      double(inputs().pcd_points) / 1e6,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ReadPcdAscii)->Unit(benchmark::kMillisecond);

void BM_ReadImagePng_KittiSize(benchmark::State& state) {
  const fs::path p = inputs().png;
  for (auto _ : state)
    benchmark::DoNotOptimize(core::read_image(p).data);
}
BENCHMARK(BM_ReadImagePng_KittiSize)->Unit(benchmark::kMillisecond);

void BM_ReadImageSize_Header(benchmark::State& state) {
  const fs::path p = inputs().png;
  for (auto _ : state)
    benchmark::DoNotOptimize(core::read_image_size(p));
}
BENCHMARK(BM_ReadImageSize_Header)->Unit(benchmark::kMicrosecond);

// A native sequence of 1,000 frames with small image and cloud files.
fs::path native_1000() {
  static const fs::path folder = [] {
    const fs::path d = bench_dir() / "native1000";
    fs::remove_all(d);
    test::SensorSequenceOptions o;
    o.frames = 1000;
    o.points = 2000;
    o.width = 320;
    o.height = 100;
    core::Document doc;
    doc.sequence = test::write_sensor_sequence(d, o);
    doc.schema = core::default_schema();
    core::save_native(doc, d);
    return d;
  }();
  return folder;
}

void BM_OpenNative1000_Frame0Ready(benchmark::State& state) {
  const fs::path folder = native_1000();
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    const core::Document doc = core::load_native(folder);
    core::FrameCache cache(doc.sequence, doc.folder);
    cache.request(0, +1);
    const auto frame = cache.wait(0);
    const auto t1 = std::chrono::steady_clock::now();
    if (!frame || !frame->errors.empty()) state.SkipWithError("frame 0 did not load");
    state.SetIterationTime(std::chrono::duration<double>(t1 - t0).count());
  }
  state.counters["frames"] = 1000;
}
BENCHMARK(BM_OpenNative1000_Frame0Ready)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(10);

void link_or_copy(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  if (fs::exists(to, ec)) return;
  fs::create_hard_link(from, to, ec);
  if (ec) fs::copy_file(from, to);
}

// Playback at 10 frames/s of KITTI-sized frames (120k points + 1242x375
// PNG): the frame shown at each tick must already be in the cache.
void BM_Playback10fps_KittiSized(benchmark::State& state) {
  const Inputs& in = inputs();
  core::Sequence seq;
  core::Camera cam;
  cam.name = "CAM";
  const cv::Size size = core::read_image_size(in.png);
  cam.width = size.width;
  cam.height = size.height;
  seq.rigs[0].cameras.push_back(cam);
  core::Lidar lidar;
  lidar.name = "LIDAR";
  seq.rigs[0].lidars.push_back(lidar);
  const int frames = static_cast<int>(state.range(0));
  // Distinct files per frame (hard links to the inputs), so that nothing is
  // shared between frames but the page cache.
  const fs::path dir = bench_dir() / "playback";
  fs::create_directories(dir);
  for (int f = 0; f < frames; ++f) {
    core::Frame frame;
    const fs::path png = dir / (std::to_string(f) + ".png"),
                   bin = dir / (std::to_string(f) + ".bin");
    link_or_copy(in.png, png);
    link_or_copy(in.bin, bin);
    frame.files["CAM"] = png.filename().string();
    frame.files["LIDAR"] = bin.filename().string();
    seq.frames.push_back(frame);
  }
  size_t misses = 0, shown = 0;
  for (auto _ : state) {
    core::FrameCache cache(seq, dir);
    cache.request(0, +1);
    cache.wait(0);  // warm: the first frame is on screen
    const auto start = std::chrono::steady_clock::now();
    for (int f = 0; f < frames; ++f) {
      std::this_thread::sleep_until(start + std::chrono::milliseconds(100 * f));
      cache.request(f, +1);
      if (!cache.get(f)) ++misses;
      ++shown;
    }
  }
  state.counters["frames"] = double(shown);
  state.counters["misses"] = double(misses);
}
BENCHMARK(BM_Playback10fps_KittiSized)->Arg(50)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
