#include "core/qa/gold.h"

#include <set>

#include "core/geometry/cuboid_iou.h"
#include "core/qa/shape_matching.h"

namespace vantage::core {

namespace {

void add_pair(GoldScore& s, const QaShape& g, const QaShape& p, double iou) {
  ++s.true_positives;
  if (g.kind == ShapeKind::Cuboid) {
    ++s.pairs_cuboid;
    s.sum_iou_bev += iou;
    s.sum_iou_3d += iou_3d(*g.shape.as<Cuboid>(), *p.shape.as<Cuboid>());
    s.sum_heading += yaw_difference(g.shape, p.shape);
    s.sum_center += center_distance(g.shape, p.shape);
  } else {
    ++s.pairs_2d;
    s.sum_iou_2d += iou;
  }
  for (const auto& [name, value] : g.attributes) {
    ++s.attributes;
    const auto it = p.attributes.find(name);
    if (it != p.attributes.end() && it->second == value) ++s.attributes_correct;
  }
}

std::string frame_annotator(const Document& scored, const std::vector<QaShape>& pred, int frame) {
  for (const Batch& b : scored.annotations.review.batches)
    if (b.frames.contains(frame) && !b.annotator.empty()) return b.annotator;
  std::set<std::string> names;
  for (const QaShape& p : pred)
    names.insert(p.shape.annotator);
  return names.size() == 1 ? *names.begin() : std::string();
}

}  // namespace

GoldReport score_against_gold(const Document& gold, const Document& scored,
                              const GoldOptions& options) {
  GoldReport r;
  const Interpolator gi(gold.sequence, options.interpolation);
  const Interpolator si(scored.sequence, options.interpolation);
  r.frames = gold.sequence.frame_count();
  for (int f = 0; f < r.frames; ++f) {
    const auto G = comparable_shapes(gi, gold.annotations, f);
    const auto P = f < scored.sequence.frame_count() || scored.sequence.frame_count() == 0
                       ? comparable_shapes(si, scored.annotations, f)
                       : std::vector<QaShape>{};
    const std::string frame_owner = frame_annotator(scored, P, f);
    for (const auto& g : G) {
      ++r.overall.gold;
      ++r.per_class[g.class_name].gold;
      ++r.per_kind[to_string(g.kind)].gold;
      ++r.per_annotator[frame_owner].gold;
    }
    const ShapeMatching m = match_shapes(G, P, options.tp_iou, /*same_class_only=*/true);
    std::vector<char> ignored(P.size(), 0);
    const auto& regions = gold.annotations.ignore_regions_at(f);
    for (const int b : m.unmatched_b)
      ignored[size_t(b)] = ignored_by(P[size_t(b)], regions);
    for (size_t i = 0; i < P.size(); ++i) {
      const auto& p = P[i];
      auto& c = ignored[i] ? r.overall.ignored : r.overall.predicted;
      ++c;
      ++(ignored[i] ? r.per_class[p.class_name].ignored : r.per_class[p.class_name].predicted);
      ++(ignored[i] ? r.per_kind[to_string(p.kind)].ignored
                    : r.per_kind[to_string(p.kind)].predicted);
      ++(ignored[i] ? r.per_annotator[p.shape.annotator].ignored
                    : r.per_annotator[p.shape.annotator].predicted);
    }
    for (const ShapePair& pair : m.pairs) {
      const QaShape& g = G[size_t(pair.a)];
      const QaShape& p = P[size_t(pair.b)];
      add_pair(r.overall, g, p, pair.iou);
      add_pair(r.per_class[g.class_name], g, p, pair.iou);
      add_pair(r.per_kind[to_string(g.kind)], g, p, pair.iou);
      add_pair(r.per_annotator[p.shape.annotator], g, p, pair.iou);
    }
  }
  // Per annotator "" only holds gold shapes nobody can be charged with.
  return r;
}

}  // namespace vantage::core
