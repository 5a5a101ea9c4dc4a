// [SECTION] index
//   Car following   IDM with the most restrictive obstacle ahead
//   Corridor        agents ahead on one's own path (mutual pairs resolved)
//   Zebras          road users stop while pedestrians use them; pedestrians
//                   wait at the curb for a gap
//   Stop lines      stop, wait a second, go when the junction is clear
//   Loop            spawn, step at 20 Hz, record one state per frame
#include <algorithm>
#include <array>
#include <cmath>

#include "core/synth/traffic.h"

namespace vantage::core {

namespace {

struct Idm {
  double a, b, s0, T, b_max, lookahead, margin;
};
constexpr Idm kVehicleIdm{1.4, 2.0, 2.0, 1.2, 7.0, 70, 0.3};
constexpr Idm kCyclistIdm{1.0, 1.5, 1.5, 1.0, 5.0, 40, 0.25};
constexpr Idm kPedIdm{0.8, 1.5, 0.5, 0.5, 3.0, 10, 0.1};

constexpr double kStep = 0.1;           // s, one step per frame
constexpr double kComfortBrake = 3.5;   // m/s^2, what a pedestrian expects drivers to manage
constexpr double kHardBrake = 4.5;      // m/s^2, beyond it a driver goes on through a zebra
constexpr double kZebraPatience = 8.0;  // s a driver waits at a busy zebra before people let it go

const Idm& idm_for(AgentRole r) {
  if (r == AgentRole::Pedestrian) return kPedIdm;
  if (r == AgentRole::Cyclist) return kCyclistIdm;
  return kVehicleIdm;
}

struct State {
  bool alive = false;
  bool done = false;
  double s = 0, v = 0;
  Vec2 pos{0.0};
  double yaw = 0;
  std::vector<uint8_t> released;  // per path stop: stop line passed / crossing permitted
  std::vector<uint8_t> yielding;  // per path stop: decided to stop for a zebra
  double wait = 0;                // seconds standing at a stop line
  double zebra_wait = 0;          // seconds standing at a zebra
};

// Alive agents bucketed by position, so finding who is near costs little
// with a thousand agents. Queries list cells in a fixed order (deterministic).
class AgentGrid {
 public:
  static constexpr double kCell = 25.0;

  void build(const std::vector<State>& st) {
    lo_ = Vec2(INFINITY);
    Vec2 hi(-INFINITY);
    for (const State& s : st)
      if (s.alive) {
        lo_ = glm::min(lo_, s.pos);
        hi = glm::max(hi, s.pos);
      }
    cells_.clear();
    if (lo_.x > hi.x) return;
    nx_ = static_cast<int>((hi.x - lo_.x) / kCell) + 1;
    ny_ = static_cast<int>((hi.y - lo_.y) / kCell) + 1;
    cells_.assign(static_cast<size_t>(nx_) * static_cast<size_t>(ny_), {});
    for (size_t i = 0; i < st.size(); ++i)
      if (st[i].alive) cells_[index(cell_x(st[i].pos.x), cell_y(st[i].pos.y))].push_back(i);
  }
  void query(const Vec2& p, double radius, std::vector<size_t>& out) const {
    out.clear();
    if (cells_.empty()) return;
    const int x0 = std::max(0, cell_x(p.x - radius)), x1 = std::min(nx_ - 1, cell_x(p.x + radius));
    const int y0 = std::max(0, cell_y(p.y - radius)), y1 = std::min(ny_ - 1, cell_y(p.y + radius));
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) {
        const auto& c = cells_[index(x, y)];
        out.insert(out.end(), c.begin(), c.end());
      }
  }

 private:
  int cell_x(double x) const { return static_cast<int>(std::floor((x - lo_.x) / kCell)); }
  int cell_y(double y) const { return static_cast<int>(std::floor((y - lo_.y) / kCell)); }
  size_t index(int x, int y) const {
    return static_cast<size_t>(y) * static_cast<size_t>(nx_) + static_cast<size_t>(x);
  }
  Vec2 lo_{0.0};
  int nx_ = 0, ny_ = 0;
  std::vector<std::vector<size_t>> cells_;
};

// Do two footprints (centre, heading, size), grown by `margin`, overlap?
// Separating axis test.
bool boxes_overlap(const Vec2& ca, double ya, const Vec3& sa, const Vec2& cb, double yb,
                   const Vec3& sb, double margin) {
  const auto corners = [margin](const Vec2& c, double yaw, const Vec3& size) {
    const Vec2 f{std::cos(yaw), std::sin(yaw)}, l{-f.y, f.x};
    const double hl = size.x / 2 + margin, hw = size.y / 2 + margin;
    return std::array<Vec2, 4>{c + f * hl + l * hw, c + f * hl - l * hw, c - f * hl - l * hw,
                               c - f * hl + l * hw};
  };
  const auto a = corners(ca, ya, sa), b = corners(cb, yb, sb);
  for (const auto* poly : {&a, &b})
    for (size_t k = 0; k < 4; ++k) {
      const Vec2 e = (*poly)[(k + 1) % 4] - (*poly)[k];
      const Vec2 n{-e.y, e.x};
      double a0 = INFINITY, a1 = -INFINITY, b0 = INFINITY, b1 = -INFINITY;
      for (const Vec2& p : a)
        a0 = std::min(a0, glm::dot(p, n)), a1 = std::max(a1, glm::dot(p, n));
      for (const Vec2& p : b)
        b0 = std::min(b0, glm::dot(p, n)), b1 = std::max(b1, glm::dot(p, n));
      if (a1 < b0 || b1 < a0) return false;
    }
  return true;
}

struct Obstacle {
  double gap;
  double v_lead;
  int other;          // agent index, -1 for a stop point
  double away = 0.0;  // how far the other agent's body is from our path (<= corridor half-width)
};

class Simulator {
 public:
  Simulator(const StreetLayout& l, Traffic& t) : l_(l), t_(t), st_(t.agents.size()) {
    for (size_t i = 0; i < t_.agents.size(); ++i) {
      const Agent& a = t_.agents[i];
      State& s = st_[i];
      s.pos = a.position;
      s.yaw = a.yaw;
      if (a.path >= 0) {
        const size_t n = path(i).stops.size();
        s.released.assign(n, 0);
        s.yielding.assign(n, 0);
        // Pedestrians starting out on a zebra are already crossing.
        for (size_t k = 0; k < n; ++k)
          if (path(i).stops[k].kind == PathStop::Crossing && a.s0 > path(i).stops[k].s)
            s.released[k] = 1;
      }
    }
  }

  void run(int frames) {
    t_.frames.assign(t_.agents.size(), std::vector<AgentFrame>(static_cast<size_t>(frames)));
    const int sub = static_cast<int>(std::lround(t_.frame_period / kStep));
    for (int f = 0; f < frames; ++f) {
      const double t = f * t_.frame_period;
      spawn(t);
      record(f);
      for (int k = 0; k < sub; ++k) {
        step();
        spawn(t + (k + 1) * kStep);
      }
    }
  }

 private:
  const AgentPath& path(size_t i) const { return t_.paths[static_cast<size_t>(t_.agents[i].path)]; }
  bool moving(size_t i) const { return t_.agents[i].path >= 0; }
  AgentRole role(size_t i) const { return t_.agents[i].role; }
  const Vec3& size(size_t i) const { return t_.agents[i].box.size; }

  void place(size_t i) {
    State& s = st_[i];
    const RoadPath& p = path(i).path;
    s.pos = p.point(s.s);
    s.yaw = p.heading(s.s);
  }

  // ---- [SECTION] Loop ----

  void spawn(double t) {
    for (size_t i = 0; i < t_.agents.size(); ++i) {
      State& s = st_[i];
      const Agent& a = t_.agents[i];
      if (s.alive || s.done || a.spawn_time > t + 1e-9) continue;
      if (!moving(i)) {
        s.alive = true;
        continue;
      }
      // Room to appear: nobody of the same kind within a margin (more for a
      // late arrival, which enters moving).
      const bool ped = role(i) == AgentRole::Pedestrian;
      const double margin = ped ? (a.spawn_time > 0 ? 1.0 : 0.15) : (a.spawn_time > 0 ? 4.0 : 0.4);
      s.s = a.s0;
      place(i);
      bool clear = true;
      for (size_t j = 0; j < st_.size() && clear; ++j) {
        if (j == i || !st_[j].alive) continue;
        const bool other_ped = role(j) == AgentRole::Pedestrian || role(j) == AgentRole::Standing;
        if (other_ped != ped) continue;
        clear = !boxes_overlap(s.pos, s.yaw, size(i), st_[j].pos, st_[j].yaw, size(j), margin);
      }
      if (!clear) {
        // A planned starting position that is taken: drop the agent (it
        // never appears); a late arrival waits for room.
        if (a.spawn_time <= 0) s.done = true;
        continue;
      }
      s.alive = true;
      s.v = a.v_init;
    }
  }

  void record(int f) {
    for (size_t i = 0; i < t_.agents.size(); ++i) {
      const State& s = st_[i];
      AgentFrame& out = t_.frames[i][static_cast<size_t>(f)];
      out.alive = s.alive;
      if (!s.alive) continue;
      out.position = s.pos;
      out.yaw = s.yaw;
      out.speed = s.v;
      switch (role(i)) {
        case AgentRole::Parked:
          out.activity = Activity::Parked;
          break;
        case AgentRole::Standing:
          out.activity = Activity::Standing;
          break;
        case AgentRole::Pedestrian:
          out.activity = s.v > 0.2 ? Activity::Walking : Activity::Standing;
          break;
        default:
          if (s.v < 0.3)
            out.activity = Activity::Stopped;
          else if (std::abs(path(i).path.curvature(s.s)) > 0.04)
            out.activity = Activity::Turning;
          else
            out.activity = Activity::Moving;
      }
    }
  }

  void step() {
    const size_t n = t_.agents.size();
    gather_zebra_peds();
    grid_.build(st_);
    std::vector<std::vector<Obstacle>> obstacles(n);
    for (size_t i = 0; i < n; ++i)
      if (st_[i].alive && moving(i)) corridor(i, obstacles[i]);
    resolve_mutual(obstacles);
    std::vector<double> accel(n, 0.0);
    for (size_t i = 0; i < n; ++i) {
      if (!st_[i].alive || !moving(i)) continue;
      if (role(i) == AgentRole::Pedestrian)
        crossing_rules(i, obstacles[i]);
      else
        road_rules(i, obstacles[i]);
      accel[i] = acceleration(i, obstacles[i]);
    }
    // Move everyone in index order. The rules above keep people apart; this
    // guard makes it a guarantee: nobody moves into where another agent is
    // (already moved this step, or not yet), it stops instead.
    std::vector<size_t> near;
    for (size_t i = 0; i < n; ++i) {
      State& s = st_[i];
      if (!s.alive || !moving(i)) continue;
      const double v1 = std::max(0.0, s.v + accel[i] * kStep);
      const double s_new = s.s + 0.5 * (s.v + v1) * kStep;
      if (s_new >= path(i).path.length() - 0.05) {
        s.alive = false;
        s.done = true;
        continue;
      }
      const RoadPath& rp = path(i).path;
      const Vec2 pos = rp.point(s_new);
      const double yaw = rp.heading(s_new);
      bool blocked = false;
      grid_.query(pos, 25.0, near);  // positions move < 2 m per step; agents are < 13 m long
      for (size_t j : near) {
        if (j == i || !st_[j].alive) continue;
        if (glm::length(st_[j].pos - pos) >
            0.5 * (glm::length(Vec2(size(i))) + glm::length(Vec2(size(j)))))
          continue;
        if (boxes_overlap(pos, yaw, size(i), st_[j].pos, st_[j].yaw, size(j), -0.01)) {
          blocked = true;
          break;
        }
      }
      if (blocked) {
        s.v = 0;
        continue;
      }
      s.s = s_new;
      s.v = v1;
      s.pos = pos;
      s.yaw = yaw;
    }
  }

  // ---- [SECTION] Car following ----

  double acceleration(size_t i, const std::vector<Obstacle>& obs) const {
    const Idm& p = idm_for(role(i));
    const State& s = st_[i];
    double v0 = t_.agents[i].v_desired;
    if (role(i) != AgentRole::Pedestrian) {
      // Slow down ahead of curves: lateral acceleration at most ~2 m/s^2,
      // reached by comfortable braking.
      const RoadPath& rp = path(i).path;
      const double a_lat = role(i) == AgentRole::Cyclist ? 1.5 : 2.0;
      for (double d = 0; d <= 40; d += 2) {
        const double k = std::abs(rp.curvature(s.s + d));
        if (k < 1e-4) continue;
        v0 = std::min(v0, std::sqrt(a_lat / k + 2 * 1.5 * d));
      }
    }
    const double free = v0 > 0.01 ? 1.0 - std::pow(s.v / v0, 4) : -1.0;
    double inter = 0;
    for (const Obstacle& o : obs) {
      const double s_star =
          p.s0 + std::max(0.0, s.v * p.T + s.v * (s.v - o.v_lead) / (2 * std::sqrt(p.a * p.b)));
      inter = std::max(inter, (s_star / std::max(o.gap, 0.05)) * (s_star / std::max(o.gap, 0.05)));
    }
    return std::clamp(p.a * (free - inter), -p.b_max, p.a);
  }

  // ---- [SECTION] Corridor ----

  void corridor(size_t i, std::vector<Obstacle>& out) const {
    const Idm& p = idm_for(role(i));
    const State& s = st_[i];
    const bool ped = role(i) == AgentRole::Pedestrian;
    std::vector<size_t> near;
    grid_.query(s.pos, p.lookahead + 20.0, near);  // 20 m: longer than any agent
    for (size_t j : near) {
      if (j == i || !st_[j].alive) continue;
      const bool other_ped = role(j) == AgentRole::Pedestrian || role(j) == AgentRole::Standing;
      if (ped != other_ped) continue;  // pedestrians rely on the zebra rules, not on dodging cars
      if (corridor_hit(i, j, st_[j].pos, st_[j].yaw, out)) continue;
      // Also where it will be in a moment along its own path: someone about
      // to cross (or merge into) our way is waited for before, not bumped into.
      if (moving(j) && st_[j].v > 0.2) {
        const RoadPath& pj = path(j).path;
        for (double tau : {0.5, 1.0, 1.5}) {
          const double sj = st_[j].s + st_[j].v * tau;
          if (corridor_hit(i, j, pj.point(sj), pj.heading(sj), out)) break;
        }
      }
    }
  }

  // Is agent j, at position `at`, in agent i's corridor ahead? Adds the
  // obstacle when it is.
  bool corridor_hit(size_t i, size_t j, const Vec2& at, double yaw,
                    std::vector<Obstacle>& out) const {
    const Idm& p = idm_for(role(i));
    const State& s = st_[i];
    const RoadPath& rp = path(i).path;
    const Vec2 rel = at - s.pos;
    const double reach = p.lookahead + size(j).x;
    if (glm::dot(rel, rel) > reach * reach) return false;
    // Cheap reject before projecting onto the path: well to the side of
    // where the path is at that distance (a chord is never longer than its
    // arc, and not much shorter on these paths).
    const double chord = std::sqrt(glm::dot(rel, rel));
    const Vec2 q = rp.point(s.s + chord);
    const Vec2 tq = rp.tangent(s.s + chord);
    const double side = std::abs(tq.x * (at.y - q.y) - tq.y * (at.x - q.x));
    const Vec2 dj{std::cos(yaw), std::sin(yaw)};
    const double sin_q = tq.x * dj.y - tq.y * dj.x, cos_q = glm::dot(tq, dj);
    const double lat_q = std::abs(size(j).x / 2 * sin_q) + std::abs(size(j).y / 2 * cos_q);
    if (side - lat_q > size(i).y / 2 + p.margin + 0.75) return false;
    if (glm::length(at - q) > 6.0 + size(j).x) return false;
    // Where j's footprint corners are relative to the path: in the corridor
    // when a corner is within its half-width or the footprint straddles it.
    const double diag = 0.5 * std::hypot(size(j).x, size(j).y);
    const double s_lo = std::max(s.s, s.s + chord - diag - 2.0),
                 s_hi = s.s + chord * 1.25 + diag + 3.0;
    const Vec2 fj = dj, lj{-fj.y, fj.x};
    const double hl = size(j).x / 2, hw = size(j).y / 2;
    const double half = size(i).y / 2 + p.margin;
    double s_min = INFINITY, s_max = -INFINITY, d_min = INFINITY, d_max = -INFINITY,
           away = INFINITY;
    for (const Vec2& corner : {at + fj * hl + lj * hw, at + fj * hl - lj * hw,
                               at - fj * hl - lj * hw, at - fj * hl + lj * hw}) {
      const auto pr = rp.project(corner, s_lo, s_hi);
      if (!pr.valid) return false;
      s_min = std::min(s_min, pr.s);
      s_max = std::max(s_max, pr.s);
      d_min = std::min(d_min, pr.d);
      d_max = std::max(d_max, pr.d);
      away = std::min(away, std::abs(pr.d));
    }
    if (d_min < 0 && d_max > 0) away = 0;  // straddles the path
    if (away > half) return false;
    if (s_max <= s.s + 1e-6) return false;  // not ahead
    const double gap = s_min - s.s - size(i).x / 2;
    const double dpsi = yaw - rp.heading(std::clamp(0.5 * (s_min + s_max), s_lo, s_hi));
    out.push_back({gap, std::max(0.0, st_[j].v * std::cos(dpsi)), static_cast<int>(j), away});
    return true;
  }

  // Two agents that each see the other ahead are crossing paths. The one
  // already standing in the other's way goes on (so it clears the way), the
  // other waits; with neither in the way yet, the one nearer the crossing
  // goes first. Exactly one of them waits: no deadlock.
  void resolve_mutual(std::vector<std::vector<Obstacle>>& obs) const {
    std::vector<std::pair<size_t, int>> drop;
    for (size_t i = 0; i < obs.size(); ++i)
      for (const Obstacle& o : obs[i]) {
        if (o.other < 0) continue;
        const auto j = static_cast<size_t>(o.other);
        for (const Obstacle& back : obs[j])
          if (back.other == static_cast<int>(i)) {
            // back.away: how far i is from j's path; o.away: j from i's path.
            bool i_goes;
            if (std::abs(back.away - o.away) > 0.05)
              i_goes = back.away < o.away;
            else
              i_goes = o.gap < back.gap || (o.gap == back.gap && i < j);
            if (i_goes) drop.push_back({i, o.other});
          }
      }
    for (const auto& [i, other] : drop) {
      auto& v = obs[i];
      v.erase(
          std::remove_if(v.begin(), v.end(), [&](const Obstacle& o) { return o.other == other; }),
          v.end());
    }
  }

  // ---- [SECTION] Zebras ----

  double zebra_stop_point(size_t i, const PathStop& st) const {
    const Crosswalk& c = l_.crosswalks[static_cast<size_t>(st.crosswalk)];
    return st.s - c.width / 2 - 1.0 - size(i).x / 2;
  }

  struct ZebraPed {
    double u;       // position along the zebra, metres from its end a
    int direction;  // walking a -> b (+1) or back
    bool waiting;   // at the curb, not yet decided to go
  };

  // Pedestrians on or next to each zebra, gathered once per step.
  void gather_zebra_peds() {
    zebra_peds_.assign(l_.crosswalks.size(), {});
    committed_.assign(l_.crosswalks.size(), -1);
    for (size_t p = 0; p < st_.size(); ++p) {
      if (!st_[p].alive || role(p) != AgentRole::Pedestrian) continue;
      const auto& stops = path(p).stops;
      for (size_t k = 0; k < stops.size(); ++k) {
        const PathStop& ps = stops[k];
        if (ps.kind != PathStop::Crossing) continue;
        const double s = st_[p].s;
        if (s < ps.s - 1.5 || s > ps.s_end + 0.5) continue;
        const Crosswalk& c = l_.crosswalks[static_cast<size_t>(ps.crosswalk)];
        const bool waiting = s < ps.s && !st_[p].released[k];
        const double u = waiting ? (ps.direction > 0 ? 0.0 : c.length())
                                 : glm::dot(st_[p].pos - c.a, c.direction());
        zebra_peds_[static_cast<size_t>(ps.crosswalk)].push_back({u, ps.direction, waiting});
      }
    }
  }

  // Does a pedestrian on (or about to step onto) zebra `cw` stand in the way
  // of a road user crossing it at `u`?
  // A road user that has waited long (kZebraPatience) no longer waits for
  // people still on the curb: they let it through (see compute_committed).
  bool zebra_blocked(int cw, double u, bool impatient) const {
    constexpr double kClear = 2.5;  // half a lane plus room
    for (const ZebraPed& z : zebra_peds_[static_cast<size_t>(cw)]) {
      // Waiting at the curb: only in the way if that curb is next to this lane.
      if (z.waiting) {
        if (impatient) continue;
        if (std::abs(z.u - u) <= kClear + 4.0) return true;
        continue;
      }
      const bool cleared = z.direction > 0 ? z.u > u + kClear : z.u < u - kClear;
      const double to_lane = z.direction > 0 ? (u - kClear) - z.u : z.u - (u + kClear);
      if (!cleared && to_lane <= 4.0) return true;
    }
    return false;
  }

  // Would a road user fail to stop comfortably before zebra `cw`, or is it on it?
  bool zebra_committed(int cw) {
    int8_t& cached = committed_[static_cast<size_t>(cw)];
    if (cached < 0) cached = compute_committed(cw) ? 1 : 0;
    return cached == 1;
  }
  bool compute_committed(int cw) const {
    const Crosswalk& c = l_.crosswalks[static_cast<size_t>(cw)];
    for (size_t a = 0; a < st_.size(); ++a) {
      if (!st_[a].alive || !is_road_user(role(a))) continue;
      for (const PathStop& ps : path(a).stops) {
        if (ps.kind != PathStop::Zebra || ps.crosswalk != cw) continue;
        const double dist = zebra_stop_point(a, ps) - st_[a].s;
        if (dist < -(size(a).x + c.width + 2.0)) continue;  // already past
        if (dist < -0.8) return true;                       // on the zebra
        if (st_[a].zebra_wait > kZebraPatience && dist < 1.0)
          return true;  // waited long, goes next
        const double v = st_[a].v;
        if (v > 0.5 && dist < v * v / (2 * kComfortBrake) + 0.5) return true;
      }
    }
    return false;
  }

  void crossing_rules(size_t i, std::vector<Obstacle>& out) {
    State& s = st_[i];
    const auto& stops = path(i).stops;
    for (size_t k = 0; k < stops.size(); ++k) {
      const PathStop& ps = stops[k];
      if (ps.kind != PathStop::Crossing || s.released[k]) continue;
      const double dist = ps.s - 0.35 - s.s;
      if (dist > 6.0 || dist < -1.0) continue;
      if (dist < 1.5 && !zebra_committed(ps.crosswalk)) {
        s.released[k] = 1;  // a pedestrian's decision does not change other pedestrians' rules
        continue;
      }
      out.push_back({dist + kPedIdm.s0, 0.0, -1});
      break;
    }
  }

  // ---- [SECTION] Stop lines ----

  void road_rules(size_t i, std::vector<Obstacle>& out) {
    State& s = st_[i];
    const Idm& p = idm_for(role(i));
    const auto& stops = path(i).stops;
    for (size_t k = 0; k < stops.size(); ++k) {
      const PathStop& ps = stops[k];
      if (ps.kind == PathStop::Zebra) {
        const double dist = zebra_stop_point(i, ps) - s.s;
        if (dist > p.lookahead || dist < -0.5) {
          s.yielding[k] = 0;
          continue;
        }
        if (!zebra_blocked(ps.crosswalk, ps.u, s.zebra_wait > kZebraPatience)) {
          s.yielding[k] = 0;
          s.zebra_wait = 0;
          continue;
        }
        if (s.yielding[k] || s.v < 1.0 || dist >= s.v * s.v / (2 * kHardBrake) - 0.5) {
          s.yielding[k] = 1;
          out.push_back({std::max(dist, 0.0) + p.s0, 0.0, -1});
          if (s.v < 0.3 && dist < 1.0) s.zebra_wait += kStep;
        }
      } else if (ps.kind == PathStop::StopLine && !s.released[k]) {
        const double dist = ps.s - 0.3 - size(i).x / 2 - s.s;
        if (dist < -1.5) {
          s.released[k] = 1;
          continue;
        }
        if (dist > p.lookahead) continue;
        out.push_back({std::max(dist, 0.0) + p.s0, 0.0, -1});
        if (std::abs(dist) < 2.0 && s.v < 0.3) {
          s.wait += kStep;
          if (s.wait >= 1.0 && junction_clear(i, ps)) s.released[k] = 1;
        } else {
          s.wait = 0;
        }
      }
    }
  }

  // Gap acceptance at a stop line: nobody in the area the agent will drive
  // through in the next ~24 m, nobody within 15 m of it, and nobody arriving
  // within 6 s. Drivers grow less choosy: 4 s after waiting 15 s; after 25 s,
  // 3 s, and a standing queue 4 m away no longer counts.
  bool junction_clear(size_t i, const PathStop& line) const {
    const double patience = st_[i].wait > 25.0 ? 3.0 : st_[i].wait > 15.0 ? 4.0 : 6.0;
    const RoadPath& rp = path(i).path;
    std::vector<Vec2> zone;
    for (double d = 0; d <= 24; d += 1.0)
      zone.push_back(rp.point(line.s + d));
    const Vec2 mid = zone[zone.size() / 2];
    for (size_t a = 0; a < st_.size(); ++a) {
      if (a == i || !st_[a].alive || !moving(a) || !is_road_user(role(a))) continue;
      if (glm::length(st_[a].pos - mid) > 120) continue;
      // Others waiting at their own stop line give way too.
      bool waiting = false;
      const auto& stops = path(a).stops;
      for (size_t k = 0; k < stops.size(); ++k)
        if (stops[k].kind == PathStop::StopLine && !st_[a].released[k] &&
            st_[a].s < stops[k].s - size(a).x / 2 + 0.5)
          waiting = true;
      if (waiting) continue;
      const double near = size(a).x / 2 + size(i).y / 2 + 1.0;
      for (const Vec2& z : zone)
        if (glm::length(st_[a].pos - z) < near) return false;
      const RoadPath& ap = path(a).path;
      const double reach = size(a).y / 2 + size(i).y / 2 + 1.0;
      for (double d = 0; d <= 100; d += 1.0) {
        const Vec2 q = ap.point(st_[a].s + d);
        bool hit = false;
        for (const Vec2& z : zone)
          hit |= glm::length(q - z) < reach;
        if (!hit) continue;
        // Too close, or moving and arriving within 6 s (a stopped queue
        // a few metres away does not block the way).
        const double gap = d - size(a).x / 2;
        const double v = st_[a].v;
        const double keep_clear =
            st_[i].wait > 25.0 ? 4.0 : 15.0;  // a standing queue, after a long wait
        if (gap < 4 || (v <= 0.5 && gap < keep_clear) ||
            (v > 0.5 && (gap < 15 || gap / v < patience)))
          return false;
        break;
      }
    }
    return true;
  }

  const StreetLayout& l_;
  Traffic& t_;
  std::vector<State> st_;
  AgentGrid grid_;
  std::vector<std::vector<ZebraPed>> zebra_peds_;  // per crosswalk, this step
  std::vector<int8_t> committed_;                  // per crosswalk: -1 not yet known this step
};

}  // namespace

void simulate_traffic(const StreetLayout& layout, Traffic& traffic, int frames) {
  Simulator(layout, traffic).run(frames);
}

}  // namespace vantage::core
