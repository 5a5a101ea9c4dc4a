// Frame cache: a priority queue of wanted frames served by worker threads
// into a byte-bounded LRU.
//
// Scheduling: request(frame, dir) rebuilds the wanted list (the frame, then
// prefetch_ahead frames in the play direction, then prefetch_behind against
// it; interleaved when still), trimmed so its estimated size fits the budget.
// Queued frames no longer wanted are dropped (cancelled); a worker also gives
// up a frame between two sensor files when it stops being wanted. Eviction
// takes unwanted frames first (least recently used first), then wanted frames
// farthest down the list; the current frame is never evicted.
#include "core/io/frame_cache.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <list>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "core/geometry/progressive_order.h"
#include "core/io/image_io.h"
#include "core/io/point_cloud_io.h"
#include "core/util/error.h"

namespace vantage::core {

namespace fs = std::filesystem;

struct FrameCache::Impl {
  Sequence sequence;
  fs::path folder;
  FrameCacheOptions options;

  mutable std::mutex mutex;
  std::condition_variable work_cv;  // workers: a frame was queued, or stop
  std::condition_variable done_cv;  // wait(): a frame finished loading

  struct Entry {
    std::shared_ptr<const FrameData> data;
    std::list<int>::iterator lru;  // position in `lru`, front = most recent
  };
  std::unordered_map<int, Entry> loaded;
  std::list<int> lru;
  std::deque<int> queue;  // frames to load, most urgent first
  std::set<int> in_flight;
  std::unordered_map<int, int> wanted_rank;  // frame -> position in the wanted list
  std::multiset<int> waiting;                // frames wait() blocks on
  std::set<int> asked;                       // frames get() queued outside the window
  int current = -1;
  int direction = 0;
  bool stop = false;
  FrameCacheStats stats;
  size_t loaded_frames_bytes = 0;  // total over every frame ever loaded (size estimate)
  size_t loaded_frames_count = 0;
  std::vector<std::thread> workers;

  bool wanted(int f) const {
    return f == current || wanted_rank.count(f) || waiting.count(f) || asked.count(f);
  }
  bool queued_or_loading(int f) const {
    return in_flight.count(f) || std::find(queue.begin(), queue.end(), f) != queue.end();
  }
  void touch(Entry& e) { lru.splice(lru.begin(), lru, e.lru); }

  // Evicts until within budget. Never evicts the current frame or `keep`.
  void evict(int keep) {
    while (stats.bytes > options.budget_bytes) {
      int victim = -1;
      // Least recently used frame that is not wanted.
      for (auto it = lru.rbegin(); it != lru.rend(); ++it) {
        if (*it != keep && *it != current && !wanted(*it)) {
          victim = *it;
          break;
        }
      }
      // Else the wanted frame farthest down the list.
      if (victim < 0) {
        int worst = -1;
        for (const int f : lru) {
          if (f == keep || f == current || waiting.count(f)) continue;
          const auto r = wanted_rank.find(f);
          const int rank = r == wanted_rank.end() ? INT32_MAX : r->second;
          if (rank > worst) worst = rank, victim = f;
        }
      }
      if (victim < 0) return;
      auto it = loaded.find(victim);
      stats.bytes -= it->second.data->bytes;
      lru.erase(it->second.lru);
      loaded.erase(it);
      ++stats.evictions;
    }
  }

  void enqueue_front(int f) {
    if (f < 0 || f >= sequence.frame_count() || loaded.count(f) || in_flight.count(f)) return;
    queue.erase(std::remove(queue.begin(), queue.end(), f), queue.end());
    queue.push_front(f);
    work_cv.notify_one();
  }

  std::shared_ptr<FrameData> load(int f) const;
  void worker_loop();
};

namespace {

size_t image_bytes(const cv::Mat& m) {
  return m.total() * m.elemSize();
}

}  // namespace

std::shared_ptr<FrameData> FrameCache::Impl::load(int f) const {
  auto data = std::make_shared<FrameData>();
  data->frame = f;
  const Frame& frame = sequence.frames[static_cast<size_t>(f)];
  const SensorRig& rig = sequence.rig(f);
  auto path_of = [&](const std::string& file) {
    const fs::path p(file);
    return p.is_absolute() ? p : folder / p;
  };
  auto still_wanted = [&] {
    std::lock_guard<std::mutex> lock(mutex);
    return !stop && wanted(f);
  };
  for (const Camera& cam : rig.cameras) {
    const auto it = frame.files.find(cam.name);
    if (it == frame.files.end()) {
      data->missing[cam.name] = true;
      continue;
    }
    if (!still_wanted()) return nullptr;
    try {
      cv::Mat img = to_display_bgr8(read_image(path_of(it->second)));
      data->bytes += image_bytes(img);
      data->images[cam.name] = std::move(img);
    } catch (const std::exception& e) {
      data->errors[cam.name] = e.what();
    }
  }
  for (const Lidar& lidar : rig.lidars) {
    const auto it = frame.files.find(lidar.name);
    if (it == frame.files.end()) {
      data->missing[lidar.name] = true;
      continue;
    }
    if (!still_wanted()) return nullptr;
    try {
      PointCloudReadOptions o;
      o.bin_values_per_point = lidar.bin_values_per_point;
      PointCloud cloud = read_point_cloud(path_of(it->second), o);
      data->bytes += cloud.bytes();
      // The renderer's level-of-detail order, made here, off the UI thread.
      auto order = progressive_order(cloud.points.size(), 0x5eedull + uint64_t(f));
      data->bytes += order.size() * sizeof(uint32_t);
      data->point_orders[lidar.name] = std::move(order);
      data->clouds[lidar.name] = std::move(cloud);
    } catch (const std::exception& e) {
      data->errors[lidar.name] = e.what();
    }
  }
  data->bytes += sizeof(FrameData) + 256 * (data->errors.size() + data->missing.size());
  return data;
}

void FrameCache::Impl::worker_loop() {
  std::unique_lock<std::mutex> lock(mutex);
  for (;;) {
    work_cv.wait(lock, [&] { return stop || !queue.empty(); });
    if (stop) return;
    const int f = queue.front();
    queue.pop_front();
    in_flight.insert(f);
    lock.unlock();
    std::shared_ptr<FrameData> data = load(f);
    lock.lock();
    in_flight.erase(f);
    bool stored = false;
    if (!data) {
      ++stats.cancelled;
    } else if (!wanted(f) && stats.bytes + data->bytes > options.budget_bytes) {
      // Nobody wants it any more and it would push out something else.
      ++stats.cancelled;
    } else {
      loaded_frames_bytes += data->bytes;
      ++loaded_frames_count;
      lru.push_front(f);
      stats.bytes += data->bytes;
      loaded[f] = Entry{std::move(data), lru.begin()};
      asked.erase(f);
      ++stats.loads;
      evict(f);
      stored = true;
    }
    stats.frames = loaded.size();
    stats.pending = queue.size() + in_flight.size();
    done_cv.notify_all();
    if (stored && options.on_loaded) {
      lock.unlock();
      options.on_loaded(f);
      lock.lock();
    }
  }
}

FrameCache::FrameCache(Sequence sequence, fs::path folder, FrameCacheOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->sequence = std::move(sequence);
  impl_->folder = std::move(folder);
  options.threads = std::max(1, options.threads);
  options.prefetch_ahead = std::max(0, options.prefetch_ahead);
  options.prefetch_behind = std::max(0, options.prefetch_behind);
  impl_->options = options;
  for (int i = 0; i < options.threads; ++i)
    impl_->workers.emplace_back([this] { impl_->worker_loop(); });
}

FrameCache::~FrameCache() {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->stop = true;
    impl_->queue.clear();
  }
  impl_->work_cv.notify_all();
  impl_->done_cv.notify_all();
  for (auto& t : impl_->workers)
    t.join();
}

void FrameCache::request(int frame, int direction) {
  Impl& m = *impl_;
  std::lock_guard<std::mutex> lock(m.mutex);
  const int count = m.sequence.frame_count();
  if (frame < 0 || frame >= count) return;
  // Frames get() asked for stay wanted until the current frame moves on.
  if (frame != m.current || direction != m.direction) m.asked.clear();
  m.current = frame;
  m.direction = direction;
  // The wanted list, most urgent first.
  std::vector<int> want = {frame};
  const int ahead = m.options.prefetch_ahead, behind = m.options.prefetch_behind;
  if (direction == 0) {
    for (int i = 1; i <= std::max(ahead, behind); ++i) {
      if (i <= ahead) want.push_back(frame + i);
      if (i <= behind) want.push_back(frame - i);
    }
  } else {
    const int d = direction > 0 ? 1 : -1;
    for (int i = 1; i <= ahead; ++i)
      want.push_back(frame + d * i);
    for (int i = 1; i <= behind; ++i)
      want.push_back(frame - d * i);
  }
  // Trim to what the budget holds, estimating unloaded frames by the mean
  // size of the frames loaded so far.
  const size_t estimate =
      m.loaded_frames_count ? m.loaded_frames_bytes / m.loaded_frames_count : size_t(0);
  size_t total = 0;
  m.wanted_rank.clear();
  std::vector<int> keep;
  for (const int f : want) {
    if (f < 0 || f >= count) continue;
    const auto it = m.loaded.find(f);
    const size_t bytes = it != m.loaded.end() ? it->second.data->bytes : estimate;
    if (f != frame && total + bytes > m.options.budget_bytes) break;
    total += bytes;
    m.wanted_rank[f] = static_cast<int>(keep.size());
    keep.push_back(f);
  }
  // Cancel queued frames that are no longer wanted; queue the new list.
  for (const int f : m.queue)
    if (!m.wanted(f)) ++m.stats.cancelled;
  std::deque<int> queue;
  for (const int f : keep) {
    const auto it = m.loaded.find(f);
    if (it != m.loaded.end()) continue;
    if (!m.in_flight.count(f)) queue.push_back(f);
  }
  // Frames a wait() blocks on, or get() still asks for, stay queued first.
  for (auto it = m.queue.rbegin(); it != m.queue.rend(); ++it)
    if ((m.waiting.count(*it) || m.asked.count(*it)) &&
        std::find(queue.begin(), queue.end(), *it) == queue.end())
      queue.push_front(*it);
  m.queue.swap(queue);
  if (auto it = m.loaded.find(frame); it != m.loaded.end()) m.touch(it->second);
  m.stats.pending = m.queue.size() + m.in_flight.size();
  m.work_cv.notify_all();
}

std::shared_ptr<const FrameData> FrameCache::get(int frame) {
  Impl& m = *impl_;
  std::lock_guard<std::mutex> lock(m.mutex);
  if (frame < 0 || frame >= m.sequence.frame_count()) return nullptr;
  const auto it = m.loaded.find(frame);
  if (it != m.loaded.end()) {
    ++m.stats.hits;
    m.touch(it->second);
    return it->second.data;
  }
  ++m.stats.misses;
  if (!m.wanted(frame)) m.asked.insert(frame);
  m.enqueue_front(frame);
  m.stats.pending = m.queue.size() + m.in_flight.size();
  return nullptr;
}

std::shared_ptr<const FrameData> FrameCache::wait(int frame) {
  Impl& m = *impl_;
  std::unique_lock<std::mutex> lock(m.mutex);
  if (frame < 0 || frame >= m.sequence.frame_count()) return nullptr;
  m.waiting.insert(frame);
  std::shared_ptr<const FrameData> result;
  for (;;) {
    const auto it = m.loaded.find(frame);
    if (it != m.loaded.end()) {
      m.touch(it->second);
      result = it->second.data;
      break;
    }
    if (m.stop) break;
    if (!m.in_flight.count(frame)) m.enqueue_front(frame);
    m.done_cv.wait(lock);
  }
  m.waiting.erase(m.waiting.find(frame));
  return result;
}

FrameCacheStats FrameCache::stats() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  FrameCacheStats s = impl_->stats;
  s.frames = impl_->loaded.size();
  s.pending = impl_->queue.size() + impl_->in_flight.size();
  return s;
}

const FrameCacheOptions& FrameCache::options() const {
  return impl_->options;
}

}  // namespace vantage::core
