#pragma once
// Loads the sensor data of frames on worker threads, ahead of and behind the
// current frame in the play direction, into an LRU bounded in bytes. The UI
// thread only ever calls get()/request(), which never wait on disk or
// decoding; stale requests are dropped when the current frame moves on.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <vector>
#include <memory>
#include <string>

#include <opencv2/core.hpp>

#include "core/model/point_cloud.h"
#include "core/model/sequence.h"

namespace vantage::core {

// One frame's sensor data, immutable once published (shared with the UI).
struct FrameData {
  int frame = -1;
  std::map<std::string, cv::Mat> images;     // camera -> display image (BGR8)
  std::map<std::string, PointCloud> clouds;  // lidar -> points in the LiDAR frame
  // lidar -> a permutation of its points whose every prefix is a uniform
  // subsample (core/geometry/progressive_order.h): the 3D view's level of
  // detail draws prefixes. Made by the loading worker.
  std::map<std::string, std::vector<uint32_t>> point_orders;
  std::map<std::string, std::string>
      errors;                           // sensor -> why its file could not be read (FileError text)
  std::map<std::string, bool> missing;  // sensor -> no file listed for this frame
  size_t bytes = 0;                     // what the cache charges for it
};

struct FrameCacheOptions {
  // LRU bound. Exceeded only while the current frame (or one a wait() blocks
  // on) alone is larger.
  size_t budget_bytes = size_t(2) << 30;  // 2 GB
  int threads = 2;
  int prefetch_ahead = 8;   // frames in the play direction
  int prefetch_behind = 2;  // frames against it
  // Called on a worker thread (no cache lock held) after a frame is stored,
  // e.g. to wake the UI with glfwPostEmptyEvent. Keep it short: the worker
  // waits for it.
  std::function<void(int frame)> on_loaded;
};

struct FrameCacheStats {
  size_t bytes = 0;
  size_t frames = 0;
  size_t pending = 0;
  size_t hits = 0;
  size_t misses = 0;
  size_t evictions = 0;
  size_t cancelled = 0;  // queued or half-loaded frames dropped as no longer wanted
  size_t loads = 0;      // frames loaded and stored
};

class FrameCache {
 public:
  // `folder` resolves the relative file paths of the sequence. The
  // destructor waits for at most one sensor file per worker.
  FrameCache(Sequence sequence, std::filesystem::path folder, FrameCacheOptions options = {});
  ~FrameCache();
  FrameCache(const FrameCache&) = delete;
  FrameCache& operator=(const FrameCache&) = delete;

  // Makes `frame` current (direction +1 playing forward, -1 backward, 0
  // still): queues it first, then prefetch_ahead frames in the direction,
  // then prefetch_behind against it (alternating +1, -1, +2, ... when still),
  // as many as the budget holds; drops queued requests that are no longer
  // wanted, and workers abandon such frames between two sensor files. Cheap
  // enough to call every UI frame. Never blocks on loading.
  void request(int frame, int direction = 0);
  // The frame if loaded (counted as a hit), else nullptr (a miss; the frame
  // is queued first). Never blocks on loading.
  std::shared_ptr<const FrameData> get(int frame);
  // Blocks until the frame is loaded (headless tools, tests).
  std::shared_ptr<const FrameData> wait(int frame);

  FrameCacheStats stats() const;
  const FrameCacheOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vantage::core
