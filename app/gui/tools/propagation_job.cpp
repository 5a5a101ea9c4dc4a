#include "app/gui/tools/propagation_job.h"

#include "core/tracking/box_tracker.h"
#include "core/tracking/cuboid_refit.h"
#include "core/tracking/propagation.h"

namespace vantage::gui {

PropagationJob::PropagationJob(const core::Document& doc, Options options)
    : doc_(doc), options_(std::move(options)) {
  total_ = int(core::propagation_frames(doc_, options_.ref, options_.from, options_.frames).size());
  thread_ = std::thread([this] { run(); });
}

PropagationJob::~PropagationJob() {
  cancel();
  wait();
}

void PropagationJob::wait() {
  if (thread_.joinable()) thread_.join();
}

std::vector<core::FrameShape> PropagationJob::proposals() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return proposals_;
}

std::string PropagationJob::error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return error_;
}

void PropagationJob::run() {
  try {
    const core::Interpolator interp(doc_.sequence);
    const core::TrackRef& ref = options_.ref;
    core::BoxTrackerOptions box_options;
    box_options.algorithm =
        options_.kcf ? core::BoxTrackerAlgorithm::KCF : core::BoxTrackerAlgorithm::CSRT;
    const core::CuboidFitter fit = core::make_lidar_refitter(doc_);
    int from = options_.from;
    int left = total_;
    while (left > 0 && !cancel_.load()) {
      const int n = std::min(left, std::max(1, options_.slice));
      std::vector<core::FrameShape> got;
      if (ref.kind == core::ShapeKind::Box2D) {
        got = core::propose_box_track(doc_, interp, ref, from, n, box_options);
      } else if (ref.kind == core::ShapeKind::Cuboid) {
        got = core::propose_cuboid_refits(doc_, interp, ref.object, from, n, fit);
      } else {
        got = core::propose_copies(doc_, interp, ref, from, n);
      }
      if (got.empty()) break;
      // The next slice starts from this one's last proposal.
      if (core::Object* o = doc_.annotations.find(ref.object)) {
        core::Track& t = o->track_or_create(ref.sensor, ref.kind);
        for (const core::FrameShape& fs : got)
          t.set(fs.frame, fs.shape);
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        proposals_.insert(proposals_.end(), got.begin(), got.end());
        progress_.store(int(proposals_.size()));
      }
      from = got.back().frame;
      left -= int(got.size());
      if (int(got.size()) < n) break;  // the tracker lost it or the fit failed
    }
  } catch (const std::exception& e) {
    std::lock_guard<std::mutex> lock(mutex_);
    error_ = e.what();
  }
  done_.store(true);
}

}  // namespace vantage::gui
