#include "core/tracking/propagation.h"

#include <utility>

namespace vantage::core {

std::vector<int> propagation_frames(const Document& doc, const TrackRef& ref, int from, int n) {
  std::vector<int> out;
  const Object* o = doc.annotations.find(ref.object);
  if (!o) return out;
  const Track* t = o->track(ref.sensor, ref.kind);
  const int end = doc.sequence.frame_count();
  for (int f = from + 1; f <= from + n; ++f) {
    if (end > 0 && f >= end) break;
    if (o->is_outside(f)) break;
    if (t) {
      const Shape* s = t->at(f);
      if (s && s->keyframe) break;
    }
    out.push_back(f);
  }
  return out;
}

std::vector<FrameShape> propose_copies(const Document& doc, const Interpolator& interp,
                                       const TrackRef& ref, int from, int n) {
  std::vector<FrameShape> out;
  const Object* o = doc.annotations.find(ref.object);
  if (!o) return out;
  auto start = interp.evaluate(*o, ref.sensor, ref.kind, from);
  if (!start) return out;
  start->keyframe = false;
  start->source = ShapeSource::Manual;
  start->score = -1.0;
  for (int f : propagation_frames(doc, ref, from, n)) {
    Shape s = *start;
    if (auto* c = s.as<Cuboid>()) *c = interp.transfer(*c, from, f);
    out.push_back({f, std::move(s)});
  }
  return out;
}

std::vector<FrameShape> propose_cuboid_refits(const Document& doc, const Interpolator& interp,
                                              ObjectId id, int from, int n,
                                              const CuboidFitter& fit) {
  std::vector<FrameShape> out;
  const Object* o = doc.annotations.find(id);
  if (!o || !fit) return out;
  const TrackRef ref{id, kSceneSensor, ShapeKind::Cuboid};
  auto start = interp.evaluate(*o, ref.sensor, ref.kind, from);
  if (!start) return out;
  // The last two poses (frame, cuboid in that frame's vehicle frame).
  int prev_frame = from;
  Cuboid prev = std::get<Cuboid>(start->geometry);
  std::optional<std::pair<int, Cuboid>> older;
  for (int f : propagation_frames(doc, ref, from, n)) {
    Cuboid initial = interp.transfer(prev, prev_frame, f);
    if (older) {
      // Constant velocity: repeat the last frame-to-frame motion, both poses
      // seen from frame f.
      const Cuboid a = interp.transfer(older->second, older->first, f);
      const double steps = static_cast<double>(f - prev_frame) / (prev_frame - older->first);
      initial.center += (initial.center - a.center) * steps;
      initial.yaw = wrap_angle(initial.yaw + wrap_angle(initial.yaw - a.yaw) * steps);
    }
    auto fitted = fit(f, initial);
    if (!fitted) break;
    Shape s = *start;
    s.geometry = *fitted;
    s.keyframe = false;
    s.source = ShapeSource::Tracker;
    s.score = -1.0;
    out.push_back({f, std::move(s)});
    older = std::make_pair(prev_frame, prev);
    prev = *fitted;
    prev_frame = f;
  }
  return out;
}

}  // namespace vantage::core
