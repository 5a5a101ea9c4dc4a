#include "app/gui/tools/prelabel_job.h"

#include <fmt/format.h>

#include "core/formats/format.h"

namespace vantage::gui {

PrelabelJob::PrelabelJob(const core::Document& doc, core::PrelabelOptions options, bool train)
    : doc_(doc), options_(std::move(options)) {
  thread_ = std::thread([this, train] { run(train); });
}

PrelabelJob::~PrelabelJob() {
  cancel();
  wait();
}

void PrelabelJob::wait() {
  if (thread_.joinable()) thread_.join();
}

std::optional<core::PrelabelResult> PrelabelJob::take_result() {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::move(result_);
}

std::string PrelabelJob::error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return error_;
}

std::string PrelabelJob::train_text() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return train_text_;
}

void PrelabelJob::run(bool train) {
  const core::PrelabelProgress progress = [this](size_t d, size_t t) {
    progress_.store(d);
    total_.store(t);
    return !cancel_.load();
  };
  try {
    if (train) {
      training_.store(true);
      core::TrainSummary ts;
      options_.classifier = core::train_on_accepted(doc_, options_, &ts, progress);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        train_text_ = fmt::format("trained on {} frames ({} objects, {} background)",
                                  ts.frames.size(), ts.positives, ts.negatives);
      }
      training_.store(false);
    }
    core::PrelabelResult r = core::compute_prelabels(doc_, options_, progress);
    if (!r.cancelled && !cancel_.load()) {
      std::lock_guard<std::mutex> lock(mutex_);
      result_ = std::move(r);
    }
  } catch (const core::Cancelled&) {
  } catch (const std::exception& e) {
    std::lock_guard<std::mutex> lock(mutex_);
    error_ = e.what();
  }
  done_.store(true);
}

}  // namespace vantage::gui
