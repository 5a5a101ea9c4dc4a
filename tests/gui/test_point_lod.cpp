// The point budget's bookkeeping: restarts on a new view, fills in the rest
// while the view stays, adapts to the measured cost.
#include <catch2/catch.hpp>

#include "app/gui/views/point_lod.h"

using vantage::gui::PointLod;

TEST_CASE("PointLod: a still view fills in without overlap; a moving one restarts",
          "[gui][lod]") {
  PointLod lod;
  // 1.2M points at a budget of 300k: four frames to full density.
  const size_t total = 1'200'000;
  PointLod::Plan p = lod.plan(1, total);
  CHECK(p.restart);
  CHECK(p.begin == 0.0);
  CHECK(p.end == Approx(0.25));
  double covered = p.end - p.begin;
  int frames = 1;
  while (lod.refining()) {
    const PointLod::Plan q = lod.plan(1, total);
    CHECK_FALSE(q.restart);
    CHECK(q.begin == Approx(p.end));  // the next share starts where the last ended
    covered += q.end - q.begin;
    p = q;
    ++frames;
  }
  CHECK(covered == Approx(1.0));
  CHECK(frames == 4);
  // Nothing more to draw while the view stays.
  CHECK(lod.plan(1, total).empty());
  // The camera moves: start over with a prefix.
  p = lod.plan(2, total);
  CHECK(p.restart);
  CHECK(p.begin == 0.0);
}

TEST_CASE("PointLod: the budget follows the measured cost towards the frame-time target",
          "[gui][lod]") {
  PointLod lod;
  lod.target_ms = 20.0;
  // 0.1 us per point: 200k points fit 20 ms.
  for (int i = 0; i < 20; ++i) lod.measured(0.0001 * double(lod.budget()), lod.budget());
  CHECK(lod.budget() == Approx(200'000).epsilon(0.01));
  // Twice as expensive (a slower renderer): half the budget, but never below
  // the minimum and never more than halved in one step.
  const size_t before = lod.budget();
  lod.measured(0.0002 * double(before), before);
  CHECK(lod.budget() >= before / 2);
  for (int i = 0; i < 20; ++i) lod.measured(0.0002 * double(lod.budget()), lod.budget());
  CHECK(lod.budget() == Approx(100'000).epsilon(0.01));
  for (int i = 0; i < 40; ++i) lod.measured(1.0 * double(lod.budget()), lod.budget());
  CHECK(lod.budget() == lod.min_budget);
  // Tiny passes are not timed.
  lod.measured(50.0, 10);
  CHECK(lod.budget() == lod.min_budget);
}
