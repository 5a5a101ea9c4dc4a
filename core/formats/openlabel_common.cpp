#include "core/formats/openlabel_common.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <set>

namespace vantage::core::openlabel {

bool is_reserved_attribute(const std::string& name) {
  static const std::set<std::string> kReserved = {
      "keyframe",   "source",      "occluded",   "truncated", "score",  "annotator",
      "created_ms", "modified_ms", "visibility", "hole",      "outside",
      "model",      "model_class", "checked"};
  return kReserved.count(name) > 0 || name.rfind(kUserPrefix, 0) == 0;
}

Mat3 euler_zyx(double rx, double ry, double rz) {
  const double cx = std::cos(rx), sx = std::sin(rx);
  const double cy = std::cos(ry), sy = std::sin(ry);
  const double cz = std::cos(rz), sz = std::sin(rz);
  Mat3 m;  // glm: m[col][row]
  m[0] = Vec3{cz * cy, sz * cy, -sy};
  m[1] = Vec3{cz * sy * sx - sz * cx, sz * sy * sx + cz * cx, cy * sx};
  m[2] = Vec3{cz * sy * cx + sz * sx, sz * sy * cx - cz * sx, cy * cx};
  return m;
}

Vec3 euler_zyx_angles(const Mat3& r) {
  // r[col][row]: r20 = r[0][2], r00 = r[0][0], r10 = r[0][1], r21 = r[1][2], r22 = r[2][2].
  const double ry = std::atan2(-r[0][2], std::sqrt(r[0][0] * r[0][0] + r[0][1] * r[0][1]));
  const double rz = std::atan2(r[0][1], r[0][0]);
  const double rx = std::atan2(r[1][2], r[2][2]);
  return {rx, ry, rz};
}

std::optional<Transform> CoordinateSystems::find(const std::string& dst, const std::string& src,
                                                 int frame) const {
  if (dst == src) return Transform::identity();
  struct Step {
    std::string to;
    Transform t;  // from -> to
  };
  std::map<std::string, std::vector<Step>> adj;
  for (const auto& [name, n] : nodes)
    if (n.pose && !n.parent.empty()) {
      adj[name].push_back({n.parent, *n.pose});
      adj[n.parent].push_back({name, n.pose->inverse()});
    }
  if (auto it = per_frame_.find(frame); it != per_frame_.end())
    for (const Edge& e : it->second) {
      // A per-frame transform replaces a static pose between the same pair.
      for (auto* list : {&adj[e.src], &adj[e.dst]})
        list->erase(std::remove_if(list->begin(), list->end(),
                                   [&](const Step& s) { return s.to == e.src || s.to == e.dst; }),
                    list->end());
    }
  if (auto it = per_frame_.find(frame); it != per_frame_.end())
    for (const Edge& e : it->second) {
      adj[e.src].push_back({e.dst, e.t});
      adj[e.dst].push_back({e.src, e.t.inverse()});
    }
  std::map<std::string, Transform> reached{{src, Transform::identity()}};
  std::deque<std::string> queue{src};
  while (!queue.empty()) {
    const std::string at = queue.front();
    queue.pop_front();
    const Transform t_at = reached.at(at);
    for (const Step& s : adj[at]) {
      if (reached.count(s.to)) continue;
      reached[s.to] = s.t * t_at;
      if (s.to == dst) return reached[s.to];
      queue.push_back(s.to);
    }
  }
  return std::nullopt;
}

std::string CoordinateSystems::vehicle() const {
  if (nodes.count(kVehicleCs)) return kVehicleCs;
  for (const auto& [name, n] : nodes)
    if (n.type == "local_cs") return name;
  for (const auto& [name, n] : nodes)
    if (n.parent.empty()) return name;
  return {};
}

std::string CoordinateSystems::scene() const {
  for (const auto& [name, n] : nodes)
    if (n.type == "scene_cs") return name;
  return {};
}

namespace {

Mat3 axis_rotation(char axis, double a) {
  const double c = std::cos(a), s = std::sin(a);
  Mat3 m(1.0);
  switch (axis) {
    case 'X':
    case 'x':
      m[1][1] = c, m[2][1] = -s, m[1][2] = s, m[2][2] = c;
      break;
    case 'Y':
    case 'y':
      m[0][0] = c, m[2][0] = s, m[0][2] = -s, m[2][2] = c;
      break;
    default:
      m[0][0] = c, m[1][0] = -s, m[0][1] = s, m[1][1] = c;
      break;
  }
  return m;
}

Vec3 read_vec3(const FastJson& r) {
  r.expect_array(3, 3);
  return {r.at(0).number(), r.at(1).number(), r.at(2).number()};
}

}  // namespace

Transform read_transform_data(const FastJson& r) {
  if (auto m = r.find("matrix4x4")) {
    m->expect_array(16, 16);
    double v[16];
    for (int i = 0; i < 16; ++i)
      v[i] = m->at(i).number();
    return Transform::from_row_major_4x4(v);
  }
  if (auto q = r.find("quaternion")) {
    q->expect_array(4, 4);
    const Quat quat(q->at(3).number(), q->at(0).number(), q->at(1).number(),
                    q->at(2).number());  // w, x, y, z
    return Transform::from_quaternion(glm::normalize(quat), read_vec3(r.at("translation")));
  }
  if (auto e = r.find("euler_angles")) {
    e->expect_array(3, 3);
    const std::string seq = r.string_or("sequence", "ZYX");
    if (seq.size() != 3) r.fail_member("sequence", "expected three axes such as \"ZYX\"");
    const Mat3 rot = axis_rotation(seq[0], e->at(0).number()) *
                     axis_rotation(seq[1], e->at(1).number()) *
                     axis_rotation(seq[2], e->at(2).number());
    return Transform::from_rotation_translation(rot, read_vec3(r.at("translation")));
  }
  r.fail("expected matrix4x4, quaternion + translation, or euler_angles + translation");
}

}  // namespace vantage::core::openlabel
