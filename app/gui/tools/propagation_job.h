#pragma once
// Propagate forward N frames without freezing the UI: the tracker or the
// cuboid re-fit runs on a worker thread over a copy of the document, a few
// frames per slice (progress and cancel between slices, each slice starting
// from the previous slice's last proposal). The UI thread polls it and, when
// it is done, stores the proposals (source Tracker, keyframe false) as one
// undo step for review.

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/tracking/keyframe_commands.h"

namespace vantage::gui {

class PropagationJob {
 public:
  struct Options {
    core::TrackRef ref;
    int from = 0;
    int frames = 10;
    bool kcf = false;  // 2D: KCF instead of CSRT
    int slice = 4;     // frames per slice
  };
  // Starts the worker at once; `doc` is copied.
  PropagationJob(const core::Document& doc, Options options);
  ~PropagationJob();  // cancels and joins
  PropagationJob(const PropagationJob&) = delete;
  PropagationJob& operator=(const PropagationJob&) = delete;

  const Options& options() const { return options_; }
  bool done() const { return done_.load(); }
  void cancel() { cancel_.store(true); }
  bool cancelled() const { return cancel_.load(); }
  // Frames proposed so far / frames wanted.
  int progress() const { return progress_.load(); }
  int total() const { return total_; }
  // Blocks until the worker ends (tests, shutdown).
  void wait();
  // After done(): the proposals and, when it stopped on an error, why.
  std::vector<core::FrameShape> proposals() const;
  std::string error() const;

 private:
  void run();

  core::Document doc_;
  Options options_;
  int total_ = 0;
  std::atomic<bool> done_{false};
  std::atomic<bool> cancel_{false};
  std::atomic<int> progress_{0};
  mutable std::mutex mutex_;
  std::vector<core::FrameShape> proposals_;
  std::string error_;
  std::thread thread_;
};

}  // namespace vantage::gui
