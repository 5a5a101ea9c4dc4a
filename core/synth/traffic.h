#pragma once
// Agents of the demo street and how they move. Every moving agent follows a
// path (lane, bike lane, turn, sidewalk line, zebra crossing) with a
// car-following model (IDM) and a few right-of-way rules: stop for
// pedestrians on zebras, stop at stop lines and wait for a gap, slow down
// for curves. The ego vehicle is agent 0 and drives by the same rules.
//
// plan_traffic() places the agents (traffic_population.cpp);
// simulate_traffic() moves them and records one state per frame
// (traffic_sim.cpp).

#include <cstdint>
#include <string>
#include <vector>

#include "core/synth/demo_random.h"
#include "core/synth/road_path.h"
#include "core/synth/scene_box.h"
#include "core/synth/street_layout.h"

namespace vantage::core {

enum class AgentRole : uint8_t { Ego, Vehicle, Cyclist, Pedestrian, Parked, Standing };

inline bool is_static_role(AgentRole r) {
  return r == AgentRole::Parked || r == AgentRole::Standing;
}
inline bool is_road_user(AgentRole r) {
  return r == AgentRole::Ego || r == AgentRole::Vehicle || r == AgentRole::Cyclist;
}

// A place along a path where the agent may have to stop.
struct PathStop {
  enum Kind : uint8_t {
    Zebra,     // road user: stop before a zebra while pedestrians use it
    StopLine,  // road user: stop, then go when the junction is clear
    Crossing,  // pedestrian: wait at the curb for a gap, then cross
  };
  Kind kind = Zebra;
  double s =
      0;  // Zebra: where the path crosses its middle; StopLine: the line; Crossing: near curb
  double s_end = 0;    // Crossing: station of the far curb
  int crosswalk = -1;  // index into StreetLayout::crosswalks
  double u = 0;        // Zebra: where the path crosses the zebra, metres from its end a
  int direction = 1;   // Crossing: +1 walking from a to b, -1 from b to a
};

struct AgentPath {
  RoadPath path;
  std::vector<PathStop> stops;  // sorted by station
};

struct Agent {
  ObjectId id = -1;  // ground-truth object id; -1 for the ego
  AgentRole role = AgentRole::Vehicle;
  std::string class_name;
  SceneBox box;  // size, surface and style; the pose is per frame
  int path = -1;
  double s0 = 0;          // start station
  double v_init = 0;      // m/s at spawn
  double v_desired = 0;   // m/s cruising
  double spawn_time = 0;  // s; 0 = present from the first frame
  Vec2 position{0.0};     // static agents
  double yaw = 0;
};

enum class Activity : uint8_t { Moving, Stopped, Turning, Parked, Walking, Standing };
const char* to_string(Activity a);

struct AgentFrame {
  bool alive = false;
  Vec2 position{0.0};
  double yaw = 0;
  double speed = 0;
  Activity activity = Activity::Moving;
};

struct Traffic {
  std::vector<AgentPath> paths;
  std::vector<Agent> agents;                    // agents[0] is the ego
  std::vector<std::vector<AgentFrame>> frames;  // [agent][frame], filled by simulate_traffic
  double frame_period = 0.1;                    // s
};

// Cruising speed the ego aims for (also used to time the scripted events).
constexpr double kEgoSpeed = 11.0;

Traffic plan_traffic(const StreetLayout& layout, int frames, DemoRng rng);
void simulate_traffic(const StreetLayout& layout, Traffic& traffic, int frames);

// Stops along a path for an agent of this role (zebras it crosses, stop
// lines, kerbs where a pedestrian crosses a road).
std::vector<PathStop> find_path_stops(const StreetLayout& layout, const RoadPath& path,
                                      bool pedestrian);

}  // namespace vantage::core
