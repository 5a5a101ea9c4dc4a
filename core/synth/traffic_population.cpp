// [SECTION] index
//   Agent kinds    sizes and speeds per class
//   Paths          lanes, turns at junctions, zebra crossings, stops on paths
//   Population     parked cars, traffic both ways, turning and crossing
//                  vehicles, cyclists, walkers, people standing, zebra groups
#include <algorithm>
#include <cmath>

#include "core/synth/surface_paint.h"
#include "core/synth/traffic.h"

namespace vantage::core {

const char* to_string(Activity a) {
  switch (a) {
    case Activity::Moving:
      return "moving";
    case Activity::Stopped:
      return "stopped";
    case Activity::Turning:
      return "turning";
    case Activity::Parked:
      return "parked";
    case Activity::Walking:
      return "walking";
    case Activity::Standing:
      return "standing";
  }
  return "moving";
}

namespace {

using D = StreetDims;

// ---- [SECTION] Agent kinds ----

struct ClassSpec {
  const char* name;
  Surface surface;
  double l0, l1, w0, w1, h0, h1;  // size ranges (m)
  double v0, v1;                  // cruising speed range (m/s)
};

const ClassSpec kCar{"Car", Surface::Car, 3.9, 4.8, 1.72, 1.88, 1.42, 1.58, 10.5, 13.0};
const ClassSpec kVan{"Van", Surface::Van, 4.9, 5.6, 1.95, 2.05, 1.9, 2.3, 10.0, 12.5};
const ClassSpec kTruck{"Truck", Surface::Truck, 7.5, 9.5, 2.45, 2.55, 3.1, 3.6, 9.0, 11.0};
const ClassSpec kBus{"Bus", Surface::Bus, 11.5, 12.2, 2.52, 2.55, 3.1, 3.25, 8.5, 10.5};
const ClassSpec kCyclist{"Cyclist", Surface::Cyclist, 1.72, 1.8, 0.6, 0.64, 1.66, 1.8, 4.0, 6.0};
const ClassSpec kPedestrian{
    "Pedestrian", Surface::Pedestrian, 0.44, 0.56, 0.5, 0.6, 1.55, 1.92, 1.15, 1.6};

double r2(double v) {
  return std::round(v * 100.0) / 100.0;
}

Agent make_agent(const ClassSpec& c, AgentRole role, DemoRng& rng) {
  Agent a;
  a.role = role;
  a.class_name = c.name;
  a.box.surface = c.surface;
  a.box.size = {r2(rng.uniform(c.l0, c.l1)), r2(rng.uniform(c.w0, c.w1)),
                r2(rng.uniform(c.h0, c.h1))};
  a.box.style = static_cast<uint32_t>(rng.next()) & ~kStandingStyleBit;
  if (role == AgentRole::Standing) a.box.style |= kStandingStyleBit;
  a.v_desired = rng.uniform(c.v0, c.v1);
  return a;
}

const ClassSpec& pick_vehicle(DemoRng& rng, bool may_be_large = true) {
  const double r = rng.uniform();
  if (r < 0.62 || (!may_be_large && r < 0.8)) return kCar;
  if (r < 0.8 || !may_be_large) return kVan;
  return r < 0.9 ? kTruck : kBus;
}

// ---- [SECTION] Paths ----

// Intersection of the path with segment p-q: station on the path and
// distance from p along the segment.
bool intersect_path(const RoadPath& path, const Vec2& p, const Vec2& q, double& s_out,
                    double& u_out) {
  const auto& pts = path.points();
  const auto& st = path.stations();
  const Vec2 e = q - p;
  for (size_t i = 0; i + 1 < pts.size(); ++i) {
    const Vec2 a = pts[i], d = pts[i + 1] - pts[i];
    const double den = d.x * e.y - d.y * e.x;
    if (std::abs(den) < 1e-12) continue;
    const Vec2 ap = p - a;
    const double t = (ap.x * e.y - ap.y * e.x) / den;
    const double u = (ap.x * d.y - ap.y * d.x) / den;
    if (t >= 0 && t <= 1 && u >= 0 && u <= 1) {
      s_out = st[i] + t * (st[i + 1] - st[i]);
      u_out = u * glm::length(e);
      return true;
    }
  }
  return false;
}

class PathSet {
 public:
  PathSet(const StreetLayout& l, Traffic& t) : l_(l), t_(t) {}

  int add(RoadPath path, bool pedestrian) {
    AgentPath ap;
    ap.stops = find_path_stops(l_, path, pedestrian);
    ap.path = std::move(path);
    t_.paths.push_back(std::move(ap));
    return static_cast<int>(t_.paths.size()) - 1;
  }
  const RoadPath& path(int i) const { return t_.paths[static_cast<size_t>(i)].path; }

  // Main lane in the driving direction dir (+1 along s, -1 against).
  RoadPath lane(int dir, double d) const {
    const RoadPath p = l_.centre.offset(-dir * d);
    return dir > 0 ? p : p.reversed();
  }
  // A main-road lane turning right into the side arm on that side.
  RoadPath turn_into_arm(const Junction& j, int dir, const RoadPath& lane_path) const {
    const int sg = -dir;  // the arm on the right of the driving direction
    const Vec2 approach = j.to_world(-dir * 14.0, sg * D::kLaneCentre);
    const double s_app = lane_path.project(approach).s;
    std::vector<Vec2> corners = lane_path.slice(0, s_app).points();
    const size_t corner_index = corners.size();
    corners.push_back(j.to_world(sg * D::kSideLaneCentre, sg * D::kLaneCentre));
    corners.push_back(j.to_world(sg * D::kSideLaneCentre, sg * D::kSideLength));
    std::vector<double> radii(corners.size(), 0.0);
    radii[corner_index] = D::kTurnRadius;
    return RoadPath::with_fillets(corners, radii);
  }
  // From the far end of arm sg to the main road (right turn) or across it.
  RoadPath from_arm(const Junction& j, int sg, bool straight) const {
    const double x = -sg * D::kSideLaneCentre;
    const Vec2 start = j.to_world(x, sg * D::kSideLength);
    if (straight) return RoadPath({start, j.to_world(x, -sg * D::kSideLength)});
    const int dir = -sg;  // right turn joins the lane going this way
    const RoadPath main = lane(dir, D::kLaneCentre);
    const Vec2 exit = j.to_world(dir * 14.0, sg * D::kLaneCentre);
    const double s_exit = main.project(exit).s;
    std::vector<Vec2> corners{start, j.to_world(x, sg * D::kLaneCentre)};
    const RoadPath rest = main.slice(s_exit, main.length());
    corners.insert(corners.end(), rest.points().begin(), rest.points().end());
    std::vector<double> radii(corners.size(), 0.0);
    radii[1] = D::kTurnRadius;
    return RoadPath::with_fillets(corners, radii);
  }

 private:
  const StreetLayout& l_;
  Traffic& t_;
};

}  // namespace

std::vector<PathStop> find_path_stops(const StreetLayout& layout, const RoadPath& path,
                                      bool pedestrian) {
  std::vector<PathStop> stops;
  for (size_t k = 0; k < layout.crosswalks.size(); ++k) {
    const Crosswalk& c = layout.crosswalks[k];
    if (pedestrian) {
      const auto pa = path.project(c.a), pb = path.project(c.b);
      // Both curbs near the path, reached one after the other: the path
      // walks this zebra (not two sidewalks that merely pass both ends).
      if (pa.distance < c.width / 2 + 0.2 && pb.distance < c.width / 2 + 0.2 &&
          std::abs(pb.s - pa.s) > 0.8 * c.length() && std::abs(pb.s - pa.s) < c.length() + 4.0) {
        PathStop s;
        s.kind = PathStop::Crossing;
        s.crosswalk = static_cast<int>(k);
        s.s = std::min(pa.s, pb.s);
        s.s_end = std::max(pa.s, pb.s);
        s.direction = pa.s < pb.s ? 1 : -1;
        stops.push_back(s);
      }
      continue;
    }
    double s_x = 0, u = 0;
    if (intersect_path(path, c.a, c.b, s_x, u)) {
      PathStop s;
      s.kind = PathStop::Zebra;
      s.crosswalk = static_cast<int>(k);
      s.s = s_x;
      s.u = u;
      stops.push_back(s);
    }
  }
  if (!pedestrian)
    for (const Junction& j : layout.junctions)
      for (int sg : {-1, 1}) {
        if (!j.has_arm(sg)) continue;
        double s_x = 0, u = 0;
        if (intersect_path(path, j.to_world(0, sg * D::kSideStopLine),
                           j.to_world(-sg * D::kSideCarriageway, sg * D::kSideStopLine), s_x, u)) {
          PathStop s;
          s.kind = PathStop::StopLine;
          s.s = s_x;
          stops.push_back(s);
        }
      }
  std::sort(stops.begin(), stops.end(),
            [](const PathStop& a, const PathStop& b) { return a.s < b.s; });
  return stops;
}

// ---- [SECTION] Population ----

Traffic plan_traffic(const StreetLayout& l, int frames, DemoRng rng) {
  Traffic t;
  PathSet ps(l, t);
  const double duration = frames * t.frame_period;
  const double len = l.centre.length();
  DemoRng parked_rng = rng.fork(11), fwd_rng = rng.fork(12), back_rng = rng.fork(13),
          side_rng = rng.fork(14), bike_rng = rng.fork(15), walk_rng = rng.fork(16),
          stand_rng = rng.fork(17), zebra_rng = rng.fork(18);

  const int fwd = ps.add(ps.lane(1, D::kLaneCentre), false);
  const int back = ps.add(ps.lane(-1, D::kLaneCentre), false);
  const int bike_fwd = ps.add(ps.lane(1, D::kBikeLaneCentre), false);
  const int bike_back = ps.add(ps.lane(-1, D::kBikeLaneCentre), false);
  // Sidewalk lines: one direction per line so walkers never meet head-on.
  const int walk[4] = {
      ps.add(ps.lane(1, D::kWalkInner), true), ps.add(ps.lane(-1, -D::kWalkOuter), true),
      ps.add(ps.lane(-1, D::kWalkInner), true), ps.add(ps.lane(1, -D::kWalkOuter), true)};

  // The ego: right lane, a little below cruising speed.
  Agent ego;
  ego.role = AgentRole::Ego;
  ego.box.size = {4.6, 1.85, 1.5};
  ego.box.surface = Surface::Car;
  ego.path = fwd;
  ego.s0 = ps.path(fwd).project(l.at(l.ego_start_s, -D::kLaneCentre)).s;
  ego.v_init = 9.5;
  ego.v_desired = kEgoSpeed;
  t.agents.push_back(ego);
  const double ego_s = ego.s0;

  // Nobody starts on a zebra or closer to it than it could stop from
  // cruising speed: pedestrians may be on it at the first frame.
  auto clear_of_zebras = [&](int path, double s0, double half_length) {
    for (const PathStop& st : t.paths[static_cast<size_t>(path)].stops)
      if (st.kind == PathStop::Zebra && st.s - s0 > -(half_length + 8.0) &&
          st.s - s0 < half_length + 25.0)
        return false;
    return true;
  };
  auto add_mover = [&](Agent a, int path, double s0, double spawn) {
    a.path = path;
    a.s0 = s0;
    a.spawn_time = spawn;
    a.v_init = spawn > 0 ? std::min(a.v_desired, 8.0) : std::min(a.v_desired, 9.5);
    if (a.role == AgentRole::Pedestrian) a.v_init = a.v_desired;
    t.agents.push_back(a);
    return t.agents.size() - 1;
  };

  // Parked cars (about half the spots taken).
  for (const ParkingSpot& p : l.parking) {
    if (!parked_rng.chance(0.45)) continue;
    Agent a = make_agent(parked_rng.chance(0.85) ? kCar : kVan, AgentRole::Parked, parked_rng);
    a.position = p.position;
    a.yaw = p.yaw;
    t.agents.push_back(a);
  }

  // Traffic in the ego's direction: often a leader close ahead, a follower.
  // The first one is a car or van that will turn right at the first junction.
  std::vector<size_t> fwd_ahead;
  for (double s = ego_s + fwd_rng.uniform(22, 30); s < ps.path(fwd).length() - 20;
       s += fwd_rng.uniform(28, 75)) {
    Agent a = make_agent(fwd_ahead.empty() ? pick_vehicle(fwd_rng, false) : pick_vehicle(fwd_rng),
                         AgentRole::Vehicle, fwd_rng);
    if (clear_of_zebras(fwd, s, a.box.size.x / 2)) fwd_ahead.push_back(add_mover(a, fwd, s, 0));
  }
  for (double s = ego_s - fwd_rng.uniform(16, 32); s > 5; s -= fwd_rng.uniform(28, 75)) {
    Agent a = make_agent(pick_vehicle(fwd_rng), AgentRole::Vehicle, fwd_rng);
    if (clear_of_zebras(fwd, s, a.box.size.x / 2)) add_mover(a, fwd, s, 0);
  }
  for (double tt = fwd_rng.uniform(3, 9); tt < duration; tt += fwd_rng.uniform(6, 14))
    add_mover(make_agent(pick_vehicle(fwd_rng), AgentRole::Vehicle, fwd_rng), fwd, 2, tt);
  // Oncoming traffic.
  std::vector<size_t> back_all;
  for (double s = back_rng.uniform(5, 30); s < ps.path(back).length() - 10;
       s += back_rng.uniform(24, 80)) {
    Agent a = make_agent(pick_vehicle(back_rng), AgentRole::Vehicle, back_rng);
    if (clear_of_zebras(back, s, a.box.size.x / 2)) back_all.push_back(add_mover(a, back, s, 0));
  }
  for (double tt = back_rng.uniform(1, 6); tt < duration; tt += back_rng.uniform(6, 14))
    add_mover(make_agent(pick_vehicle(back_rng), AgentRole::Vehicle, back_rng), back, 2, tt);

  // Turns at junctions: the vehicle closest before a junction may turn
  // right into the side street (never trucks or buses: the corner is tight).
  for (size_t ji = 0; ji < l.junctions.size(); ++ji) {
    const Junction& j = l.junctions[ji];
    const bool first = std::abs(j.s - l.ego_start_s) < 70;
    for (int dir : {1, -1}) {
      if (!j.has_arm(-dir)) continue;
      const int lane_path = dir > 0 ? fwd : back;
      const double s_j = ps.path(lane_path).project(j.origin).s;
      const std::vector<size_t>& pool = dir > 0 ? fwd_ahead : back_all;
      size_t best = 0;
      double best_s = -1;
      for (size_t idx : pool) {
        const Agent& a = t.agents[idx];
        if (a.path == lane_path && a.s0 < s_j - 17 && a.s0 > best_s) {
          best = idx;
          best_s = a.s0;
        }
      }
      DemoRng& r = dir > 0 ? fwd_rng : back_rng;
      if (best_s < 0 || (!(first && dir > 0) && !r.chance(0.55))) continue;
      Agent& a = t.agents[best];
      if (a.box.surface == Surface::Truck || a.box.surface == Surface::Bus) continue;
      a.path = ps.add(ps.turn_into_arm(j, dir, ps.path(lane_path)), false);
    }
    // Side-street traffic waiting to turn right or to cross.
    for (int sg : {-1, 1}) {
      if (!j.has_arm(sg)) continue;
      const bool across = j.has_arm(-sg) && side_rng.chance(0.35);
      const int p = ps.add(ps.from_arm(j, sg, across), false);
      if (side_rng.chance(first && sg < 0 ? 1.0 : 0.7)) {
        const double dist = side_rng.uniform(6, 16);  // before the stop line, arriving slowly
        Agent a = make_agent(pick_vehicle(side_rng, false), AgentRole::Vehicle, side_rng);
        const size_t idx =
            add_mover(a, p, std::max(2.0, D::kSideLength - D::kSideStopLine - dist), 0);
        t.agents[idx].v_init = 4.0;
      }
      for (double tt = side_rng.uniform(5, 20); tt < duration; tt += side_rng.uniform(15, 30))
        add_mover(make_agent(pick_vehicle(side_rng, false), AgentRole::Vehicle, side_rng),
                  ps.add(ps.from_arm(j, sg, j.has_arm(-sg) && side_rng.chance(0.35)), false), 2,
                  tt);
    }
  }

  // Cyclists in the bike lanes; often one just ahead for the ego to pass.
  for (int dir : {1, -1}) {
    const int p = dir > 0 ? bike_fwd : bike_back;
    const double plen = ps.path(p).length();
    for (double s = bike_rng.uniform(10, 60); s < plen - 10; s += bike_rng.uniform(70, 140)) {
      Agent a = make_agent(kCyclist, AgentRole::Cyclist, bike_rng);
      if (clear_of_zebras(p, s, a.box.size.x / 2)) add_mover(a, p, s, 0);
    }
    for (double tt = bike_rng.uniform(3, 15); tt < duration; tt += bike_rng.uniform(15, 35))
      add_mover(make_agent(kCyclist, AgentRole::Cyclist, bike_rng), p, 1, tt);
  }
  if (bike_rng.chance(0.7)) {
    const double s =
        ps.path(bike_fwd)
            .project(l.at(l.ego_start_s + bike_rng.uniform(12, 26), -D::kBikeLaneCentre))
            .s;
    add_mover(make_agent(kCyclist, AgentRole::Cyclist, bike_rng), bike_fwd, s, 0);
  }

  // Walkers on the sidewalk lines.
  for (int w : walk) {
    const double plen = ps.path(w).length();
    for (double s = walk_rng.uniform(2, 20); s < plen - 2; s += walk_rng.uniform(15, 55))
      add_mover(make_agent(kPedestrian, AgentRole::Pedestrian, walk_rng), w, s, 0);
    for (double tt = walk_rng.uniform(2, 20); tt < duration; tt += walk_rng.uniform(20, 45))
      add_mover(make_agent(kPedestrian, AgentRole::Pedestrian, walk_rng), w, 0.5, tt);
  }

  // People standing near the facades, clear of trees, junctions and zebras.
  for (int sg : {-1, 1})
    for (double s = stand_rng.uniform(5, 30); s < len - 5; s += stand_rng.uniform(20, 50)) {
      const double d = sg * stand_rng.uniform(10.95, 11.35);
      const Vec2 pos = l.at(s, d);
      bool clear = true;
      for (const Junction& j : l.junctions)
        clear &= std::abs(s - j.s) > 9 && std::abs(s - (j.s - D::kCrosswalkOffset)) > 3;
      for (const SceneBox& b : l.scenery)
        if (b.surface == Surface::TreeTrunk && glm::length(Vec2(b.center) - pos) < 1.3)
          clear = false;
      if (!clear) continue;
      Agent a = make_agent(kPedestrian, AgentRole::Standing, stand_rng);
      a.position = pos;
      a.yaw = wrap_angle(l.centre.heading(s) +
                         (stand_rng.chance(0.5) ? -sg * kPi / 2 : stand_rng.uniform(-kPi, kPi)));
      t.agents.push_back(a);
    }

  // Groups crossing the main road on the zebras. The first group is timed to
  // be on the zebra as the ego arrives, so even a short demo has the ego stop.
  for (size_t ji = 0; ji < l.junctions.size(); ++ji) {
    const Junction& j = l.junctions[ji];
    const double s_cw = j.s - D::kCrosswalkOffset;
    const double ego_arrival =
        (s_cw - l.ego_start_s - 5) / (s_cw > l.ego_start_s + 70 ? 9.0 : kEgoSpeed);
    std::vector<std::pair<double, int>>
        groups;  // (time the first reaches the curb, side it starts on)
    // Already on the zebra when the sequence starts (the whole group), so
    // they clear the ego's lane about when it arrives: a short stop.
    if (s_cw > l.ego_start_s)
      groups.push_back({std::min(-0.6, ego_arrival - zebra_rng.uniform(3.6, 4.4)), -1});
    for (double tt = (groups.empty() ? zebra_rng.uniform(-10, 10)
                                     : groups[0].first + zebra_rng.uniform(16, 24));
         tt < duration; tt += zebra_rng.uniform(16, 30))
      groups.push_back({tt, groups.size() % 2 ? 1 : -1});
    for (const auto& [t_curb, side] : groups) {
      const int n = zebra_rng.integer(1, 3);
      // Approach and leave on the sidewalk line next to the curb, walking
      // its way (right side +s, left side -s): the group never cuts across
      // the other line's walkers.
      const bool forward_in = side < 0;
      const bool forward_out = side > 0;
      const double d_in = D::kWalkInner, d_out = D::kWalkInner;
      const double lane_shift = side < 0 ? -0.6 : 0.6;  // each side keeps to its half of the zebra
      for (int k = 0; k < n; ++k) {
        Agent a = make_agent(kPedestrian, AgentRole::Pedestrian, zebra_rng);
        a.v_desired = zebra_rng.uniform(1.25, 1.5);
        const double s_x = s_cw + lane_shift;
        // From the end of the street, so late starters appear out of range.
        const double s_start = forward_in ? 0.0 : len;
        const double s_end = forward_out ? len : 0.0;
        // Along the sidewalk (following its curve), across, along again.
        std::vector<Vec2> corners;
        std::vector<double> radii;
        const int n_in = std::max(1, static_cast<int>(std::abs(s_x - s_start) / 2.0));
        for (int q = 0; q <= n_in; ++q)
          corners.push_back(l.at(s_start + (s_x - s_start) * q / n_in, side * d_in));
        radii.assign(corners.size(), 0.0);
        radii.back() = 1.0;
        const int n_out = std::max(1, static_cast<int>(std::abs(s_end - s_x) / 2.0));
        for (int q = 0; q <= n_out; ++q) {
          corners.push_back(l.at(s_x + (s_end - s_x) * q / n_out, -side * d_out));
          radii.push_back(q == 0 ? 1.0 : 0.0);
        }
        const RoadPath p = RoadPath::with_fillets(corners, radii);
        const int pi = ps.add(p, true);
        const auto& stops = t.paths[static_cast<size_t>(pi)].stops;
        double curb = 0;
        for (const PathStop& st : stops)
          if (st.kind == PathStop::Crossing && st.crosswalk == j.main_crosswalk) curb = st.s;
        if (curb <= 0) continue;
        // Single file; a group already on the zebra has its first member last.
        const double gap = k * (1.1 / a.v_desired + 0.3);
        const double tk = t_curb < 0 ? t_curb - gap : t_curb + gap;
        double s0 = curb - 0.3 - tk * a.v_desired;
        double spawn = 0;
        if (s0 < 0.5) {
          spawn = (0.5 - s0) / a.v_desired;
          s0 = 0.5;
        }
        if (spawn >= duration) continue;
        add_mover(a, pi, std::min(s0, p.length() - 1), spawn);
      }
    }
  }

  // Object ids in creation order, from 1.
  ObjectId next = 1;
  for (Agent& a : t.agents)
    if (a.role != AgentRole::Ego) a.id = next++;
  return t;
}

}  // namespace vantage::core
