#include "core/models/object_tracker.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace vantage::core {

namespace {

bool is_person(const std::string& c) {
  return c == "Pedestrian" || c == "Cyclist" || c == "Person" || c == "Person_sitting";
}

double yaw_of(const Transform& t) {
  const Vec3 x = t.apply_direction(Vec3{1, 0, 0});
  return std::atan2(x.y, x.x);
}

struct Observation {
  size_t frame_index = 0;
  Detection3D det;
  Vec2 world{0.0};
  double world_yaw = 0;
};

struct LiveTrack {
  Vec2 pos{0.0}, vel{0.0};
  bool has_velocity = false;
  bool person = false;
  int misses = 0;
  double last_time = 0;
  std::vector<Observation> obs;
};

}  // namespace

std::vector<TrackedObject> track_objects(const std::vector<TrackerFrame>& frames,
                                         const TrackerOptions& o) {
  std::vector<LiveTrack> live, done;
  for (size_t fi = 0; fi < frames.size(); ++fi) {
    const TrackerFrame& f = frames[fi];
    const Transform pose = f.ego_pose ? *f.ego_pose : Transform::identity();
    const double pose_yaw = yaw_of(pose);
    std::vector<Observation> obs;
    for (const Detection3D& d : f.detections) {
      Observation ob;
      ob.frame_index = fi;
      ob.det = d;
      const Vec3 w = pose.apply(d.cuboid.center);
      ob.world = {w.x, w.y};
      ob.world_yaw = wrap_angle(d.cuboid.yaw + pose_yaw);
      obs.push_back(std::move(ob));
    }
    // Predict, then pair closest first.
    std::vector<Vec2> pred(live.size());
    for (size_t t = 0; t < live.size(); ++t) {
      const double dt = f.time_s - live[t].last_time;
      pred[t] = live[t].pos + (live[t].has_velocity ? live[t].vel * dt : Vec2(0.0));
    }
    std::vector<std::tuple<double, size_t, size_t>> pairs;
    for (size_t t = 0; t < live.size(); ++t)
      for (size_t k = 0; k < obs.size(); ++k) {
        const bool person = is_person(obs[k].det.class_name);
        if (person != live[t].person) continue;
        const double d = glm::length(obs[k].world - pred[t]);
        if (d <= (person ? o.gate_person : o.gate_vehicle)) pairs.emplace_back(d, t, k);
      }
    std::sort(pairs.begin(), pairs.end());
    std::vector<char> track_used(live.size(), 0), obs_used(obs.size(), 0);
    for (const auto& [d, t, k] : pairs) {
      if (track_used[t] || obs_used[k]) continue;
      track_used[t] = obs_used[k] = 1;
      LiveTrack& tr = live[t];
      const double dt = std::max(1e-3, f.time_s - tr.last_time);
      const Vec2 innov = obs[k].world - pred[t];
      if (!tr.has_velocity) {
        tr.vel = (obs[k].world - tr.pos) / dt;
        tr.pos = obs[k].world;
        tr.has_velocity = true;
      } else {
        tr.pos = pred[t] + o.alpha * innov;
        tr.vel += o.beta * innov / dt;
      }
      tr.last_time = f.time_s;
      tr.misses = 0;
      tr.obs.push_back(std::move(obs[k]));
    }
    std::vector<LiveTrack> next;
    for (size_t t = 0; t < live.size(); ++t) {
      if (!track_used[t] && ++live[t].misses > o.max_misses)
        done.push_back(std::move(live[t]));
      else
        next.push_back(std::move(live[t]));
    }
    live = std::move(next);
    for (size_t k = 0; k < obs.size(); ++k) {
      if (obs_used[k]) continue;
      LiveTrack tr;
      tr.pos = obs[k].world;
      tr.person = is_person(obs[k].det.class_name);
      tr.last_time = f.time_s;
      tr.obs.push_back(std::move(obs[k]));
      live.push_back(std::move(tr));
    }
  }
  for (auto& t : live)
    done.push_back(std::move(t));

  std::vector<TrackedObject> out;
  const bool penalise = int(frames.size()) >= o.confirm_hits;
  for (LiveTrack& t : done) {
    TrackedObject obj;
    // Class: score-weighted vote.
    std::map<std::string, double> votes;
    double score_sum = 0;
    for (const Observation& ob : t.obs) {
      votes[ob.det.class_name] += ob.det.score;
      score_sum += ob.det.score;
    }
    obj.class_name = std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) {
                       return a.second < b.second;
                     })->first;
    const int hits = int(t.obs.size());
    double conf = score_sum / hits;
    if (penalise && hits < o.confirm_hits) conf *= 0.5 + 0.5 * double(hits - 1) / o.confirm_hits;
    obj.score = conf;

    // Heading: along the motion when the track moves, else consistent with
    // its best-scored observation.
    const Observation& a = t.obs.front();
    const Observation& b = t.obs.back();
    const double span = frames[b.frame_index].time_s - frames[a.frame_index].time_s;
    const Vec2 travel = b.world - a.world;
    // People walk at 1-1.5 m/s: a lower bar than vehicles'.
    const double min_speed = t.person ? 0.5 : 1.5, min_travel = t.person ? 0.5 : 1.0;
    const bool moving =
        span > 0 && glm::length(travel) / span > min_speed && glm::length(travel) > min_travel;
    std::optional<double> heading;
    if (moving)
      heading = std::atan2(travel.y, travel.x);
    else {
      const Observation& best =
          *std::max_element(t.obs.begin(), t.obs.end(), [](const auto& x, const auto& y) {
            return x.det.score < y.det.score;
          });
      heading = best.world_yaw;
      // Parallel to the ego (in its vehicle frame, within 30 degrees mod pi):
      // the side of the road decides.
      const double rel = wrap_angle(best.det.cuboid.yaw);
      const double off = std::min(std::abs(rel), kPi - std::abs(rel));
      if (off < kPi / 6 && std::abs(best.det.cuboid.center.y) > 1.0) {
        const bool right = best.det.cuboid.center.y < 0;
        const bool same_way = right == o.right_hand_traffic;
        const bool facing_ego_way = std::abs(rel) < kPi / 2;
        if (same_way != facing_ego_way) heading = wrap_angle(best.world_yaw + kPi);
      }
    }
    for (Observation& ob : t.obs) {
      if (t.person && moving) {
        // A person's outline says little about their heading: the motion does.
        const TrackerFrame& fr = frames[ob.frame_index];
        const double pose_yaw = fr.ego_pose ? yaw_of(*fr.ego_pose) : 0.0;
        ob.det.cuboid.yaw = wrap_angle(*heading - pose_yaw);
        ob.world_yaw = *heading;
        continue;
      }
      if (std::abs(wrap_angle(ob.world_yaw - *heading)) > kPi / 2) {
        ob.det.cuboid.yaw = wrap_angle(ob.det.cuboid.yaw + kPi);
        ob.world_yaw = wrap_angle(ob.world_yaw + kPi);
      }
    }
    for (size_t i = 0; i < t.obs.size(); ++i) {
      Observation& ob = t.obs[i];
      ob.det.class_name = obj.class_name;
      TrackedShape s;
      s.frame = frames[ob.frame_index].frame;
      s.detection = ob.det;
      s.detection.score = std::sqrt(std::max(0.0, ob.det.score * conf));
      obj.shapes.push_back(s);
      // Gap to the next observation: interpolate in the world frame.
      if (i + 1 == t.obs.size()) break;
      const Observation& nx = t.obs[i + 1];
      const size_t gap = nx.frame_index - ob.frame_index;
      if (gap < 2 || int(gap) - 1 > o.fill_gaps) continue;
      for (size_t g = ob.frame_index + 1; g < nx.frame_index; ++g) {
        const double u = double(g - ob.frame_index) / double(gap);
        const TrackerFrame& gf = frames[g];
        const Transform pose = gf.ego_pose ? *gf.ego_pose : Transform::identity();
        const Transform inv = pose.inverse();
        const Vec3 wa = (frames[ob.frame_index].ego_pose ? *frames[ob.frame_index].ego_pose
                                                         : Transform::identity())
                            .apply(ob.det.cuboid.center);
        const Vec3 wb = (frames[nx.frame_index].ego_pose ? *frames[nx.frame_index].ego_pose
                                                         : Transform::identity())
                            .apply(nx.det.cuboid.center);
        TrackedShape fill;
        fill.frame = gf.frame;
        fill.interpolated = true;
        fill.detection = ob.det;
        fill.detection.cuboid.center = inv.apply(wa + (wb - wa) * u);
        const double yaw_w = ob.world_yaw + wrap_angle(nx.world_yaw - ob.world_yaw) * u;
        fill.detection.cuboid.yaw = wrap_angle(yaw_w - yaw_of(pose));
        fill.detection.cuboid.size = ob.det.cuboid.size + (nx.det.cuboid.size - ob.det.cuboid.size) * u;
        fill.detection.score = 0.8 * std::min(s.detection.score, std::sqrt(nx.det.score * conf));
        fill.detection.points = 0;
        fill.detection.features.clear();
        obj.shapes.push_back(fill);
      }
    }
    out.push_back(std::move(obj));
  }
  // Stable order: by first frame, then position of the first shape.
  std::stable_sort(out.begin(), out.end(), [](const TrackedObject& x, const TrackedObject& y) {
    return x.shapes.front().frame < y.shapes.front().frame;
  });
  return out;
}

}  // namespace vantage::core
