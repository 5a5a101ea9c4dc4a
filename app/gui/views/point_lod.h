#pragma once
// The 3D view's point budget. Each frame draws as many points as fit a
// frame-time target, measured from the previous frames' point passes:
//  - when the view changes (camera moved, new frame, other colours) the
//    points image starts over with a uniform subsample: the first `budget`
//    points of every sweep's progressive order;
//  - when nothing changed it goes on with the next `budget` points on top of
//    the same image, so full density arrives within a few frames once the
//    camera stops, without ever drawing a point twice.
// Pure bookkeeping (no GL): SceneView asks for a plan, draws it, and reports
// what it cost.

#include <cstddef>
#include <cstdint>

namespace vantage::gui {

class PointLod {
 public:
  // The share [begin, end) of every sweep to draw this frame, and whether
  // the points image is to be cleared first.
  struct Plan {
    double begin = 0.0, end = 1.0;
    bool restart = true;
    bool empty() const { return end <= begin; }
  };

  // Milliseconds a frame's point pass may take: 30+ frames per second with
  // room for the overlays and the UI.
  double target_ms = 22.0;
  // The budget never drops below this (a usable picture) nor adapts above
  // `total` (everything at once).
  size_t min_budget = 20'000;

  // `view_key` changes whenever the accumulated image is stale.
  Plan plan(uint64_t view_key, size_t total_points);
  // After the pass: how long it took and how many points it drew.
  void measured(double ms, size_t points_drawn);
  // Forget the accumulated image (e.g. the target was resized).
  void invalidate() { have_key_ = false; }

  size_t budget() const { return budget_; }
  double drawn_share() const { return drawn_; }
  // More points are still to come for the current view.
  bool refining() const { return have_key_ && drawn_ < 1.0; }

 private:
  uint64_t key_ = 0;
  bool have_key_ = false;
  double drawn_ = 0.0;
  size_t budget_ = 300'000;
  double ms_per_point_ = 0.0;  // smoothed
};

}  // namespace vantage::gui
