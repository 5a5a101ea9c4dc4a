// Frame cache: loading, the byte budget, prefetch order, cancellation of
// stale requests, per-sensor errors, and many threads at once.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>

#include "core/io/frame_cache.h"
#include "tests/support/sensor_fixtures.h"
#include "tests/support/test_support.h"

using namespace vantage::core;
namespace fs = std::filesystem;
using vantage::test::kTestCamera;
using vantage::test::kTestLidar;
using vantage::test::TempDir;

namespace {

// Waits (bounded) until nothing is queued or loading.
bool settle(const FrameCache& cache, int timeout_ms = 10000) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < end) {
    if (cache.stats().pending == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

// Records the load order. While `hold` is set the (single) worker stops
// after storing a frame, so a test can change requests at a known moment.
struct LoadLog {
  std::mutex m;
  std::vector<int> order;
  std::atomic<bool> hold{false};
  std::function<void(int)> hook() {
    return [this](int f) {
      {
        std::lock_guard<std::mutex> l(m);
        order.push_back(f);
      }
      while (hold)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    };
  }
  std::vector<int> get() {
    std::lock_guard<std::mutex> l(m);
    return order;
  }
  std::vector<int> from(size_t i) {
    std::lock_guard<std::mutex> l(m);
    return std::vector<int>(order.begin() + static_cast<std::ptrdiff_t>(std::min(i, order.size())),
                            order.end());
  }
  bool wait_count(size_t n) {
    for (int i = 0; i < 10000; ++i) {
      if (get().size() >= n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return false;
  }
};

std::vector<int> range(int first, int last) {
  std::vector<int> v;
  for (int f = first; f <= last; ++f)
    v.push_back(f);
  return v;
}

}  // namespace

TEST_CASE("Frame cache loads images and clouds of a frame", "[io][cache]") {
  TempDir dir;
  vantage::test::SensorSequenceOptions so;
  so.frames = 5;
  const Sequence seq = vantage::test::write_sensor_sequence(dir.path(), so);
  FrameCache cache(seq, dir.path());
  for (int f : {3, 0, 4}) {
    const auto d = cache.wait(f);
    REQUIRE(d);
    CHECK(d->frame == f);
    CHECK(d->errors.empty());
    CHECK(d->missing.empty());
    const cv::Mat& img = d->images.at(kTestCamera);
    CHECK(img.size() == cv::Size(64, 48));
    CHECK(img.type() == CV_8UC3);
    CHECK(img.at<cv::Vec3b>(0, 0) == cv::Vec3b(uchar(f), 0, 7));
    const PointCloud& c = d->clouds.at(kTestLidar);
    CHECK(c.size() == 1000);
    CHECK(c.points[0].x == float(f));
    CHECK(d->bytes >= 64 * 48 * 3 + 16000);
  }
  CHECK(cache.wait(-1) == nullptr);
  CHECK(cache.wait(5) == nullptr);
  CHECK(cache.get(99) == nullptr);
}

TEST_CASE("get() never waits: a miss queues the frame, a later get hits", "[io][cache]") {
  TempDir dir;
  vantage::test::SensorSequenceOptions so;
  so.frames = 20;
  const Sequence seq = vantage::test::write_sensor_sequence(dir.path(), so);
  FrameCacheOptions o;
  o.prefetch_ahead = 0;
  o.prefetch_behind = 0;
  FrameCache cache(seq, dir.path(), o);
  CHECK(cache.get(7) == nullptr);
  CHECK(cache.stats().misses == 1);
  REQUIRE(settle(cache));
  const auto d = cache.get(7);  // queued by the miss, loaded by now
  REQUIRE(d);
  CHECK(d->frame == 7);
  CHECK(cache.stats().hits == 1);
  CHECK(cache.stats().frames == 1);
}

TEST_CASE("Eviction keeps the cache within its byte budget", "[io][cache]") {
  TempDir dir;
  vantage::test::SensorSequenceOptions so;
  so.frames = 40;
  const Sequence seq = vantage::test::write_sensor_sequence(dir.path(), so);
  size_t frame_bytes = 0;
  {
    FrameCache probe(seq, dir.path());
    frame_bytes = probe.wait(0)->bytes;
  }
  FrameCacheOptions o;
  o.budget_bytes = frame_bytes * 7 / 2;  // three and a half frames
  o.prefetch_ahead = 8;
  o.prefetch_behind = 2;
  FrameCache cache(seq, dir.path(), o);
  for (int f = 0; f < 40; ++f) {
    cache.request(f, +1);
    REQUIRE(cache.wait(f));
    CHECK(cache.stats().bytes <= o.budget_bytes);
  }
  REQUIRE(settle(cache));
  const FrameCacheStats s = cache.stats();
  CHECK(s.bytes <= o.budget_bytes);
  CHECK(s.frames == 3);
  CHECK(s.evictions > 0);
  // The current frame survives; the ones far behind are gone.
  CHECK(cache.get(39));
  CHECK_FALSE(cache.get(30));
}

TEST_CASE("Prefetch follows the play direction", "[io][cache]") {
  TempDir dir;
  vantage::test::SensorSequenceOptions so;
  so.frames = 60;
  const Sequence seq = vantage::test::write_sensor_sequence(dir.path(), so);
  LoadLog log;
  FrameCacheOptions o;
  o.threads = 1;  // one worker: the load order is the queue order
  o.prefetch_ahead = 3;
  o.prefetch_behind = 2;
  o.on_loaded = log.hook();
  FrameCache cache(seq, dir.path(), o);
  cache.request(10, +1);
  REQUIRE(settle(cache));
  CHECK(log.get() == std::vector<int>{10, 11, 12, 13, 9, 8});
  cache.request(30, -1);
  REQUIRE(settle(cache));
  CHECK(log.get() == std::vector<int>{10, 11, 12, 13, 9, 8, 30, 29, 28, 27, 31, 32});
  cache.request(50, 0);
  REQUIRE(settle(cache));
  CHECK(log.from(12) == std::vector<int>{50, 51, 49, 52, 48, 53});
  // Already loaded frames are not loaded again.
  cache.request(11, +1);
  REQUIRE(settle(cache));
  CHECK(log.from(18) == std::vector<int>{14});
  // At the ends of the sequence the window is cut.
  cache.request(59, +1);
  REQUIRE(settle(cache));
  CHECK(log.from(19) == std::vector<int>{59, 58, 57});
}

TEST_CASE("Stale requests are cancelled when the current frame moves on", "[io][cache]") {
  TempDir dir;
  vantage::test::SensorSequenceOptions so;
  so.frames = 130;
  so.points = 20000;
  so.width = 320;
  so.height = 240;
  so.noise = true;
  const Sequence seq = vantage::test::write_sensor_sequence(dir.path(), so);
  LoadLog log;
  FrameCacheOptions o;
  o.threads = 1;
  o.prefetch_ahead = 20;
  o.prefetch_behind = 0;
  o.on_loaded = log.hook();
  FrameCache cache(seq, dir.path(), o);
  log.hold = true;
  cache.request(0, +1);
  REQUIRE(log.wait_count(1));  // frame 0 is in; 1..20 are queued
  cache.request(100, +1);      // the user jumped: frames 1..20 are stale
  CHECK(cache.stats().cancelled == 20);
  log.hold = false;
  REQUIRE(settle(cache));
  std::vector<int> expected = {0};
  for (int f : range(100, 120))
    expected.push_back(f);
  CHECK(log.get() == expected);
  // A frame asked for with get() outside the window is dropped too.
  log.hold = true;
  cache.request(50, +1);
  REQUIRE(log.wait_count(23));  // frame 50 is in; 51..70 are queued
  CHECK_FALSE(cache.get(5));
  cache.request(110, +1);  // 110..120 are loaded: only 121..129 are left to load
  CHECK(cache.stats().cancelled == 20 + 21);
  log.hold = false;
  REQUIRE(settle(cache));
  CHECK(log.from(23) == range(121, 129));
  // Requesting the same frame again (every UI frame) keeps such a request.
  cache.request(60, 0);
  CHECK_FALSE(cache.get(90));
  cache.request(60, 0);
  REQUIRE(settle(cache));
  CHECK(cache.get(90));
}

TEST_CASE("Per-sensor read errors and missing files are recorded, not thrown", "[io][cache]") {
  TempDir dir;
  vantage::test::SensorSequenceOptions so;
  so.frames = 6;
  Sequence seq = vantage::test::write_sensor_sequence(dir.path(), so);
  vantage::test::write_text(dir / "000002.png", "\x89PNG\r\n\x1a\nnot really a png at all");
  std::ofstream(dir / "000003.bin", std::ios::app) << "xyz";  // no longer a multiple of 16
  seq.frames[4].files.erase(kTestLidar);                      // no file listed
  seq.frames[5].files[kTestCamera] = "gone.png";              // listed, but absent
  FrameCache cache(seq, dir.path());
  auto d = cache.wait(2);
  REQUIRE(d);
  CHECK_THAT(d->errors.at(kTestCamera),
             Catch::Contains("000002.png") && Catch::Contains("cannot decode"));
  CHECK(d->clouds.count(kTestLidar));
  d = cache.wait(3);
  CHECK_THAT(d->errors.at(kTestLidar),
             Catch::Contains("000003.bin") && Catch::Contains("not a multiple"));
  CHECK(d->images.count(kTestCamera));
  d = cache.wait(4);
  CHECK(d->missing.at(kTestLidar));
  CHECK(d->errors.empty());
  d = cache.wait(5);
  CHECK_THAT(d->errors.at(kTestCamera),
             Catch::Contains("gone.png") && Catch::Contains("cannot open"));
  CHECK(d->clouds.count(kTestLidar));
}

TEST_CASE("Frame cache under concurrent requests, gets and waits", "[io][cache]") {
  TempDir dir;
  vantage::test::SensorSequenceOptions so;
  so.frames = 120;
  so.points = 200;
  so.width = 16;
  so.height = 16;
  const Sequence seq = vantage::test::write_sensor_sequence(dir.path(), so);
  size_t frame_bytes = 0;
  {
    FrameCache probe(seq, dir.path());
    frame_bytes = probe.wait(0)->bytes;
  }
  FrameCacheOptions o;
  o.threads = 3;
  o.budget_bytes = frame_bytes * 10;
  o.prefetch_ahead = 6;
  o.prefetch_behind = 3;
  std::atomic<int> callbacks{0};
  o.on_loaded = [&](int) { ++callbacks; };
  std::atomic<int> bad{0}, over_budget{0}, waits{0};
  {
    FrameCache cache(seq, dir.path(), o);
    std::vector<std::thread> clients;
    for (int t = 0; t < 4; ++t) {
      clients.emplace_back([&, t] {
        std::mt19937 rng(static_cast<unsigned>(t));
        int f = static_cast<int>(rng() % 120);
        for (int i = 0; i < 1500; ++i) {
          const int op = static_cast<int>(rng() % 10);
          if (op < 4) {
            f = std::clamp(f + static_cast<int>(rng() % 7) - 3, 0, 119);
            cache.request(f, static_cast<int>(rng() % 3) - 1);
          } else if (op < 9) {
            const int g = static_cast<int>(rng() % 120);
            if (auto d = cache.get(g); d && d->frame != g) ++bad;
          } else {
            const int g = static_cast<int>(rng() % 120);
            auto d = cache.wait(g);
            if (!d || d->frame != g || d->clouds.at(kTestLidar).points[0].x != float(g)) ++bad;
            ++waits;
          }
          if (cache.stats().bytes > o.budget_bytes) ++over_budget;
        }
      });
    }
    for (auto& c : clients)
      c.join();
    const FrameCacheStats s = cache.stats();
    CHECK(s.loads > 0);
    CHECK(s.bytes <= o.budget_bytes);
    // Destroyed here with work still queued: must not hang or crash.
    cache.request(0, +1);
  }
  CHECK(bad == 0);
  CHECK(over_budget == 0);
  CHECK(waits > 0);
  CHECK(callbacks > 0);
}
