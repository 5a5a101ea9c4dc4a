#include "core/qa/consensus.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "core/qa/shape_matching.h"

namespace vantage::core {

const char* to_string(Disagreement::Kind k) {
  switch (k) {
    case Disagreement::Kind::Unmatched:
      return "unmatched";
    case Disagreement::Kind::ClassMismatch:
      return "class_mismatch";
    case Disagreement::Kind::LowIou:
      return "low_iou";
  }
  return "unmatched";
}

double mean_angle(const std::vector<double>& angles) {
  double s = 0, c = 0;
  for (double a : angles) {
    s += std::sin(a);
    c += std::cos(a);
  }
  return wrap_angle(std::atan2(s, c));
}

namespace {

using ClassKey = std::pair<std::string, std::string>;  // class, kind

void add_matched(ClassAgreement& c, const QaShape& x, const QaShape& y, double iou) {
  ++c.matched;
  c.sum_iou += iou;
  c.sum_center += center_distance(x.shape, y.shape);
  c.sum_yaw += yaw_difference(x.shape, y.shape);
}

std::vector<std::unique_ptr<Interpolator>> interpolators(const std::vector<const Document*>& docs,
                                                         const ConsensusOptions& o) {
  std::vector<std::unique_ptr<Interpolator>> out;
  for (const Document* d : docs)
    out.push_back(std::make_unique<Interpolator>(d->sequence, o.interpolation));
  return out;
}

std::vector<QaShape> shapes_of(const Document& d, const Interpolator& in, int frame) {
  if (frame >= d.sequence.frame_count() && d.sequence.frame_count() > 0) return {};
  return comparable_shapes(in, d.annotations, frame);
}

}  // namespace

ConsensusReport compute_consensus(const std::vector<const Document*>& docs,
                                  const ConsensusOptions& options) {
  ConsensusReport r;
  if (docs.empty()) return r;
  r.frames = docs[0]->sequence.frame_count();
  const auto interps = interpolators(docs, options);
  std::map<ClassKey, ClassAgreement> classes;
  auto cls = [&](const QaShape& s) -> ClassAgreement& {
    ClassAgreement& c = classes[{s.class_name, to_string(s.kind)}];
    c.class_name = s.class_name;
    c.kind = to_string(s.kind);
    return c;
  };
  for (int f = 0; f < r.frames; ++f) {
    std::vector<std::vector<QaShape>> per(docs.size());
    for (size_t i = 0; i < docs.size(); ++i)
      per[i] = shapes_of(*docs[i], *interps[i], f);
    for (size_t i = 0; i < docs.size(); ++i)
      for (size_t j = i + 1; j < docs.size(); ++j) {
        const auto& A = per[i];
        const auto& B = per[j];
        const ShapeMatching m = match_shapes(A, B, options.match_iou);
        // Unpaired shapes inside either file's ignore regions do not count.
        std::vector<IgnoreRegion> regions = docs[i]->annotations.ignore_regions_at(f);
        for (const IgnoreRegion& x : docs[j]->annotations.ignore_regions_at(f))
          regions.push_back(x);
        std::vector<char> ign_a(A.size(), 0), ign_b(B.size(), 0);
        for (int a : m.unmatched_a)
          ign_a[size_t(a)] = ignored_by(A[size_t(a)], regions);
        for (int b : m.unmatched_b)
          ign_b[size_t(b)] = ignored_by(B[size_t(b)], regions);
        for (size_t k = 0; k < A.size(); ++k)
          if (!ign_a[k]) ++cls(A[k]).shapes;
        for (size_t k = 0; k < B.size(); ++k)
          if (!ign_b[k]) ++cls(B[k]).shapes;
        auto disagreement = [&](Disagreement::Kind k, const QaShape* x, const QaShape* y,
                                double iou) {
          Disagreement d;
          d.kind = k;
          d.frame = f;
          const QaShape& any = x ? *x : *y;
          d.sensor = any.sensor;
          d.shape_kind = to_string(any.kind);
          d.annotator_a = int(i);
          d.annotator_b = int(j);
          if (x) {
            d.object_a = x->object;
            d.class_a = x->class_name;
          }
          if (y) {
            d.object_b = y->object;
            d.class_b = y->class_name;
          }
          d.iou = iou;
          r.disagreements.push_back(std::move(d));
        };
        for (const ShapePair& p : m.pairs) {
          const QaShape& x = A[size_t(p.a)];
          const QaShape& y = B[size_t(p.b)];
          if (x.class_name != y.class_name) {
            ++r.class_mismatches;
            disagreement(Disagreement::Kind::ClassMismatch, &x, &y, p.iou);
            continue;
          }
          add_matched(cls(x), x, y, p.iou);
          add_matched(r.overall, x, y, p.iou);
          r.iou_histogram[size_t(std::clamp(int(p.iou * 10.0), 0, 9))]++;
          if (p.iou < options.low_iou) {
            ++r.low_iou;
            disagreement(Disagreement::Kind::LowIou, &x, &y, p.iou);
          }
        }
        size_t ignored = 0;
        for (int a : m.unmatched_a) {
          if (ign_a[size_t(a)]) {
            ++ignored;
            continue;
          }
          ++r.unmatched;
          disagreement(Disagreement::Kind::Unmatched, &A[size_t(a)], nullptr, 0.0);
        }
        for (int b : m.unmatched_b) {
          if (ign_b[size_t(b)]) {
            ++ignored;
            continue;
          }
          ++r.unmatched;
          disagreement(Disagreement::Kind::Unmatched, nullptr, &B[size_t(b)], 0.0);
        }
        r.ignored += ignored;
        r.overall.shapes += A.size() + B.size() - ignored;
      }
  }
  r.overall.class_name = "*";
  r.overall.kind = "*";
  for (auto& [k, c] : classes)
    r.classes.push_back(c);
  return r;
}

namespace {

struct Cluster {
  size_t seed_input = 0;
  ObjectId seed_object = 0;
  std::vector<std::pair<size_t, const QaShape*>> members;  // (input, shape)
};

Geometry average_geometry(const Cluster& c) {
  const Shape& seed = c.members.front().second->shape;
  const double n = double(c.members.size());
  if (seed.as<Box2D>()) {
    Box2D b{0, 0, 0, 0};
    for (const auto& [i, s] : c.members) {
      const Box2D& x = *s->shape.as<Box2D>();
      b.x1 += x.x1 / n;
      b.y1 += x.y1 / n;
      b.x2 += x.x2 / n;
      b.y2 += x.y2 / n;
    }
    return b;
  }
  if (const Cuboid* first = seed.as<Cuboid>()) {
    Cuboid out = *first;
    out.center = Vec3(0.0);
    out.size = Vec3(0.0);
    std::vector<double> yaws;
    for (const auto& [i, s] : c.members) {
      const Cuboid& x = *s->shape.as<Cuboid>();
      out.center += x.center / n;
      out.size += x.size / n;
      yaws.push_back(x.yaw);
    }
    out.yaw = mean_angle(yaws);
    return out;
  }
  return seed.geometry;  // polygons: vertex correspondence is unknown
}

}  // namespace

Annotations merge_consensus(const std::vector<const Document*>& docs,
                            const ConsensusOptions& options) {
  Annotations out;
  if (docs.empty()) return out;
  const auto interps = interpolators(docs, options);
  const int frames = docs[0]->sequence.frame_count();
  struct MergedObject {
    ObjectId id;
    std::map<std::string, size_t> votes;
    Object object;
  };
  std::map<std::pair<size_t, ObjectId>, MergedObject> objects;
  // Objects seeded by the first input keep its ids; the others get fresh ones.
  ObjectId next_id = docs[0]->annotations.next_id();
  for (int f = 0; f < frames; ++f) {
    std::vector<std::vector<QaShape>> per(docs.size());
    for (size_t i = 0; i < docs.size(); ++i)
      per[i] = shapes_of(*docs[i], *interps[i], f);
    std::vector<Cluster> clusters;
    for (size_t i = 0; i < docs.size(); ++i) {
      std::vector<QaShape> reps;
      for (const Cluster& c : clusters)
        reps.push_back(*c.members.front().second);
      const ShapeMatching m = match_shapes(reps, per[i], options.match_iou);
      for (const ShapePair& p : m.pairs)
        clusters[size_t(p.a)].members.push_back({i, &per[i][size_t(p.b)]});
      for (int b : m.unmatched_b) {
        Cluster c;
        c.seed_input = i;
        c.seed_object = per[i][size_t(b)].object;
        c.members.push_back({i, &per[i][size_t(b)]});
        clusters.push_back(std::move(c));
      }
    }
    for (const Cluster& c : clusters) {
      auto it = objects.find({c.seed_input, c.seed_object});
      if (it == objects.end()) {
        MergedObject mo;
        mo.id = c.seed_input == 0 ? c.seed_object : next_id++;
        mo.object.id = mo.id;
        if (const Object* src = docs[c.seed_input]->annotations.find(c.seed_object)) {
          mo.object.attributes = src->attributes;
          mo.object.outside = src->outside;
        }
        it = objects.emplace(std::make_pair(c.seed_input, c.seed_object), std::move(mo)).first;
      }
      MergedObject& mo = it->second;
      for (const auto& [i, s] : c.members)
        ++mo.votes[s->class_name];
      const QaShape& seed = *c.members.front().second;
      Shape shape = seed.shape;
      shape.geometry = average_geometry(c);
      shape.keyframe = true;
      shape.source = ShapeSource::Model;
      shape.score = double(c.members.size()) / double(docs.size());
      shape.annotator = "consensus";
      mo.object.track_or_create(seed.sensor, seed.kind).set(f, std::move(shape));
    }
  }
  for (auto& [key, mo] : objects) {
    // Majority class; ties go to the alphabetically first (deterministic).
    size_t best = 0;
    for (const auto& [name, n] : mo.votes)
      if (n > best) {
        best = n;
        mo.object.class_name = name;
      }
    // Outside spans of the seed only where the merged object has no shape.
    std::vector<FrameRange> outside;
    for (const FrameRange& r : mo.object.outside) {
      bool overlaps = false;
      for (const Track& t : mo.object.tracks)
        for (const FrameShape& fs : t.shapes)
          overlaps |= r.contains(fs.frame);
      if (!overlaps) outside.push_back(r);
    }
    mo.object.outside = outside;
    out.put(std::move(mo.object));
  }
  out.metadata = docs[0]->annotations.metadata;
  out.metadata.annotators = {"consensus"};
  return out;
}

}  // namespace vantage::core
