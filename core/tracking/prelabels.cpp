#include "core/tracking/prelabels.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/commands/annotation_commands.h"
#include "core/io/file_util.h"

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

PrelabelDecision make_decision(const Object& object, const ShapeRef& ref, const Shape& prelabel,
                               PrelabelAction action, const std::string& who, int64_t time_ms) {
  PrelabelDecision d;
  d.object = object.id;
  d.sensor = ref.sensor;
  d.frame = ref.frame;
  d.action = action;
  d.who = who;
  d.time_ms = time_ms ? time_ms : now_ms();
  d.model = prelabel.model;
  d.model_class = prelabel.model_class.empty() ? object.class_name : prelabel.model_class;
  d.score = prelabel.score;
  d.proposed = prelabel.geometry;
  return d;
}

CommandPtr make_record_decisions(const Document& doc, std::vector<PrelabelDecision> decisions) {
  if (decisions.empty()) return nullptr;
  const std::string what = decisions.size() == 1 ? "Record pre-label decision"
                                                 : fmt::format("Record {} pre-label decisions",
                                                               decisions.size());
  return std::make_unique<ReviewCommand>(doc, what, [&](Review& r) {
    for (auto& d : decisions)
      r.prelabel_decisions.push_back(std::move(d));
  });
}

namespace {

// The pending pre-labels among refs, as decisions.
std::vector<PrelabelDecision> decisions_for(const Document& doc, const std::vector<ShapeRef>& refs,
                                            PrelabelAction action, const std::string& who,
                                            int64_t time_ms) {
  std::vector<PrelabelDecision> out;
  const int64_t t = time_ms ? time_ms : now_ms();
  for (const ShapeRef& r : refs) {
    const Object* o = doc.annotations.find(r.object);
    const Shape* s = o ? o->shape(r.frame, r.sensor, r.kind) : nullptr;
    if (s && is_prelabel(*s)) out.push_back(make_decision(*o, r, *s, action, who, t));
  }
  return out;
}

CommandPtr with_decisions(const Document& doc, std::string description, CommandPtr edit,
                          std::vector<PrelabelDecision> decisions) {
  if (!edit) return nullptr;
  auto c = std::make_unique<CompositeCommand>(std::move(description));
  c->add(std::move(edit));
  // ReviewCommand snapshots the review as it is now: the edit above does not
  // touch it, so applying both in order is exact.
  c->add(make_record_decisions(doc, std::move(decisions)));
  return c;
}

}  // namespace

CommandPtr make_accept_prelabels(const Document& doc, const std::vector<ShapeRef>& refs,
                                 const std::string& who, int64_t time_ms) {
  auto decisions = decisions_for(doc, refs, PrelabelAction::Accepted, who, time_ms);
  const std::string what = "Accept " + count_text(refs);
  CommandPtr edit = ObjectsCommand::edit(doc, what, object_ids(refs), [&](Object& o) {
    for (const ShapeRef& r : refs) {
      if (r.object != o.id) continue;
      Track* t = o.track(r.sensor, r.kind);
      Shape* s = t ? t->at(r.frame) : nullptr;
      if (!s || !is_prelabel(*s)) continue;
      s->source = ShapeSource::Manual;
      s->keyframe = true;
      s->score = -1.0;
      if (s->model_class.empty()) s->model_class = o.class_name;
    }
  });
  return with_decisions(doc, what, std::move(edit), std::move(decisions));
}

CommandPtr make_reject_prelabels(const Document& doc, const std::vector<ShapeRef>& refs,
                                 const std::string& who, int64_t time_ms) {
  auto decisions = decisions_for(doc, refs, PrelabelAction::Rejected, who, time_ms);
  const std::string what = "Reject " + count_text(refs);
  CommandPtr edit = ObjectsCommand::edit(doc, what, object_ids(refs), [&](Object& o) {
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
  return with_decisions(doc, what, std::move(edit), std::move(decisions));
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
