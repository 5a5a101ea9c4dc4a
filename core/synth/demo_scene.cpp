#include "core/synth/demo_scene.h"

#include <cmath>

#include "core/synth/demo_rig.h"

namespace vantage::core {

namespace {

StreetOptions street_options(const DemoOptions& o) {
  StreetOptions s;
  s.ego_travel = o.frames * 0.1 * kEgoSpeed + 20;
  s.margin = 250;
  return s;
}

}  // namespace

DemoScene::DemoScene(const DemoOptions& options)
    : options_(options),
      layout_(build_street_layout(street_options(options), DemoRng(options.seed).fork(100))),
      traffic_(plan_traffic(layout_, options.frames, DemoRng(options.seed).fork(200))),
      rig_(make_demo_rig(options.cameras)),
      lidar_(make_demo_lidar(options.beams)) {
  simulate_traffic(layout_, traffic_, options.frames);
}

Transform DemoScene::ego_pose(int frame) const {
  const AgentFrame& e = traffic_.frames[0][static_cast<size_t>(frame)];
  const double c = std::cos(e.yaw), s = std::sin(e.yaw);
  const Mat3 r(Vec3{c, s, 0}, Vec3{-s, c, 0}, Vec3{0, 0, 1});
  return Transform::from_rotation_translation(r, {e.position.x, e.position.y, 0.0});
}

bool DemoScene::present(size_t agent, int frame) const {
  if (agent == 0) return false;
  const AgentFrame& a = traffic_.frames[agent][static_cast<size_t>(frame)];
  if (!a.alive) return false;
  const AgentFrame& e = traffic_.frames[0][static_cast<size_t>(frame)];
  return glm::length(a.position - e.position) <= kLabelRange;
}

SceneBox DemoScene::agent_box(size_t agent, int frame) const {
  const Agent& a = traffic_.agents[agent];
  const AgentFrame& f = traffic_.frames[agent][static_cast<size_t>(frame)];
  SceneBox b = a.box;
  b.center = {f.position.x, f.position.y, a.box.size.z / 2};
  b.yaw = f.yaw;
  b.object = a.id;
  return b;
}

Cuboid DemoScene::agent_cuboid(size_t agent, int frame) const {
  const SceneBox b = agent_box(agent, frame);
  const AgentFrame& e = traffic_.frames[0][static_cast<size_t>(frame)];
  Cuboid c;
  c.center = ego_pose(frame).inverse().apply(b.center);
  c.size = b.size;
  c.yaw = wrap_angle(b.yaw - e.yaw);
  return c;
}

std::vector<SceneBox> DemoScene::frame_boxes(int frame) const {
  std::vector<SceneBox> out;
  const Vec2 ego = traffic_.frames[0][static_cast<size_t>(frame)].position;
  for (const SceneBox& b : layout_.scenery)
    if (glm::length(Vec2(b.center) - ego) - b.bounding_radius() < kSceneryRange) out.push_back(b);
  for (size_t i = 1; i < traffic_.agents.size(); ++i)
    if (present(i, frame)) out.push_back(agent_box(i, frame));
  return out;
}

}  // namespace vantage::core
