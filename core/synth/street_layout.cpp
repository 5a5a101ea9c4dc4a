// [SECTION] index
//   Centreline   curvature profile: straight through junctions, S-curves between
//   Junctions    placement and crosswalks
//   Ground       sidewalks, asphalt, lanes, markings, zebras (paint order matters)
//   Scenery      buildings, street lights, trees
//   Parking      spots along both parking strips
#include "core/synth/street_layout.h"

#include <algorithm>
#include <cmath>

namespace vantage::core {

namespace {

using D = StreetDims;

struct Interval {
  double a, b;
};

// [s0, s1] minus the excluded intervals.
std::vector<Interval> subtract(double s0, double s1, const std::vector<Interval>& excluded) {
  std::vector<Interval> out{{s0, s1}};
  for (const Interval& e : excluded) {
    std::vector<Interval> next;
    for (const Interval& i : out) {
      if (e.b <= i.a || e.a >= i.b) {
        next.push_back(i);
        continue;
      }
      if (e.a > i.a) next.push_back({i.a, e.a});
      if (e.b < i.b) next.push_back({e.b, i.b});
    }
    out = std::move(next);
  }
  return out;
}

bool overlaps(double a, double b, const std::vector<Interval>& excluded) {
  for (const Interval& e : excluded)
    if (a < e.b && b > e.a) return true;
  return false;
}

// ---- [SECTION] Centreline ----

RoadPath build_centreline(double length, const std::vector<Interval>& straights, DemoRng& rng) {
  // Curvature per 0.5 m station: zero on the straights, S-curves or single
  // bends in the gaps, keeping the overall heading within about +-35 degrees.
  constexpr double kStep = 0.5;
  const auto n = static_cast<size_t>(std::ceil(length / kStep)) + 1;
  std::vector<double> kappa(n, 0.0);
  const std::vector<Interval> gaps = subtract(0, length, straights);
  double heading = 0;
  for (const Interval& g : gaps) {
    const double len = g.b - g.a;
    if (len < 30) continue;
    double turn = rng.uniform(0.12, 0.32) * (rng.chance(0.5) ? 1 : -1);
    if (std::abs(heading + turn) > 0.6) turn = -turn;
    const bool s_curve = rng.chance(0.55);
    for (size_t i = 0; i < n; ++i) {
      const double s = i * kStep;
      if (s < g.a || s >= g.b) continue;
      if (s_curve)
        kappa[i] = (s < g.a + len / 2 ? turn : -turn) / (len / 2);
      else
        kappa[i] = turn / len;
    }
    if (!s_curve) heading += turn;
  }
  std::vector<Vec2> pts;
  pts.reserve(n);
  Vec2 p{0.0};
  double h = 0;
  pts.push_back(p);
  for (size_t i = 1; i < n; ++i) {
    const double hm = h + kappa[i - 1] * kStep * 0.5;
    p += Vec2{std::cos(hm), std::sin(hm)} * kStep;
    h += kappa[i - 1] * kStep;
    pts.push_back(p);
  }
  return RoadPath(std::move(pts));
}

// ---- [SECTION] Ground ----

class GroundPainter {
 public:
  GroundPainter(StreetLayout& layout) : l_(layout) {}

  // Band between offsets d1 < d2 along the main road over [s0, s1], painted
  // in chunks that overlap a little: where a chunk's anti-aliased end meets
  // the next chunk, both paint the same material, so no seam shows.
  void band(double d1, double d2, double s0, double s1, GroundMaterial m) {
    constexpr double kChunk = 12.0, kOverlap = 0.5;
    for (double a = s0; a < s1; a += kChunk) {
      const double b = std::min(s1, a + kChunk + kOverlap);
      std::vector<Vec2> poly;
      const int n = std::max(1, static_cast<int>(std::ceil((b - a) / 1.0)));
      for (int i = 0; i <= n; ++i)
        poly.push_back(l_.at(a + (b - a) * i / n, d1));
      for (int i = n; i >= 0; --i)
        poly.push_back(l_.at(a + (b - a) * i / n, d2));
      l_.ground.fill(poly, m);
    }
  }
  void band(double d1, double d2, const std::vector<Interval>& spans, GroundMaterial m) {
    for (const Interval& i : spans)
      band(d1, d2, i.a, i.b, m);
  }
  // Dashes along the main road: `dash` metres painted every `period`.
  void dashes(double d1, double d2, const std::vector<Interval>& spans, double dash,
              double period) {
    for (const Interval& i : spans)
      for (double s = std::ceil(i.a / period) * period; s < i.b; s += period)
        band(d1, d2, s, std::min(s + dash, i.b), GroundMaterial::Marking);
  }
  // Rectangle in a junction's frame.
  void rect(const Junction& j, double x0, double x1, double y0, double y1, GroundMaterial m) {
    l_.ground.fill({j.to_world(x0, y0), j.to_world(x1, y0), j.to_world(x1, y1), j.to_world(x0, y1)},
                   m);
  }

 private:
  StreetLayout& l_;
};

void paint_ground(StreetLayout& l) {
  const double len = l.centre.length();
  GroundPainter g(l);
  // Exclusions along the main road, per side: junction mouths.
  std::vector<Interval> mouth[2], curb_gap[2], zebra, junction_box;
  for (const Junction& j : l.junctions) {
    for (int side = 0; side < 2; ++side)
      if (j.has_arm(side == 0 ? -1 : 1)) {
        mouth[side].push_back({j.s - D::kSideSidewalk, j.s + D::kSideSidewalk});
        curb_gap[side].push_back({j.s - D::kSideCarriageway, j.s + D::kSideCarriageway});
      }
    const double cw = j.s - D::kCrosswalkOffset;
    zebra.push_back({cw - D::kCrosswalkWidth / 2, cw + D::kCrosswalkWidth / 2});
    junction_box.push_back({j.s - D::kSideSidewalk, j.s + D::kSideSidewalk});
  }
  auto join = [](std::vector<Interval> a, const std::vector<Interval>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };

  // 1. Sidewalks (asphalt is painted over them where streets cross).
  g.band(-D::kSidewalkOuter, D::kSidewalkOuter, 0, len, GroundMaterial::Sidewalk);
  for (const Junction& j : l.junctions)
    for (int sg : {-1, 1})
      if (j.has_arm(sg))
        g.rect(j, -D::kSideSidewalk, D::kSideSidewalk, sg * D::kCurb, sg * D::kSideLength,
               GroundMaterial::Sidewalk);
  // 2. Carriageways.
  g.band(-D::kCurb, D::kCurb, 0, len, GroundMaterial::Asphalt);
  for (const Junction& j : l.junctions)
    for (int sg : {-1, 1})
      if (j.has_arm(sg))
        g.rect(j, -D::kSideCarriageway, D::kSideCarriageway, 0, sg * D::kSideLength,
               GroundMaterial::Asphalt);
  // 3. Parking strips and bike lanes, interrupted at mouths and zebras.
  for (int side = 0; side < 2; ++side) {
    const double sg = side == 0 ? -1 : 1;
    const auto spans = subtract(0, len, join(mouth[side], zebra));
    const double a = sg * D::kBikeLaneOuter, b = sg * D::kCurb;
    g.band(std::min(a, b), std::max(a, b), spans, GroundMaterial::ParkingStrip);
    const double c = sg * D::kLaneWidth, e = sg * D::kBikeLaneOuter;
    g.band(std::min(c, e), std::max(c, e), spans, GroundMaterial::BikeLane);
    // 4. Curbs.
    const double k0 = sg * D::kCurb, k1 = sg * (D::kCurb + 0.18);
    g.band(std::min(k0, k1), std::max(k0, k1), subtract(0, len, curb_gap[side]),
           GroundMaterial::Curb);
    // 5. Edge line between lane and bike lane.
    const double m0 = sg * (D::kLaneWidth - 0.07), m1 = sg * (D::kLaneWidth + 0.07);
    g.band(std::min(m0, m1), std::max(m0, m1), spans, GroundMaterial::Marking);
  }
  for (const Junction& j : l.junctions)
    for (int sg : {-1, 1})
      if (j.has_arm(sg))
        for (double x : {-D::kSideCarriageway - 0.18, D::kSideCarriageway})
          g.rect(j, x, x + 0.18, sg * D::kCurb, sg * D::kSideLength, GroundMaterial::Curb);
  // Centre line: dashed, solid on the approaches to a junction.
  std::vector<Interval> solid;
  for (const Junction& j : l.junctions) {
    solid.push_back({j.s - 35, j.s - D::kSideSidewalk});
    solid.push_back({j.s + D::kSideSidewalk, j.s + 22});
  }
  const auto centre_spans = subtract(0, len, join(join(junction_box, zebra), solid));
  g.dashes(-0.06, 0.06, centre_spans, 3.0, 9.0);
  for (const Interval& s : solid)
    g.band(-0.06, 0.06, subtract(s.a, s.b, zebra), GroundMaterial::Marking);
  // Side streets: centre dashes, stop lines, zebras across the mouth.
  for (const Junction& j : l.junctions)
    for (int sg : {-1, 1}) {
      if (!j.has_arm(sg)) continue;
      for (double y = 14; y < D::kSideLength; y += 9.0)
        g.rect(j, -0.06, 0.06, sg * y, sg * (y + 3.0), GroundMaterial::Marking);
      const double inbound_edge = -sg * D::kSideCarriageway;
      g.rect(j, std::min(0.0, inbound_edge), std::max(0.0, inbound_edge),
             sg * (D::kSideStopLine - 0.2), sg * (D::kSideStopLine + 0.2), GroundMaterial::Marking);
      for (int k = 0; k < 7; ++k) {
        const double x = (k - 3) * 1.0;
        g.rect(j, x - 0.25, x + 0.25, sg * 7.7, sg * 10.7, GroundMaterial::Crosswalk);
      }
    }
  // 6. Main-road zebras: asphalt under the gaps, then the stripes.
  for (const Interval& z : zebra) {
    g.band(-D::kCurb, D::kCurb, z.a, z.b, GroundMaterial::Asphalt);
    for (int k = 0; k < 14; ++k) {
      const double d = (k - 6.5) * 1.0;
      g.band(d - 0.25, d + 0.25, z.a, z.b, GroundMaterial::Crosswalk);
    }
  }
}

// ---- [SECTION] Scenery ----

void add_buildings(StreetLayout& l, DemoRng& rng) {
  const double len = l.centre.length();
  for (int sg : {-1, 1}) {
    std::vector<Interval> blocked;
    for (const Junction& j : l.junctions)
      if (j.has_arm(sg))
        blocked.push_back({j.s - D::kSideSidewalk - 2.0, j.s + D::kSideSidewalk + 2.0});
    double s = rng.uniform(0, 5);
    while (s < len) {
      if (rng.chance(0.18)) s += rng.uniform(5, 12);  // an alley or a yard
      const double w = rng.uniform(10, 26);
      bool moved = false;
      for (const Interval& b : blocked)
        if (s < b.b && s + w > b.a) {
          s = b.b + rng.uniform(0, 1.5);
          moved = true;
        }
      if (moved) continue;
      const double kappa = l.centre.max_curvature(s, s + w);
      const double setback = D::kBuildingLine + rng.uniform(0, 2.0) + kappa * w * w / 8 * 1.3;
      const double depth = rng.uniform(10, 18);
      const int floors = rng.integer(2, 7);
      const double h = floors * 3.2 + rng.uniform(0.4, 1.4);
      SceneBox b;
      const double sm = s + w / 2;
      const Vec2 c = l.at(sm, sg * (setback + depth / 2));
      b.center = {c.x, c.y, h / 2};
      b.size = {w, depth, h};
      b.yaw = l.centre.heading(sm);
      b.surface = Surface::Building;
      b.style = static_cast<uint32_t>(rng.next());
      l.scenery.push_back(b);
      s += w + rng.uniform(0, 1.0);
    }
  }
  // Along the side streets, beyond the corner buildings of the main road.
  for (const Junction& j : l.junctions)
    for (int sg : {-1, 1}) {
      if (!j.has_arm(sg)) continue;
      const double arm_heading = std::atan2(j.left.y * sg, j.left.x * sg);
      for (int tau : {-1, 1}) {
        double y = 36 + rng.uniform(0, 4);
        while (y < D::kSideLength - 8) {
          const double w = rng.uniform(10, 22);
          const double setback = 7.5 + rng.uniform(0, 2.0);
          const double depth = rng.uniform(10, 16);
          const double h = rng.integer(2, 6) * 3.2 + rng.uniform(0.4, 1.4);
          const Vec2 c = j.to_world(tau * (setback + depth / 2), sg * (y + w / 2));
          SceneBox b;
          b.center = {c.x, c.y, h / 2};
          b.size = {w, depth, h};
          b.yaw = arm_heading;
          b.surface = Surface::Building;
          b.style = static_cast<uint32_t>(rng.next());
          l.scenery.push_back(b);
          y += w + rng.uniform(0, 6);
        }
      }
    }
}

void add_street_light(StreetLayout& l, const Vec2& foot, const Vec2& towards_road, double heading,
                      uint32_t style) {
  constexpr double kHeight = 7.5;
  SceneBox pole;
  pole.center = {foot.x, foot.y, kHeight / 2};
  pole.size = {0.2, 0.2, kHeight};
  pole.yaw = heading;
  pole.surface = Surface::Pole;
  pole.style = style;
  l.scenery.push_back(pole);
  SceneBox arm;
  const Vec2 a = foot + towards_road * 1.0;
  arm.center = {a.x, a.y, kHeight - 0.15};
  arm.size = {1.8, 0.14, 0.14};
  arm.yaw = std::atan2(towards_road.y, towards_road.x);
  arm.surface = Surface::LampArm;
  arm.style = style & ~1u;
  l.scenery.push_back(arm);
  SceneBox lamp;
  const Vec2 h = foot + towards_road * 1.85;
  lamp.center = {h.x, h.y, kHeight - 0.3};
  lamp.size = {0.7, 0.32, 0.14};
  lamp.yaw = arm.yaw;
  lamp.surface = Surface::LampArm;
  lamp.style = style | 1u;  // odd style: the lamp head, lit underneath
  l.scenery.push_back(lamp);
}

void add_furniture(StreetLayout& l, DemoRng& rng) {
  const double len = l.centre.length();
  for (int sg : {-1, 1}) {
    std::vector<Interval> blocked;
    for (const Junction& j : l.junctions) {
      if (j.has_arm(sg))
        blocked.push_back({j.s - D::kSideSidewalk - 1.5, j.s + D::kSideSidewalk + 1.5});
      const double cw = j.s - D::kCrosswalkOffset;
      blocked.push_back({cw - 4.0, cw + 4.0});
    }
    std::vector<double> poles;
    for (double s = rng.uniform(2, 30); s < len; s += 30) {
      if (overlaps(s - 0.5, s + 0.5, blocked)) continue;
      const Vec2 t = l.centre.tangent(s);
      const Vec2 left{-t.y, t.x};
      add_street_light(l, l.at(s, sg * D::kPoleLine), left * (-sg * 1.0), l.centre.heading(s),
                       static_cast<uint32_t>(rng.next()));
      poles.push_back(s);
    }
    for (double s = rng.uniform(5, 20); s < len; s += rng.uniform(14, 24)) {
      if (overlaps(s - 2.0, s + 2.0, blocked)) continue;
      bool near_pole = false;
      for (double p : poles)
        near_pole |= std::abs(p - s) < 3.0;
      if (near_pole) continue;
      const Vec2 c = l.at(s, sg * D::kTreeLine);
      const double yaw = l.centre.heading(s) + rng.uniform(-0.4, 0.4);
      const uint32_t style = static_cast<uint32_t>(rng.next());
      SceneBox trunk;
      const double trunk_h = rng.uniform(2.7, 3.1);
      trunk.center = {c.x, c.y, trunk_h / 2};
      trunk.size = {0.3, 0.3, trunk_h};
      trunk.yaw = yaw;
      trunk.surface = Surface::TreeTrunk;
      trunk.style = style;
      l.scenery.push_back(trunk);
      SceneBox canopy;
      const double ch = rng.uniform(2.4, 3.4);
      canopy.center = {c.x, c.y, trunk_h - 0.2 + ch / 2};
      canopy.size = {rng.uniform(2.4, 2.8), rng.uniform(2.4, 2.8), ch};
      canopy.yaw = yaw;
      canopy.surface = Surface::TreeCanopy;
      canopy.style = style;
      l.scenery.push_back(canopy);
    }
  }
  // Street lights along the side streets.
  for (const Junction& j : l.junctions)
    for (int sg : {-1, 1}) {
      if (!j.has_arm(sg)) continue;
      for (int tau : {-1, 1})
        for (double y = 16 + (tau > 0 ? 0 : 15); y < D::kSideLength - 5; y += 30) {
          const Vec2 foot = j.to_world(tau * (D::kSideCarriageway + 0.35), sg * y);
          add_street_light(l, foot, j.along * (-tau * 1.0), std::atan2(j.left.y, j.left.x),
                           static_cast<uint32_t>(rng.next()));
        }
    }
}

// ---- [SECTION] Parking ----

void add_parking(StreetLayout& l, DemoRng& rng) {
  const double len = l.centre.length();
  std::vector<Interval> blocked;
  for (const Junction& j : l.junctions)
    blocked.push_back({j.s - 24, j.s + 12});
  for (int sg : {-1, 1})
    // Spots 6.4 m long: room for the longest van (5.6 m) with some slack.
    for (double s = rng.uniform(0, 3); s + 6.4 < len; s += 6.4) {
      if (overlaps(s, s + 6.4, blocked)) continue;
      ParkingSpot p;
      p.s = s + 3.2 + rng.uniform(-0.2, 0.2);
      p.side = sg;
      p.position = l.at(p.s, sg * (D::kParkingCentre + rng.uniform(-0.08, 0.08)));
      p.yaw = wrap_angle(l.centre.heading(p.s) + (sg > 0 ? kPi : 0.0) + rng.uniform(-0.02, 0.02));
      l.parking.push_back(p);
    }
}

}  // namespace

StreetLayout build_street_layout(const StreetOptions& options, DemoRng rng) {
  StreetLayout l;
  DemoRng road_rng = rng.fork(1), junction_rng = rng.fork(2), building_rng = rng.fork(3),
          furniture_rng = rng.fork(4), parking_rng = rng.fork(5);
  const double length = options.margin * 2 + options.ego_travel;
  l.ego_start_s = options.margin;

  // Junctions: the first one just ahead of the ego so even a short demo has
  // a zebra, turning traffic and a side street; then every 150-230 m.
  std::vector<double> stations;
  const double first = l.ego_start_s + junction_rng.uniform(50, 58);
  for (double s = first; s > 120; s -= junction_rng.uniform(150, 230))
    stations.insert(stations.begin(), s);
  for (double s = first + junction_rng.uniform(150, 230); s < length - 130;
       s += junction_rng.uniform(150, 230))
    stations.push_back(s);

  std::vector<Interval> straights{{l.ego_start_s - 30, l.ego_start_s + 10}};
  for (double s : stations)
    straights.push_back({s - 60, s + 60});
  l.centre = build_centreline(length, straights, road_rng);

  for (size_t i = 0; i < stations.size(); ++i) {
    Junction j;
    j.s = stations[i];
    j.origin = l.centre.point(j.s);
    j.along = l.centre.tangent(j.s);
    j.left = {-j.along.y, j.along.x};
    // The first junction is a full crossing; later ones may be T junctions.
    if (i > 0 && std::abs(stations[i] - first) > 1 && junction_rng.chance(0.4)) {
      if (junction_rng.chance(0.5))
        j.arm_left = false;
      else
        j.arm_right = false;
    }
    j.main_crosswalk = static_cast<int>(l.crosswalks.size());
    l.junctions.push_back(j);
    // Zebra across the main road before the junction, and along the main
    // sidewalks across each side-street mouth.
    const double cw = j.s - D::kCrosswalkOffset;
    l.crosswalks.push_back({l.at(cw, -D::kCurb), l.at(cw, D::kCurb), D::kCrosswalkWidth});
    for (int sg : {-1, 1})
      if (j.has_arm(sg))
        l.crosswalks.push_back({j.to_world(-D::kSideCarriageway, sg * 9.2),
                                j.to_world(D::kSideCarriageway, sg * 9.2), D::kCrosswalkWidth});
  }

  // Ground raster over everything painted, plus a margin.
  Vec2 lo{INFINITY}, hi{-INFINITY};
  for (const Vec2& p : l.centre.points()) {
    lo = glm::min(lo, p);
    hi = glm::max(hi, p);
  }
  for (const Junction& j : l.junctions)
    for (int sg : {-1, 1})
      if (j.has_arm(sg)) {
        const Vec2 e = j.to_world(0, sg * D::kSideLength);
        lo = glm::min(lo, e);
        hi = glm::max(hi, e);
      }
  l.ground = GroundMap(lo - Vec2(40.0), hi + Vec2(40.0));
  paint_ground(l);
  add_buildings(l, building_rng);
  add_furniture(l, furniture_rng);
  add_parking(l, parking_rng);
  return l;
}

}  // namespace vantage::core
