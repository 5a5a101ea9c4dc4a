#pragma once
// The static street the demo happens in: a main road (one lane each way, bike
// lanes, parking strips, sidewalks) that curves gently, crossed by side streets
// at junctions with zebra crossings, lined with buildings, street lights and
// trees. Procedural from a seed; long enough for the ego vehicle's whole drive
// plus the labelled range around it.
//
// Main-road cross-section, by lateral offset d from the centreline (left of
// the driving direction +s positive; traffic keeps right):
//   |d| 0 .. 3.5 lane, 3.5 .. 5.0 bike lane, 5.0 .. 7.2 parking strip,
//   7.2 curb, 7.2 .. 11.2 sidewalk, buildings from 12 m.

#include <vector>

#include "core/synth/demo_random.h"
#include "core/synth/ground_map.h"
#include "core/synth/road_path.h"
#include "core/synth/scene_box.h"

namespace vantage::core {

struct StreetDims {
  static constexpr double kLaneWidth = 3.5;
  static constexpr double kLaneCentre = 1.75;
  static constexpr double kBikeLaneOuter = 5.0;
  static constexpr double kBikeLaneCentre = 4.25;
  static constexpr double kCurb = 7.2;
  static constexpr double kParkingCentre = 6.1;
  static constexpr double kSidewalkOuter = 11.2;
  static constexpr double kBuildingLine = 12.0;
  // Pedestrian walking lines and street furniture on the sidewalk.
  static constexpr double kWalkInner = 8.3;
  static constexpr double kWalkOuter = 9.6;
  static constexpr double kPoleLine = 7.55;
  static constexpr double kTreeLine = 10.6;
  // Side streets: one lane each way, sidewalks, no parking.
  static constexpr double kSideLaneCentre = 1.625;
  static constexpr double kSideCarriageway = 3.25;
  static constexpr double kSideSidewalk = 6.75;
  static constexpr double kSideLength = 150.0;
  static constexpr double kSideStopLine = 11.7;  // |y| where inbound traffic stops
  // Main-road zebra: its centre this far before the junction (ego side).
  static constexpr double kCrosswalkOffset = 10.0;
  static constexpr double kCrosswalkWidth = 3.0;
  static constexpr double kTurnRadius = 5.5;
};

// A junction with a perpendicular side street. Local frame: x along the main
// road (+s), y to its left; arms extend along -y (right) and/or +y (left).
struct Junction {
  double s = 0;
  Vec2 origin{0.0};
  Vec2 along{1.0, 0.0};
  Vec2 left{0.0, 1.0};
  bool arm_right = true;
  bool arm_left = true;
  int main_crosswalk = -1;  // index of the zebra across the main road

  Vec2 to_world(double x, double y) const { return origin + along * x + left * y; }
  bool has_arm(int side) const { return side < 0 ? arm_right : arm_left; }
};

// A zebra crossing: pedestrians walk from curb `a` to curb `b` (or back).
struct Crosswalk {
  Vec2 a{0.0}, b{0.0};
  double width = 3.0;

  double length() const { return glm::length(b - a); }
  Vec2 direction() const { return (b - a) / length(); }
};

struct ParkingSpot {
  Vec2 position{0.0};
  double yaw = 0;
  double s = 0;
  int side = -1;  // -1 right of the centreline, +1 left
};

struct StreetLayout {
  RoadPath centre;         // main-road centreline, s = 0 .. length
  double ego_start_s = 0;  // where the ego vehicle starts (right lane)
  std::vector<Junction> junctions;
  std::vector<Crosswalk> crosswalks;
  std::vector<ParkingSpot> parking;
  std::vector<SceneBox> scenery;  // buildings, poles, lamps, trees
  GroundMap ground;

  // Point at station s and lateral offset d on the main road.
  Vec2 at(double s, double d) const {
    const Vec2 t = centre.tangent(s);
    return centre.point(s) + Vec2{-t.y, t.x} * d;
  }
};

struct StreetOptions {
  double ego_travel = 120;  // metres the ego is expected to cover
  double margin = 250;      // road before the ego start and after its end
};

StreetLayout build_street_layout(const StreetOptions& options, DemoRng rng);

}  // namespace vantage::core
