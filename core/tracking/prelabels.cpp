#include "core/tracking/prelabels.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/commands/annotation_commands.h"

namespace vantage::core {

namespace {

std::vector<ObjectId> object_ids(const std::vector<ShapeRef>& refs) {
  std::vector<ObjectId> ids;
  for (const ShapeRef& r : refs)
    if (std::find(ids.begin(), ids.end(), r.object) == ids.end()) ids.push_back(r.object);
  return ids;
}

std::string count_text(const std::vector<ShapeRef>& refs) {
  return refs.size() == 1
             ? fmt::format("pre-label of #{} at frame {}", refs[0].object, refs[0].frame)
             : fmt::format("{} pre-labels", refs.size());
}

}  // namespace

std::vector<ShapeRef> prelabels_at(const Annotations& annotations, int frame) {
  std::vector<ShapeRef> out;
  for (const Object& o : annotations.objects)
    for (const Track& t : o.tracks)
      if (const Shape* s = t.at(frame); s && is_prelabel(*s))
        out.push_back({o.id, t.sensor, t.kind, frame});
  return out;
}

CommandPtr make_accept_prelabels(const Document& doc, const std::vector<ShapeRef>& refs) {
  return ObjectsCommand::edit(doc, "Accept " + count_text(refs), object_ids(refs), [&](Object& o) {
    for (const ShapeRef& r : refs) {
      if (r.object != o.id) continue;
      Track* t = o.track(r.sensor, r.kind);
      Shape* s = t ? t->at(r.frame) : nullptr;
      if (!s || !is_prelabel(*s)) continue;
      s->source = ShapeSource::Manual;
      s->keyframe = true;
      s->score = -1.0;
    }
  });
}

CommandPtr make_reject_prelabels(const Document& doc, const std::vector<ShapeRef>& refs) {
  return ObjectsCommand::edit(doc, "Reject " + count_text(refs), object_ids(refs), [&](Object& o) {
    bool removed = false;
    for (const ShapeRef& r : refs) {
      if (r.object != o.id) continue;
      Track* t = o.track(r.sensor, r.kind);
      const Shape* s = t ? t->at(r.frame) : nullptr;
      if (!s || !is_prelabel(*s)) continue;
      t->erase(r.frame);
      removed = true;
    }
    o.prune_empty_tracks();
    if (removed && o.tracks.empty()) o.id = -1;  // nothing left: delete the object
  });
}

std::vector<UncertainFrame> frames_by_uncertainty(const Annotations& annotations) {
  std::map<int, UncertainFrame> by_frame;
  for (const Object& o : annotations.objects)
    for (const Track& t : o.tracks)
      for (const FrameShape& fs : t.shapes) {
        if (!is_prelabel(fs.shape)) continue;
        const double score = std::max(fs.shape.score, 0.0);
        auto [it, fresh] = by_frame.try_emplace(fs.frame, UncertainFrame{fs.frame, score, 0});
        it->second.score = std::min(it->second.score, score);
        it->second.count++;
        (void)fresh;
      }
  std::vector<UncertainFrame> out;
  out.reserve(by_frame.size());
  for (const auto& [f, u] : by_frame)
    out.push_back(u);
  std::stable_sort(out.begin(), out.end(), [](const UncertainFrame& a, const UncertainFrame& b) {
    return a.score < b.score;
  });
  return out;
}

std::optional<int> next_most_uncertain(const Annotations& annotations, std::optional<int> current) {
  const auto order = frames_by_uncertainty(annotations);
  if (order.empty()) return std::nullopt;
  if (current) {
    for (size_t i = 0; i < order.size(); ++i)
      if (order[i].frame == *current) return order[(i + 1) % order.size()].frame;
  }
  return order.front().frame;
}

}  // namespace vantage::core
