#include "app/gui/views/point_lod.h"

#include <algorithm>

namespace vantage::gui {

PointLod::Plan PointLod::plan(uint64_t view_key, size_t total) {
  Plan p;
  if (!have_key_ || view_key != key_) {
    key_ = view_key;
    have_key_ = true;
    drawn_ = 0.0;
    p.restart = true;
  } else {
    p.restart = false;
  }
  if (total == 0) {
    drawn_ = 1.0;
    p.begin = p.end = 1.0;
    return p;
  }
  const double share = std::min(1.0, double(budget_) / double(total));
  p.begin = drawn_;
  p.end = drawn_ + share >= 1.0 - 1e-9 ? 1.0 : drawn_ + share;
  drawn_ = p.end;
  return p;
}

void PointLod::measured(double ms, size_t points) {
  if (points < 1000 || !(ms > 0.0)) return;  // too little to time
  const double rate = ms / double(points);
  ms_per_point_ = ms_per_point_ > 0.0 ? 0.5 * ms_per_point_ + 0.5 * rate : rate;
  const double want = target_ms / ms_per_point_;
  // At most double per frame: one slow frame must not starve the next.
  const double next = std::clamp(want, 0.5 * double(budget_), 2.0 * double(budget_));
  budget_ = std::max(min_budget, size_t(next));
}

}  // namespace vantage::gui
