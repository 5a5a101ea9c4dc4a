#include "core/tracking/interpolator.h"

#include <algorithm>

#include "core/geometry/cuboid_box.h"
#include "core/geometry/cuboid_projection.h"
#include "core/tracking/cuboid_transform.h"
#include "core/tracking/shape_blend.h"

namespace vantage::core {

namespace {

// Index of the first shape with frame >= `frame`, like Track::lower_bound,
// but starting from where the frame would be if shapes were evenly spaced
// (keyframes usually are) and galloping from there: two or three cache
// misses instead of a full binary search over a large track.
size_t locate(const std::vector<FrameShape>& s, int frame) {
  const size_t n = s.size();
  if (n == 0 || frame <= s.front().frame) return 0;
  if (frame > s.back().frame) return n;
  const double span = static_cast<double>(s.back().frame) - s.front().frame;
  size_t g = static_cast<size_t>((frame - s.front().frame) / span * static_cast<double>(n - 1));
  g = std::min(g, n - 1);
  auto less = [](const FrameShape& fs, int f) { return fs.frame < f; };
  size_t lo, hi;  // the answer is in [lo, hi]
  if (s[g].frame < frame) {
    lo = g + 1;
    size_t step = 1;
    hi = lo;
    while (hi < n && s[hi].frame < frame) {
      lo = hi + 1;
      hi = std::min(hi + step, n);
      step *= 2;
    }
  } else {
    hi = g;
    size_t step = 1;
    lo = hi;
    while (lo > 0 && s[lo - 1].frame >= frame) {
      hi = lo - 1;
      lo = lo > step ? lo - step : 0;
      step *= 2;
    }
  }
  const auto it = std::lower_bound(s.begin() + static_cast<std::ptrdiff_t>(lo),
                                   s.begin() + static_cast<std::ptrdiff_t>(hi), frame, less);
  return static_cast<size_t>(it - s.begin());
}

}  // namespace

Interpolator::Interpolator(const Sequence& sequence, InterpolationOptions options)
    : options_(options) {
  cameras_.resize(sequence.rigs.size());
  for (size_t r = 0; r < sequence.rigs.size(); ++r)
    for (const Camera& c : sequence.rigs[r].cameras)
      cameras_[r].emplace_back(c);
  frame_rig_.reserve(sequence.frames.size());
  poses_.reserve(sequence.frames.size());
  for (const Frame& f : sequence.frames) {
    frame_rig_.push_back(f.rig < sequence.rigs.size() ? f.rig : 0);
    if (f.ego_pose) {
      poses_.push_back(Pose{*f.ego_pose, f.ego_pose->inverse()});
    } else {
      poses_.emplace_back();
    }
  }
}

const CameraModel* Interpolator::camera(int frame, const std::string& name) const {
  const size_t rig = frame >= 0 && static_cast<size_t>(frame) < frame_rig_.size()
                         ? frame_rig_[static_cast<size_t>(frame)]
                         : 0;
  if (rig >= cameras_.size()) return nullptr;
  for (const CameraModel& c : cameras_[rig])
    if (c.camera().name == name) return &c;
  return nullptr;
}

const Interpolator::Pose* Interpolator::pose(int frame) const {
  if (!options_.world_frame || frame < 0 || static_cast<size_t>(frame) >= poses_.size())
    return nullptr;
  const auto& p = poses_[static_cast<size_t>(frame)];
  return p ? &*p : nullptr;
}

bool Interpolator::bridged(const Object& object, int a, int b) const {
  if (b <= a) return false;
  if (options_.max_gap > 0 && b - a > options_.max_gap) return false;
  for (const FrameRange& r : object.outside)
    if (r.first < b && r.last > a) return false;  // some outside frame strictly between
  return true;
}

Interpolator::Bracket Interpolator::bracket(const Track& track, int frame) const {
  Bracket br;
  const auto& s = track.shapes;
  const size_t i = locate(s, frame);
  size_t next = i;
  if (i < s.size() && s[i].frame == frame) {
    if (is_anchor(s[i].shape)) {
      br.exact = &s[i];
      return br;
    }
    next = i + 1;
  }
  for (size_t j = i; j-- > 0;)
    if (is_anchor(s[j].shape)) {
      br.prev = &s[j];
      break;
    }
  for (size_t k = next; k < s.size(); ++k)
    if (is_anchor(s[k].shape)) {
      br.next = &s[k];
      break;
    }
  return br;
}

Cuboid Interpolator::transfer(const Cuboid& cuboid, int from, int to) const {
  if (from == to) return cuboid;
  const Pose* pf = pose(from);
  const Pose* pt = pose(to);
  if (!pf || !pt) return cuboid;
  return transform_cuboid(pt->vehicle_from_world * pf->world_from_vehicle, cuboid);
}

Cuboid Interpolator::blend_cuboids(const Object& object, const Track& track, const FrameShape& a,
                                   const FrameShape& b, int frame) const {
  const Pose* pa = pose(a.frame);
  const Pose* pb = pose(b.frame);
  const Pose* pf = pose(frame);
  const bool world = pa && pb && pf;
  auto in_blend_frame = [&](const FrameShape& fs, const Pose* p) {
    const Cuboid& c = std::get<Cuboid>(fs.shape.geometry);
    return world ? transform_cuboid(p->world_from_vehicle, c) : c;
  };
  const Cuboid ca = in_blend_frame(a, pa);
  const Cuboid cb = in_blend_frame(b, pb);
  const double t = static_cast<double>(frame - a.frame) / (b.frame - a.frame);
  Cuboid c = blend_cuboid(ca, cb, t);

  if (options_.center == InterpolationOptions::Center::CatmullRom) {
    // Neighbouring anchors, when bridged to a and b (and posed in world mode).
    const auto& s = track.shapes;
    const size_t ia = static_cast<size_t>(&a - s.data());
    const size_t ib = static_cast<size_t>(&b - s.data());
    std::optional<Vec3> p0, p3;
    double t0 = 0, t3 = 0;
    for (size_t j = ia; j-- > 0;) {
      if (!is_anchor(s[j].shape)) continue;
      const Pose* pj = pose(s[j].frame);
      if (bridged(object, s[j].frame, a.frame) && (!world || pj)) {
        p0 = in_blend_frame(s[j], pj).center;
        t0 = s[j].frame;
      }
      break;
    }
    for (size_t k = ib + 1; k < s.size(); ++k) {
      if (!is_anchor(s[k].shape)) continue;
      const Pose* pk = pose(s[k].frame);
      if (bridged(object, b.frame, s[k].frame) && (!world || pk)) {
        p3 = in_blend_frame(s[k], pk).center;
        t3 = s[k].frame;
      }
      break;
    }
    c.center = catmull_rom(p0, t0, ca.center, a.frame, cb.center, b.frame, p3, t3, frame);
  }
  return world ? transform_cuboid(pf->vehicle_from_world, c) : c;
}

void Interpolator::frame_cuboid(const Object& object, int frame, FrameCuboid& out) const {
  out.known = true;
  const Track* track = object.track(kSceneSensor, ShapeKind::Cuboid);
  if (!track || track->empty() || frame < track->first_frame() || frame > track->last_frame())
    return;
  const Bracket br = bracket(*track, frame);
  if (br.exact) {
    out.cuboid = std::get<Cuboid>(br.exact->shape.geometry);
    out.anchors[0] = br.exact;
    return;
  }
  if (!br.prev || !br.next || !bridged(object, br.prev->frame, br.next->frame)) return;
  out.cuboid = blend_cuboids(object, *track, *br.prev, *br.next, frame);
  out.anchors[0] = br.prev;
  out.anchors[1] = br.next;
}

std::optional<Cuboid> Interpolator::cuboid_at(const Object& object, int frame) const {
  FrameCuboid fc;
  frame_cuboid(object, frame, fc);
  return fc.cuboid;
}

std::optional<Box2D> Interpolator::perspective_box(const Object& object, const Track& track,
                                                   const FrameShape& a, const FrameShape& b,
                                                   int frame, FrameCuboid& at_frame) const {
  const CameraModel* cam_f = camera(frame, track.sensor);
  const CameraModel* cam_a = camera(a.frame, track.sensor);
  const CameraModel* cam_b = camera(b.frame, track.sensor);
  if (!cam_f || !cam_a || !cam_b) return std::nullopt;
  if (!at_frame.known) frame_cuboid(object, frame, at_frame);
  const auto& cf = at_frame.cuboid;
  if (!cf) return std::nullopt;
  auto anchor_cuboid = [&](int f) -> std::optional<Cuboid> {
    for (const FrameShape* p : at_frame.anchors)
      if (p && p->frame == f) return std::get<Cuboid>(p->shape.geometry);
    return cuboid_at(object, f);
  };
  const auto ca = anchor_cuboid(a.frame);
  if (!ca) return std::nullopt;
  const auto cb = anchor_cuboid(b.frame);
  if (!cb) return std::nullopt;
  const int samples = options_.projection_edge_samples;
  const auto pa = project_cuboid_box(*cam_a, *ca, samples).box;
  const auto pb = project_cuboid_box(*cam_b, *cb, samples).box;
  const auto pf = project_cuboid_box(*cam_f, *cf, samples).box;
  if (!pa || !pb || !pf) return std::nullopt;
  const Box2D& ba = std::get<Box2D>(a.shape.geometry);
  const Box2D& bb = std::get<Box2D>(b.shape.geometry);
  const double t = static_cast<double>(frame - a.frame) / (b.frame - a.frame);
  const Box2D ra{ba.x1 - pa->x1, ba.y1 - pa->y1, ba.x2 - pa->x2, ba.y2 - pa->y2};
  const Box2D rb{bb.x1 - pb->x1, bb.y1 - pb->y1, bb.x2 - pb->x2, bb.y2 - pb->y2};
  const Box2D r = lerp_box(ra, rb, t);
  const Box2D box{pf->x1 + r.x1, pf->y1 + r.y1, pf->x2 + r.x2, pf->y2 + r.y2};
  return clip_box(box, cam_f->width(), cam_f->height());
}

Shape Interpolator::interpolate(const Object& object, const Track& track, const FrameShape& a,
                                const FrameShape& b, int frame, FrameCuboid& at_frame) const {
  const Shape& sa = a.shape;
  Shape out;
  out.keyframe = false;
  out.source = ShapeSource::Interpolated;
  out.score = -1.0;
  out.occlusion = sa.occlusion;
  out.truncation = sa.truncation;
  out.annotator = sa.annotator;
  out.created_ms = sa.created_ms;
  out.modified_ms = sa.modified_ms;
  out.attributes = sa.attributes;
  if (track.kind == ShapeKind::Cuboid) {
    const Cuboid c = blend_cuboids(object, track, a, b, frame);
    if (track.sensor == kSceneSensor) at_frame = {true, c, {&a, &b}};
    out.geometry = c;
    return out;
  }
  if (track.kind == ShapeKind::Box2D && options_.box == InterpolationOptions::Box::Perspective) {
    if (auto box = perspective_box(object, track, a, b, frame, at_frame)) {
      out.geometry = *box;
      return out;
    }
  }
  const double t = static_cast<double>(frame - a.frame) / (b.frame - a.frame);
  if (auto g = blend_image_geometry(sa.geometry, b.shape.geometry, t)) {
    out.geometry = std::move(*g);
  } else {
    out.geometry = sa.geometry;  // structure differs: hold
  }
  return out;
}

std::optional<Shape> Interpolator::evaluate(const Object& object, const Track& track,
                                            int frame) const {
  if (track.empty() || frame < track.first_frame() || frame > track.last_frame())
    return std::nullopt;
  const Bracket br = bracket(track, frame);
  if (br.exact) return br.exact->shape;
  if (!br.prev || !br.next || !bridged(object, br.prev->frame, br.next->frame)) return std::nullopt;
  FrameCuboid at_frame;
  return interpolate(object, track, *br.prev, *br.next, frame, at_frame);
}

std::optional<Shape> Interpolator::evaluate(const Object& object, const std::string& sensor,
                                            ShapeKind kind, int frame) const {
  const Track* t = object.track(sensor, kind);
  return t ? evaluate(object, *t, frame) : std::nullopt;
}

void Interpolator::evaluate_frame(const Annotations& annotations, int frame,
                                  std::vector<EvaluatedShape>& out) const {
  out.clear();
  for (const Object& o : annotations.objects) {
    FrameCuboid at_frame;
    for (const Track& t : o.tracks) {
      if (t.empty() || frame < t.first_frame() || frame > t.last_frame()) continue;
      const Bracket br = bracket(t, frame);
      if (br.exact) {
        if (t.kind == ShapeKind::Cuboid && t.sensor == kSceneSensor)
          at_frame = {true, std::get<Cuboid>(br.exact->shape.geometry), {br.exact, nullptr}};
        out.push_back({o.id, &t, br.exact->shape, true});
      } else if (br.prev && br.next && bridged(o, br.prev->frame, br.next->frame)) {
        out.push_back({o.id, &t, interpolate(o, t, *br.prev, *br.next, frame, at_frame), false});
      }
    }
  }
}

std::vector<EvaluatedShape> Interpolator::evaluate_frame(const Annotations& annotations,
                                                         int frame) const {
  std::vector<EvaluatedShape> out;
  evaluate_frame(annotations, frame, out);
  return out;
}

std::vector<FrameRange> Interpolator::spans(const Object& object, const Track& track) const {
  std::vector<FrameRange> out;
  for (const FrameShape& fs : track.shapes) {
    if (!is_anchor(fs.shape)) continue;
    if (!out.empty() && bridged(object, out.back().last, fs.frame)) {
      out.back().last = fs.frame;
    } else {
      out.push_back({fs.frame, fs.frame});
    }
  }
  return out;
}

}  // namespace vantage::core
