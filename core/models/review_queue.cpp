#include "core/models/review_queue.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/geometry/cuboid_projection.h"
#include "core/tracking/interpolator.h"

namespace vantage::core {

const char* to_string(QueueOrder o) {
  switch (o) {
    case QueueOrder::Uncertainty:
      return "uncertainty";
    case QueueOrder::Disagreement:
      return "disagreement";
    case QueueOrder::Novelty:
      return "novelty";
  }
  return "?";
}

std::optional<QueueOrder> queue_order_from_string(const std::string& s) {
  if (s == "uncertainty") return QueueOrder::Uncertainty;
  if (s == "disagreement") return QueueOrder::Disagreement;
  if (s == "novelty") return QueueOrder::Novelty;
  return std::nullopt;
}

namespace {

struct Labelled2D {
  ObjectId object;
  std::string cls;
  Box2D box;
};
struct Labelled3D {
  ObjectId object;
  std::string cls;
  Cuboid cuboid;
};
struct FrameShapes {
  std::map<std::string, std::vector<Labelled2D>> boxes;  // per camera
  std::vector<Labelled3D> cuboids;
};

std::optional<Box2D> box_of(const Shape& s) {
  if (const Box2D* b = s.as<Box2D>()) return *b;
  if (const Polygon* p = s.as<Polygon>()) {
    if (p->points.empty()) return std::nullopt;
    Box2D b{INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (const Vec2& v : p->points)
      b = {std::min(b.x1, v.x), std::min(b.y1, v.y), std::max(b.x2, v.x), std::max(b.y2, v.y)};
    return b;
  }
  return std::nullopt;
}

std::optional<Box2D> projected(const Interpolator& interp, int frame, const std::string& camera,
                               const Cuboid& c) {
  const CameraModel* cam = interp.camera(frame, camera);
  if (!cam) return std::nullopt;
  const ProjectedCuboid p = project_cuboid(*cam, c);
  if (!p.box || p.box->area() < 100 || p.truncation > 0.5) return std::nullopt;
  return p.box;
}

// 1 - best IoU; 1 when the best match (IoU >= 0.3) has another class.
double mismatch(const Box2D& a, const std::string& cls,
                const std::vector<std::pair<Box2D, std::string>>& others) {
  double best = 0;
  const std::string* best_cls = nullptr;
  for (const auto& [b, c] : others) {
    const double v = box_iou(a, b);
    if (v > best) best = v, best_cls = &c;
  }
  if (best >= 0.3 && best_cls && *best_cls != cls) return 1.0;
  return 1.0 - best;
}

std::vector<double> novelty_features(const Shape& s, double image_height) {
  if (const Cuboid* c = s.as<Cuboid>())
    return {std::log(std::max(0.05, c->size.x)), std::log(std::max(0.05, c->size.y)),
            std::log(std::max(0.05, c->size.z)), std::hypot(c->center.x, c->center.y) / 20.0};
  if (auto b = box_of(s))
    return {std::log(std::max(1.0, b->width())), std::log(std::max(1.0, b->height())),
            image_height > 0 ? 2.0 * (b->y1 + b->y2) / 2 / image_height : 0.0};
  return {};
}

Vec3 world_centre(const Sequence& seq, int frame, const Cuboid& c) {
  const auto& pose = seq.frames[size_t(frame)].ego_pose;
  return pose ? pose->apply(c.center) : c.center;
}

double inconsistency(const Sequence& seq, const Track& t, size_t i) {
  const FrameShape& fs = t.shapes[i];
  if (t.shapes.size() == 1) return seq.frame_count() > 1 ? 0.5 : 0.0;
  const FrameShape* prev = i > 0 && t.shapes[i - 1].frame == fs.frame - 1 ? &t.shapes[i - 1] : nullptr;
  const FrameShape* next =
      i + 1 < t.shapes.size() && t.shapes[i + 1].frame == fs.frame + 1 ? &t.shapes[i + 1] : nullptr;
  double residual = 0, size_change = 0;
  if (const Cuboid* c = fs.shape.as<Cuboid>()) {
    if (prev && next && prev->shape.as<Cuboid>() && next->shape.as<Cuboid>()) {
      const Vec3 mid = 0.5 * (world_centre(seq, prev->frame, *prev->shape.as<Cuboid>()) +
                              world_centre(seq, next->frame, *next->shape.as<Cuboid>()));
      residual = glm::length(Vec2(world_centre(seq, fs.frame, *c)) - Vec2(mid)) / 0.5;
    }
    std::vector<double> l, w;
    for (const FrameShape& o : t.shapes)
      if (const Cuboid* oc = o.shape.as<Cuboid>()) l.push_back(oc->size.x), w.push_back(oc->size.y);
    std::nth_element(l.begin(), l.begin() + long(l.size() / 2), l.end());
    std::nth_element(w.begin(), w.begin() + long(w.size() / 2), w.end());
    const double ml = std::max(0.1, l[l.size() / 2]), mw = std::max(0.1, w[w.size() / 2]);
    size_change = (std::abs(c->size.x - ml) / ml + std::abs(c->size.y - mw) / mw) / 0.2;
  } else if (auto b = box_of(fs.shape)) {
    const double diag = std::max(1.0, std::hypot(b->width(), b->height()));
    if (prev && next) {
      const auto pb = box_of(prev->shape), nb = box_of(next->shape);
      if (pb && nb) {
        const Vec2 mid{(pb->x1 + pb->x2 + nb->x1 + nb->x2) / 4, (pb->y1 + pb->y2 + nb->y1 + nb->y2) / 4};
        residual = glm::length(Vec2{(b->x1 + b->x2) / 2, (b->y1 + b->y2) / 2} - mid) / diag / 0.15;
        const double mh = (pb->height() + nb->height()) / 2;
        size_change = std::abs(b->height() - mh) / std::max(1.0, mh) / 0.2;
      }
    }
  }
  return 1.0 - std::exp(-(residual + size_change));
}

}  // namespace

ReviewQueue build_review_queue(const Document& doc, QueueOrder by) {
  ReviewQueue q;
  const Annotations& a = doc.annotations;
  const Interpolator interp(doc.sequence);
  // Pending pre-labels.
  for (const Object& o : a.objects)
    for (const Track& t : o.tracks) {
      if (t.kind != ShapeKind::Box2D && t.kind != ShapeKind::Polygon && t.kind != ShapeKind::Cuboid)
        continue;
      for (size_t i = 0; i < t.shapes.size(); ++i) {
        const FrameShape& fs = t.shapes[i];
        if (fs.shape.source != ShapeSource::Model) continue;
        QueueItem it;
        it.frame = fs.frame;
        it.object = o.id;
        it.sensor = t.sensor;
        it.kind = t.kind;
        it.class_name = o.class_name;
        it.score = fs.shape.score;
        // Margin of "object" over "no object": 2s - 1 in [-1, 1]; mapped
        // to [0, 1] that is 1 - s.
        it.uncertainty = 1.0 - std::clamp(fs.shape.score, 0.0, 1.0);
        it.inconsistency = fs.frame < doc.sequence.frame_count() ? inconsistency(doc.sequence, t, i) : 0.0;
        q.items.push_back(std::move(it));
      }
    }
  if (q.items.empty()) return q;

  // Shapes of every frame with pending items, as the interpolator gives them.
  std::map<int, FrameShapes> frames;
  for (const QueueItem& it : q.items)
    frames[it.frame];
  std::vector<EvaluatedShape> ev;
  for (auto& [f, fsh] : frames) {
    interp.evaluate_frame(a, f, ev);
    for (const EvaluatedShape& e : ev) {
      const Object* o = a.find(e.object);
      if (!o) continue;
      if (const Cuboid* c = e.shape.as<Cuboid>())
        fsh.cuboids.push_back({e.object, o->class_name, *c});
      else if (auto b = box_of(e.shape); b && e.track->kind == ShapeKind::Box2D)
        fsh.boxes[e.track->sensor].push_back({e.object, o->class_name, *b});
    }
  }

  // Which classes each side labels at all: a 2D model that only finds people
  // says nothing about a car cuboid, nor a LiDAR model without people about
  // a pedestrian box.
  std::set<std::pair<std::string, std::string>> boxed;  // (camera, class)
  std::set<std::string> cuboid_classes;
  for (const Object& o : a.objects)
    for (const Track& t : o.tracks) {
      if (t.empty()) continue;
      if (t.kind == ShapeKind::Box2D) boxed.insert({t.sensor, o.class_name});
      if (t.kind == ShapeKind::Cuboid) cuboid_classes.insert(o.class_name);
    }

  // Novelty reference: accepted shapes per (class, kind), at most 2000 each.
  std::map<std::pair<std::string, ShapeKind>, std::vector<std::vector<double>>> accepted;
  for (const Object& o : a.objects)
    for (const Track& t : o.tracks) {
      const Camera* cam = doc.sequence.default_rig().camera(t.sensor);
      const double h = cam ? cam->height : 0.0;
      const size_t step = std::max<size_t>(1, t.shapes.size() / 200);
      for (size_t i = 0; i < t.shapes.size(); i += step)
        if (t.shapes[i].shape.source != ShapeSource::Model) {
          auto& v = accepted[{o.class_name, t.kind}];
          if (v.size() < 2000) v.push_back(novelty_features(t.shapes[i].shape, h));
        }
    }

  for (QueueItem& it : q.items) {
    const Object* o = a.find(it.object);
    const Shape* s = o ? o->shape(it.frame, it.sensor, it.kind) : nullptr;
    if (!s) continue;
    const FrameShapes& fsh = frames[it.frame];
    // Disagreement between modalities.
    if (const Cuboid* c = s->as<Cuboid>()) {
      for (const auto& [camera, boxes] : fsh.boxes) {
        if (!boxed.count({camera, it.class_name})) continue;
        const auto pb = projected(interp, it.frame, camera, *c);
        if (!pb || boxes.empty()) continue;
        std::vector<std::pair<Box2D, std::string>> others;
        for (const auto& b : boxes)
          others.emplace_back(b.box, b.cls);
        it.disagreement = std::max(it.disagreement, mismatch(*pb, it.class_name, others));
      }
    } else if (auto b = box_of(*s);
               b && !fsh.cuboids.empty() && cuboid_classes.count(it.class_name)) {
      std::vector<std::pair<Box2D, std::string>> others;
      for (const auto& cub : fsh.cuboids)
        if (auto pb = projected(interp, it.frame, it.sensor, cub.cuboid))
          others.emplace_back(*pb, cub.cls);
      it.disagreement = mismatch(*b, it.class_name, others);
    }
    // Novelty.
    const Camera* cam = doc.sequence.default_rig().camera(it.sensor);
    const auto f = novelty_features(*s, cam ? cam->height : 0.0);
    const auto ref = accepted.find({it.class_name, it.kind});
    if (ref == accepted.end() || ref->second.empty()) {
      it.novelty = 1.0;
    } else {
      double best = INFINITY;
      for (const auto& r : ref->second) {
        double d2 = 0;
        for (size_t k = 0; k < f.size() && k < r.size(); ++k)
          d2 += (f[k] - r[k]) * (f[k] - r[k]);
        best = std::min(best, d2);
      }
      it.novelty = 1.0 - std::exp(-std::sqrt(best) / 0.3);
    }
    switch (by) {
      case QueueOrder::Uncertainty:
        it.priority =
            1.0 - (1.0 - it.uncertainty) * (1.0 - it.disagreement) * (1.0 - it.inconsistency);
        break;
      case QueueOrder::Disagreement:
        it.priority = it.disagreement;
        break;
      case QueueOrder::Novelty:
        it.priority = it.novelty;
        break;
    }
  }
  std::stable_sort(q.items.begin(), q.items.end(), [](const QueueItem& x, const QueueItem& y) {
    if (x.priority != y.priority) return x.priority > y.priority;
    if (x.frame != y.frame) return x.frame < y.frame;
    return x.object < y.object;
  });
  std::map<int, QueueFrame> per_frame;
  for (const QueueItem& it : q.items) {
    QueueFrame& f = per_frame[it.frame];
    f.frame = it.frame;
    f.priority = std::max(f.priority, it.priority);
    f.total += it.priority;
    ++f.items;
  }
  for (const auto& [f, qf] : per_frame)
    q.frames.push_back(qf);
  std::stable_sort(q.frames.begin(), q.frames.end(), [](const QueueFrame& x, const QueueFrame& y) {
    if (x.priority != y.priority) return x.priority > y.priority;
    return x.total > y.total;  // then the frame with more to review
  });
  return q;
}

std::optional<int> next_queue_frame(const ReviewQueue& q, std::optional<int> current) {
  if (q.frames.empty()) return std::nullopt;
  if (current)
    for (size_t i = 0; i < q.frames.size(); ++i)
      if (q.frames[i].frame == *current) return q.frames[(i + 1) % q.frames.size()].frame;
  return q.frames.front().frame;
}

}  // namespace vantage::core
