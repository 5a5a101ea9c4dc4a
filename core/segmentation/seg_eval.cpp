#include "core/segmentation/seg_eval.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include <opencv2/core.hpp>

namespace vantage::core {

namespace {

// A panoptic segment: (class, object) for things, (class, -1) for stuff
// (all stuff segments of a class merged), crowds kept apart.
struct PKey {
  int cls;
  ObjectId object;
  bool crowd;
  bool operator<(const PKey& o) const {
    if (cls != o.cls) return cls < o.cls;
    if (object != o.object) return object < o.object;
    return crowd < o.crowd;
  }
};

}  // namespace

const std::string& segment_class(const Annotations& a, const Segment& s) {
  if (s.object >= 0)
    if (const Object* o = a.find(s.object)) return o->class_name;
  return s.class_name;
}

double SegEvalResult::mean_iou() const {
  double sum = 0;
  int n = 0;
  for (const ClassScore& c : classes)
    if (c.tp + c.fn > 0) {
      sum += c.iou();
      ++n;
    }
  return n ? sum / n : 0.0;
}

double SegEvalResult::pq() const {
  double sum = 0;
  int n = 0;
  for (const ClassScore& c : classes)
    if (c.seg_tp + c.seg_fp + c.seg_fn > 0) {
      sum += c.pq();
      ++n;
    }
  return n ? sum / n : 0.0;
}

double SegEvalResult::accuracy() const {
  return scored ? double(correct) / double(scored) : 0.0;
}

double mask_iou(const cv::Mat& a, const cv::Mat& b) {
  const int i = cv::countNonZero((a != 0) & (b != 0));
  const int u = cv::countNonZero((a != 0) | (b != 0));
  return u ? double(i) / u : 1.0;
}

SegEvalResult evaluate_segmentation(const Annotations& gt, const Annotations& pr,
                                    const SegEvalOptions& options) {
  std::map<std::string, int> class_index;
  std::vector<ClassScore> scores;
  auto cls = [&](const std::string& name) {
    auto [it, added] = class_index.emplace(name, static_cast<int>(scores.size()));
    if (added) scores.push_back({name});
    return it->second;
  };
  SegEvalResult result;
  for (const auto& [key, gl] : gt.segmentation.layers()) {
    if (gl.kind != options.kind) continue;
    if (!options.sensor.empty() && key.sensor != options.sensor) continue;
    const SegLayer* pl = pr.segmentation.find(key);
    if (pl && (pl->width != gl.width || pl->height != gl.height)) pl = nullptr;
    ++result.layers;
    if (!pl) ++result.missing;
    const auto g = gt.segmentation.labels(key);
    const auto p = pl ? pr.segmentation.labels(key) : nullptr;
    // Label -> class index and panoptic key, for both layers.
    auto tables = [&](const Annotations& a, const SegLayer& l, std::vector<int>& c,
                      std::vector<PKey>& k) {
      c.assign(65536, -1);
      k.assign(65536, PKey{-1, -1, false});
      for (const Segment& s : l.segments) {
        const int ci = cls(segment_class(a, s));
        c[s.id] = ci;
        k[s.id] = {ci, s.crowd ? -1 : s.object, s.crowd};
      }
    };
    std::vector<int> gc, pc;
    std::vector<PKey> gk, pk;
    tables(gt, gl, gc, gk);
    if (pl) tables(pr, *pl, pc, pk);
    // Joint histogram of (gt label, pred label).
    std::unordered_map<uint32_t, uint64_t> joint;
    const int w = gl.width, h = gl.height;
    std::vector<uint16_t> grow(static_cast<size_t>(w)), prow(static_cast<size_t>(w), 0);
    for (int y = 0; y < h; ++y) {
      g->read_rect({0, y, w, y + 1}, grow.data(), grow.size());
      if (p) p->read_rect({0, y, w, y + 1}, prow.data(), prow.size());
      uint32_t last = UINT32_MAX;
      uint64_t run = 0;
      for (int x = 0; x < w; ++x) {
        const uint32_t k = (uint32_t(grow[static_cast<size_t>(x)]) << 16) | prow[static_cast<size_t>(x)];
        if (k == last) {
          ++run;
          continue;
        }
        if (run) joint[last] += run;
        last = k;
        run = 1;
      }
      if (run) joint[last] += run;
    }
    // Semantic scores.
    for (const auto& [k, n] : joint) {
      const uint16_t gv = static_cast<uint16_t>(k >> 16), pv = static_cast<uint16_t>(k & 0xffff);
      const int gci = gv ? gc[gv] : -1;
      const int pci = pv ? pc[pv] : -1;
      if (gci < 0) continue;  // void ground truth
      result.scored += n;
      if (gci == pci) {
        scores[static_cast<size_t>(gci)].tp += n;
        result.correct += n;
      } else {
        scores[static_cast<size_t>(gci)].fn += n;
        if (pci >= 0) scores[static_cast<size_t>(pci)].fp += n;
      }
    }
    // Panoptic: areas and intersections per merged segment.
    std::map<PKey, uint64_t> garea, parea;
    std::map<std::pair<PKey, PKey>, uint64_t> inter;
    std::map<PKey, uint64_t> p_void;  // prediction area on void or on a crowd of its class
    std::map<PKey, uint64_t> p_void_only;  // prediction area on void
    for (const auto& [k, n] : joint) {
      const uint16_t gv = static_cast<uint16_t>(k >> 16), pv = static_cast<uint16_t>(k & 0xffff);
      const PKey G = gv ? gk[gv] : PKey{-1, -1, false};
      const PKey P = pv ? pk[pv] : PKey{-1, -1, false};
      if (G.cls >= 0) garea[G] += n;
      if (P.cls >= 0) {
        parea[P] += n;
        if (G.cls < 0 || (G.crowd && G.cls == P.cls)) p_void[P] += n;
        if (G.cls < 0) p_void_only[P] += n;
      }
      if (G.cls >= 0 && P.cls >= 0 && !G.crowd && !P.crowd && G.cls == P.cls)
        inter[{G, P}] += n;
    }
    std::map<PKey, bool> gmatched, pmatched;
    for (const auto& [gp, n] : inter) {
      const auto& [G, P] = gp;
      // COCO panoptic: the prediction's part on void is not in the union.
      const uint64_t pv = p_void_only.count(P) ? p_void_only[P] : 0;
      const double u = double(garea[G] + parea[P] - n) - double(pv);
      const double iou = u > 0 ? double(n) / u : 0.0;
      if (iou > 0.5) {
        ClassScore& s = scores[static_cast<size_t>(G.cls)];
        ++s.seg_tp;
        s.iou_sum += iou;
        gmatched[G] = true;
        pmatched[P] = true;
      }
    }
    for (const auto& [G, a] : garea)
      if (!G.crowd && !gmatched.count(G)) ++scores[static_cast<size_t>(G.cls)].seg_fn;
    for (const auto& [P, a] : parea) {
      if (P.crowd || pmatched.count(P)) continue;
      const uint64_t v = p_void.count(P) ? p_void[P] : 0;
      if (double(v) / double(a) > 0.5) continue;
      ++scores[static_cast<size_t>(P.cls)].seg_fp;
    }
  }
  // Prediction layers absent from the ground truth are not scored.
  std::sort(scores.begin(), scores.end(),
            [](const ClassScore& a, const ClassScore& b) { return a.class_name < b.class_name; });
  result.classes = std::move(scores);
  return result;
}

}  // namespace vantage::core
