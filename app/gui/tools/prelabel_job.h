#pragma once
// "Run model" / "Train on accepted" without freezing the UI: the model runs
// on a worker thread over a copy of the document (core/models/prelabel.h;
// image models use their own worker pool inside). The UI thread polls
// progress, can cancel, and when it is done stores the pre-labels as one
// undo step.

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/models/prelabel.h"

namespace vantage::gui {

class PrelabelJob {
 public:
  // Starts at once; `doc` is copied. With `train`, a classifier is fitted on
  // the labelled frames first.
  PrelabelJob(const core::Document& doc, core::PrelabelOptions options, bool train);
  ~PrelabelJob();  // cancels and joins
  PrelabelJob(const PrelabelJob&) = delete;
  PrelabelJob& operator=(const PrelabelJob&) = delete;

  bool done() const { return done_.load(); }
  void cancel() { cancel_.store(true); }
  bool cancelled() const { return cancel_.load(); }
  bool training() const { return training_.load(); }
  size_t progress() const { return progress_.load(); }
  size_t total() const { return total_.load(); }
  void wait();
  // After done(): the result (nullopt on error or cancel), the error, and
  // the training summary when it trained.
  std::optional<core::PrelabelResult> take_result();
  std::string error() const;
  std::string train_text() const;

 private:
  void run(bool train);

  core::Document doc_;
  core::PrelabelOptions options_;
  std::atomic<bool> done_{false}, cancel_{false}, training_{false};
  std::atomic<size_t> progress_{0}, total_{0};
  mutable std::mutex mutex_;
  std::optional<core::PrelabelResult> result_;
  std::string error_, train_text_;
  std::thread thread_;
};

}  // namespace vantage::gui
