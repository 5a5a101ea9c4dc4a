// The demo's agents move plausibly: nobody drives through anybody, the
// default demo has the events it promises (turns, stops, a zebra crossing,
// objects entering and leaving), and existence follows the labelled range.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>

#include "core/synth/demo_scene.h"

using namespace vantage;

namespace {

// Footprint corners of an agent's box (x, y) in the world.
std::array<core::Vec2, 4> footprint(const core::SceneBox& b, double shrink) {
  const core::Vec2 f{std::cos(b.yaw), std::sin(b.yaw)}, l{-f.y, f.x};
  const double hl = b.size.x / 2 - shrink, hw = b.size.y / 2 - shrink;
  const core::Vec2 c{b.center.x, b.center.y};
  return {c + f * hl + l * hw, c + f * hl - l * hw, c - f * hl - l * hw, c - f * hl + l * hw};
}

// Separating axis test for two rectangles.
bool overlap(const std::array<core::Vec2, 4>& a, const std::array<core::Vec2, 4>& b) {
  for (const auto* poly : {&a, &b})
    for (int i = 0; i < 4; ++i) {
      const core::Vec2 e =
          (*poly)[static_cast<size_t>((i + 1) % 4)] - (*poly)[static_cast<size_t>(i)];
      const core::Vec2 n{-e.y, e.x};
      double a0 = INFINITY, a1 = -INFINITY, b0 = INFINITY, b1 = -INFINITY;
      for (const auto& p : a) {
        a0 = std::min(a0, glm::dot(p, n));
        a1 = std::max(a1, glm::dot(p, n));
      }
      for (const auto& p : b) {
        b0 = std::min(b0, glm::dot(p, n));
        b1 = std::max(b1, glm::dot(p, n));
      }
      if (a1 < b0 || b1 < a0) return false;
    }
  return true;
}

}  // namespace

TEST_CASE("demo agents never overlap one another", "[demo]") {
  for (uint64_t seed : {1, 2, 3, 4}) {
    core::DemoOptions o;
    o.seed = seed;
    o.frames = 150;
    const core::DemoScene scene(o);
    const auto& agents = scene.traffic().agents;
    size_t pairs = 0;
    for (int f = 0; f < o.frames; f += 2) {
      std::vector<core::SceneBox> boxes;
      for (size_t i = 0; i < agents.size(); ++i)
        if (i == 0 || scene.traffic().frames[i][static_cast<size_t>(f)].alive) {
          core::SceneBox b = scene.agent_box(i, f);
          if (i == 0) b.object = -1;
          boxes.push_back(b);
        }
      for (size_t a = 0; a < boxes.size(); ++a)
        for (size_t b = a + 1; b < boxes.size(); ++b) {
          if (glm::length(core::Vec2(boxes[a].center) - core::Vec2(boxes[b].center)) > 15) continue;
          ++pairs;
          INFO("seed " << seed << " frame " << f << ": objects " << boxes[a].object << " and "
                       << boxes[b].object);
          CHECK_FALSE(overlap(footprint(boxes[a], 0.02), footprint(boxes[b], 0.02)));
        }
    }
    CHECK(pairs > 1000);
  }
}

TEST_CASE("the default demo has turns, stops, a zebra crossing and objects coming and going",
          "[demo]") {
  core::DemoOptions o;  // the defaults `vantage demo` uses
  const core::DemoScene scene(o);
  const auto& t = scene.traffic();
  bool turning = false, stopped = false, crossing = false, entering = false, leaving = false,
       parked = false;
  // The ego's slowest moment, and its fastest after that.
  double ego_min = INFINITY, ego_after = 0;
  for (int f = 0; f < o.frames; ++f) {
    const double v = t.frames[0][static_cast<size_t>(f)].speed;
    if (v < ego_min) {
      ego_min = v;
      ego_after = v;
    }
    ego_after = std::max(ego_after, v);
  }
  for (size_t i = 1; i < t.agents.size(); ++i) {
    int first = -1, last = -1;
    for (int f = 0; f < o.frames; ++f) {
      if (!scene.present(i, f)) continue;
      if (first < 0) first = f;
      last = f;
      const core::AgentFrame& af = t.frames[i][static_cast<size_t>(f)];
      turning |= af.activity == core::Activity::Turning;
      stopped |= af.activity == core::Activity::Stopped;
      parked |= af.activity == core::Activity::Parked;
      // A pedestrian walking on the main road's carriageway: crossing it.
      if (t.agents[i].role == core::AgentRole::Pedestrian && af.speed > 0.5) {
        const auto p = scene.layout().centre.project(af.position);
        crossing |= std::abs(p.d) < core::StreetDims::kLaneWidth;
      }
    }
    if (first < 0) continue;
    entering |= first > 0;
    leaving |= last < o.frames - 1;
  }
  CHECK(turning);
  CHECK(stopped);
  CHECK(parked);
  CHECK(crossing);
  CHECK(entering);
  CHECK(leaving);
  // The ego slows down for the zebra and drives on.
  CHECK(ego_min < 4.0);
  CHECK(ego_after > ego_min + 2.0);
}

TEST_CASE("demo objects exist within the labelled range of the ego", "[demo]") {
  core::DemoOptions o;
  o.frames = 40;
  const core::DemoScene scene(o);
  size_t present = 0, far_but_alive = 0;
  for (size_t i = 1; i < scene.traffic().agents.size(); ++i)
    for (int f = 0; f < o.frames; f += 5) {
      const double d = glm::length(scene.traffic().frames[i][static_cast<size_t>(f)].position -
                                   scene.traffic().frames[0][static_cast<size_t>(f)].position);
      const bool alive = scene.traffic().frames[i][static_cast<size_t>(f)].alive;
      CHECK(scene.present(i, f) == (alive && d <= core::kLabelRange));
      present += scene.present(i, f);
      far_but_alive += alive && d > core::kLabelRange;
      if (scene.present(i, f)) {
        // Cuboids sit on the ground in the vehicle frame.
        const core::Cuboid c = scene.agent_cuboid(i, f);
        CHECK(c.center.z == Approx(c.size.z / 2).margin(1e-9));
      }
    }
  CHECK(present > 100);
  CHECK(far_but_alive > 0);  // the street is longer than the labelled range
}
