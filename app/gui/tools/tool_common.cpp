#include "app/gui/tools/tool_common.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>

#include "core/commands/annotation_commands.h"
#include "core/tracking/prelabels.h"
#include "core/geometry/cuboid_geometry.h"
#include "core/geometry/cuboid_projection.h"
#include "core/io/frame_points.h"

namespace vantage::gui::tools {

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

core::EditStamp edit_stamp(const Workspace& ws) {
  return {ws.annotator(), now_ms()};
}

core::Shape new_shape(const Workspace& ws, core::Geometry g) {
  return core::make_manual_shape(std::move(g), edit_stamp(ws));
}

std::string class_for_kind(const core::Schema& schema, const ToolSettings& settings,
                           core::ShapeKind kind) {
  if (auto it = settings.class_for.find(kind); it != settings.class_for.end()) {
    const core::ClassDef* c = schema.find_class(it->second);
    if (c && c->allows(kind)) return c->name;
  }
  for (const core::ClassDef& c : schema.classes)
    if (!c.shapes.empty() && c.allows(kind)) return c.name;
  // Schemas without shape lists: any class.
  for (const core::ClassDef& c : schema.classes)
    if (c.allows(kind)) return c.name;
  return {};
}

uint32_t class_color(const core::Schema& schema, const std::string& class_name) {
  const core::ClassDef* c = schema.find_class(class_name);
  return c ? c->color : 0x808080u;
}

ImU32 to_imu32(uint32_t rgb, int alpha) {
  return IM_COL32((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, alpha);
}

bool is_hidden(const Workspace& ws, core::ObjectId id) {
  return ws.view().hidden.count(id) > 0;
}
bool is_locked(const Workspace& ws, core::ObjectId id) {
  return ws.view().locked.count(id) > 0;
}

double distance_to_segment(const core::Vec2& p, const core::Vec2& a, const core::Vec2& b) {
  const core::Vec2 ab = b - a;
  const double len2 = glm::dot(ab, ab);
  double t = len2 > 0 ? glm::dot(p - a, ab) / len2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  return glm::length(p - (a + t * ab));
}

bool point_in_ring(const core::Vec2& p, const std::vector<core::Vec2>& ring) {
  bool in = false;
  for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const core::Vec2& a = ring[i];
    const core::Vec2& b = ring[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) in = !in;
  }
  return !ring.empty() && in;
}

namespace {

double ring_distance(const core::Vec2& p, const std::vector<core::Vec2>& ring, bool closed) {
  double d = std::numeric_limits<double>::infinity();
  if (ring.size() == 1) return glm::length(p - ring[0]);
  for (size_t i = 0; i + 1 < ring.size(); ++i)
    d = std::min(d, distance_to_segment(p, ring[i], ring[i + 1]));
  if (closed && ring.size() > 2) d = std::min(d, distance_to_segment(p, ring.back(), ring.front()));
  return d;
}

// Lower is better: outlines and points (rank 0, by distance) before
// interiors (rank 1, by area: the innermost of nested shapes).
struct Score {
  int rank = 2;
  double value = std::numeric_limits<double>::infinity();
  bool operator<(const Score& o) const { return rank != o.rank ? rank < o.rank : value < o.value; }
};

Score score_box(const core::Box2D& b, const core::Vec2& p, double tol) {
  const std::vector<core::Vec2> ring{{b.x1, b.y1}, {b.x2, b.y1}, {b.x2, b.y2}, {b.x1, b.y2}};
  const double d = ring_distance(p, ring, true);
  if (d <= tol) return {0, d};
  if (p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2) return {1, b.area()};
  return {};
}

Score score_shape(const core::Shape& s, const core::Vec2& p, double tol) {
  if (const auto* b = s.as<core::Box2D>()) return score_box(*b, p, tol);
  if (const auto* g = s.as<core::Polygon>()) {
    double d = ring_distance(p, g->points, true);
    for (const auto& h : g->holes)
      d = std::min(d, ring_distance(p, h, true));
    if (d <= tol) return {0, d};
    bool inside = point_in_ring(p, g->points);
    for (const auto& h : g->holes)
      if (point_in_ring(p, h)) inside = false;
    if (inside) {
      double area = 0;
      for (size_t i = 0, j = g->points.size() - 1; i < g->points.size(); j = i++)
        area += g->points[j].x * g->points[i].y - g->points[i].x * g->points[j].y;
      return {1, std::abs(area) * 0.5};
    }
    return {};
  }
  if (const auto* l = s.as<core::Polyline>()) {
    const double d = ring_distance(p, l->points, false);
    return d <= tol ? Score{0, d} : Score{};
  }
  if (const auto* k = s.as<core::Keypoints>()) {
    Score best;
    for (const core::Keypoint& kp : k->points) {
      if (kp.visibility == 0) continue;
      const double d = glm::length(p - kp.position);
      if (d <= tol * 1.5) best = std::min(best, Score{0, d});
    }
    return best;
  }
  return {};
}

}  // namespace

std::optional<Hit> pick_image(Workspace& ws, const ImageViewport& vp, ImVec2 screen,
                              float tolerance_px) {
  const core::Vec2 p = vp.to_image(screen);
  const double tol = tolerance_px / std::max(1e-6, vp.zoom);
  Score best;
  std::optional<Hit> hit;
  const core::CameraModel* cam = ws.interpolator().camera(ws.view().frame, vp.camera);
  for (const core::EvaluatedShape& es : ws.shapes_at_frame()) {
    if (!es.track || is_hidden(ws, es.object)) continue;
    Score s;
    bool projected = false;
    if (es.track->kind == core::ShapeKind::Cuboid) {
      if (!cam) continue;
      const core::ProjectedCuboid pc = core::project_cuboid(*cam, *es.shape.as<core::Cuboid>());
      if (!pc.box) continue;
      for (const core::ProjectedSegment& seg : pc.segments) {
        const double d = distance_to_segment(p, seg.a, seg.b);
        if (d <= tol) s = std::min(s, Score{0, d + tol});  // 2D outlines first
      }
      if (s.rank == 2) {
        s = score_box(*pc.box, p, 0.0);
        if (s.rank == 1) s.value *= 1.5;  // a box drawn in the image beats the projection
      }
      projected = true;
    } else {
      if (es.track->sensor != vp.camera) continue;
      s = score_shape(es.shape, p, tol);
    }
    if (s.rank < 2 && s < best) {
      best = s;
      hit = Hit{es.object, es.track->sensor, es.track->kind, projected};
    }
  }
  return hit;
}

std::optional<double> ray_hits_cuboid(const Ray& ray, const core::Cuboid& c) {
  // Slab test in the cuboid's own frame.
  const core::Mat3 inv = glm::transpose(core::cuboid_rotation(c));
  const core::Vec3 o = inv * (ray.origin - c.center);
  const core::Vec3 d = inv * ray.direction;
  double t0 = -std::numeric_limits<double>::infinity(),
         t1 = std::numeric_limits<double>::infinity();
  for (int i = 0; i < 3; ++i) {
    const double h = c.size[i] * 0.5;
    if (std::abs(d[i]) < 1e-12) {
      if (o[i] < -h || o[i] > h) return std::nullopt;
      continue;
    }
    double a = (-h - o[i]) / d[i], b = (h - o[i]) / d[i];
    if (a > b) std::swap(a, b);
    t0 = std::max(t0, a);
    t1 = std::min(t1, b);
    if (t0 > t1) return std::nullopt;
  }
  if (t1 < 0) return std::nullopt;
  return std::max(t0, 0.0);
}

std::optional<Hit> pick_scene(Workspace& ws, const SceneViewport& vp, ImVec2 screen) {
  const Ray ray = vp.ray(screen);
  double best = std::numeric_limits<double>::infinity();
  std::optional<Hit> hit;
  for (const core::EvaluatedShape& es : ws.shapes_at_frame()) {
    if (!es.track || es.track->kind != core::ShapeKind::Cuboid || is_hidden(ws, es.object))
      continue;
    const core::Cuboid& c = *es.shape.as<core::Cuboid>();
    // Flat-looking boxes from above are hard to hit: at least 0.5 m tall.
    core::Cuboid padded = c;
    padded.size = glm::max(c.size, core::Vec3(0.3, 0.3, 0.5));
    if (auto t = ray_hits_cuboid(ray, padded); t && *t < best) {
      best = *t;
      hit = Hit{es.object, es.track->sensor, es.track->kind, false};
    }
  }
  return hit;
}

std::optional<core::Shape> shape_now(Workspace& ws, core::ObjectId id, const std::string& sensor,
                                     core::ShapeKind kind) {
  const core::Object* o = ws.doc().annotations.find(id);
  if (!o) return std::nullopt;
  return ws.interpolator().evaluate(*o, sensor, kind, ws.view().frame);
}

core::ObjectId commit_new_shape(Workspace& ws, const std::string& sensor, core::Shape shape,
                                const std::string& class_name) {
  const core::ShapeKind kind = shape.kind();
  const core::ObjectId active = ws.view().active;
  const core::Object* a = active >= 0 ? ws.doc().annotations.find(active) : nullptr;
  const int frame = ws.view().frame;
  if (a && !a->track(sensor, kind) && !is_locked(ws, active) && !is_hidden(ws, active)) {
    ws.editor().execute(
        std::make_unique<core::SetShapeCommand>(active, sensor, kind, frame, std::move(shape)));
    ws.editor().seal();
    return active;
  }
  if (class_name.empty()) return -1;
  core::Object o;
  o.id = ws.doc().annotations.next_id();
  o.class_name = class_name;
  o.track_or_create(sensor, kind).set(frame, std::move(shape));
  const core::ObjectId id = o.id;
  ws.editor().execute(core::make_add_object(std::move(o)));
  ws.editor().seal();
  select_object(ws, id, false);
  return id;
}

void commit_edit(Workspace& ws, core::ObjectId id, const std::string& sensor, core::Geometry g,
                 uint64_t merge_key) {
  const core::ShapeKind kind = core::kind_of(g);
  const int frame = ws.view().frame;
  const core::Object* o = ws.doc().annotations.find(id);
  if (!o) return;
  core::Shape s;
  const core::Shape* stored = o->shape(frame, sensor, kind);
  std::vector<core::PrelabelDecision> decided;
  if (stored && core::is_anchor(*stored)) {
    s = *stored;
    if (core::is_prelabel(s)) {
      // Editing a pending pre-label corrects it: it is accepted (logged with
      // the model's proposal, so the correction is measured) and now manual.
      decided.push_back(core::make_decision(*o, {id, sensor, kind, frame}, *stored,
                                            core::PrelabelAction::Accepted, ws.annotator(), 0));
      s.source = core::ShapeSource::Manual;
      s.score = -1.0;
      if (s.model_class.empty()) s.model_class = o->class_name;
    }
  } else if (auto e = ws.interpolator().evaluate(*o, sensor, kind, frame)) {
    s = *e;
    s.created_ms = now_ms();
  }
  s.geometry = std::move(g);
  s.keyframe = true;
  if (s.source == core::ShapeSource::Interpolated || s.source == core::ShapeSource::Tracker)
    s.source = core::ShapeSource::Manual;
  s.annotator = ws.annotator();
  s.modified_ms = now_ms();
  if (s.created_ms == 0) s.created_ms = s.modified_ms;
  auto cmd = std::make_unique<core::SetShapeCommand>(id, sensor, kind, frame, std::move(s));
  cmd->merge_key = merge_key;
  if (!decided.empty()) {
    auto both = std::make_unique<core::CompositeCommand>(cmd->describe());
    both->add(core::make_record_decisions(ws.doc(), std::move(decided)));
    both->add(std::move(cmd));
    ws.editor().execute(std::move(both));
    return;
  }
  ws.editor().execute(std::move(cmd));
}

uint64_t next_merge_key() {
  static uint64_t key = 0x70000000;
  return ++key;
}

const FrameGround& frame_ground(Workspace& ws) {
  static FrameGround cache;
  // Keyed by what the points are read from, so a reopened or another
  // document never sees a stale cloud.
  std::string key = ws.doc().folder.string();
  if (ws.view().frame >= 0 && ws.view().frame < ws.frame_count())
    for (const auto& [sensor, file] : ws.doc().sequence.frames[ws.view().frame].files)
      key += "|" + sensor + "=" + file;
  const uint64_t folder = std::hash<std::string>()(key);
  if (cache.ws == &ws && cache.frame == ws.view().frame && cache.folder_hash == folder)
    return cache;
  cache = FrameGround{};
  cache.ws = &ws;
  cache.frame = ws.view().frame;
  cache.folder_hash = folder;
  try {
    cache.has_points = core::read_frame_points(ws.doc(), cache.frame, cache.cloud, &cache.sensor);
  } catch (const std::exception&) {
    cache.has_points = false;
  }
  if (cache.has_points && !cache.cloud.empty()) {
    core::GroundOptions go;
    go.sensor_xy = core::Vec2(cache.sensor.x, cache.sensor.y);
    cache.ground = core::estimate_ground(cache.cloud, go).model;
  } else {
    cache.has_points = false;
  }
  return cache;
}

}  // namespace vantage::gui::tools
