#include "core/tracking/object_track_commands.h"

#include <fmt/format.h>

#include <climits>
#include <functional>

#include "core/commands/annotation_commands.h"
#include "core/tracking/frame_ranges.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

const Object& require_object(const Document& doc, ObjectId id) {
  const Object* o = doc.annotations.find(id);
  if (!o) throw Error(fmt::format("object #{} does not exist", id));
  return *o;
}

void require_free_id(const Document& doc, ObjectId id) {
  if (id < 0) throw Error(fmt::format("object id {} is negative", id));
  if (doc.annotations.find(id)) throw Error(fmt::format("object id {} is already taken", id));
}

// Adds a review edit to `cmd` when it changes anything.
void add_review_change(CompositeCommand& cmd, const Document& doc,
                       const std::function<void(Review&)>& change) {
  Review r = doc.annotations.review;
  change(r);
  if (r == doc.annotations.review) return;
  cmd.add(std::make_unique<ReviewCommand>(doc, cmd.describe(), change));
}

int rank(const Shape& s) {
  return s.keyframe ? 2 : (is_anchor(s) ? 1 : 0);
}

}  // namespace

CommandPtr make_split_object(const Document& doc, const Interpolator& interp, ObjectId id,
                             int frame, ObjectId new_id) {
  const Object& o = require_object(doc, id);
  require_free_id(doc, new_id);
  Object head = o;
  Object tail = o;
  tail.id = new_id;
  for (size_t i = 0; i < o.tracks.size(); ++i) {
    const Track& t = o.tracks[i];
    Track& h = head.tracks[i];
    Track& tl = tail.tracks[i];
    const size_t cut = t.lower_bound(frame);
    h.shapes.assign(t.shapes.begin(), t.shapes.begin() + static_cast<std::ptrdiff_t>(cut));
    tl.shapes.assign(t.shapes.begin() + static_cast<std::ptrdiff_t>(cut), t.shapes.end());
    // Materialise the interpolation that crossed the cut.
    auto keep_as_keyframe = [&](Track& dst, int f) {
      const Shape* stored = t.at(f);
      if (stored && is_anchor(*stored)) return;
      if (auto s = interp.evaluate(o, t, f)) {
        s->keyframe = true;
        dst.set(f, std::move(*s));
      }
    };
    keep_as_keyframe(h, frame - 1);
    keep_as_keyframe(tl, frame);
  }
  head.outside = intersect_ranges(o.outside, {INT_MIN, frame - 1});
  tail.outside = intersect_ranges(o.outside, {frame, INT_MAX});
  head.prune_empty_tracks();
  tail.prune_empty_tracks();
  if (head.tracks.empty() || tail.tracks.empty())
    throw Error(fmt::format("splitting #{} at frame {} leaves nothing {} the cut", id, frame,
                            head.tracks.empty() ? "before" : "after"));

  auto cmd = std::make_unique<CompositeCommand>(
      fmt::format("Split #{} at frame {} (tail is #{})", id, frame, new_id));
  std::vector<ObjectsCommand::Change> changes;
  changes.push_back({id, o, std::move(head)});
  changes.push_back({new_id, std::nullopt, std::move(tail)});
  cmd->add(std::make_unique<ObjectsCommand>(cmd->describe(), std::move(changes)));
  add_review_change(*cmd, doc, [&](Review& r) {
    for (Comment& c : r.comments)
      if (c.object == id && c.frame >= frame) c.object = new_id;
  });
  return cmd;
}

CommandPtr make_merge_objects(const Document& doc, ObjectId keep_id, ObjectId other_id) {
  if (keep_id == other_id) throw Error(fmt::format("cannot merge #{} with itself", keep_id));
  const Object& keep = require_object(doc, keep_id);
  const Object& other = require_object(doc, other_id);
  Object merged = keep;
  for (const Track& t : other.tracks) {
    Track& dst = merged.track_or_create(t.sensor, t.kind);
    for (const FrameShape& fs : t.shapes) {
      const Shape* mine = dst.at(fs.frame);
      if (!mine || rank(fs.shape) > rank(*mine)) dst.set(fs.frame, fs.shape);
    }
  }
  for (const auto& [name, value] : other.attributes)
    merged.attributes.emplace(name, value);

  merged.outside.insert(merged.outside.end(), other.outside.begin(), other.outside.end());
  const int k1 = keep.first_frame(), k2 = keep.last_frame();
  const int o1 = other.first_frame(), o2 = other.last_frame();
  if (k1 >= 0 && o1 >= 0) {
    if (k2 < o1 - 1) merged.outside.push_back({k2 + 1, o1 - 1});
    if (o2 < k1 - 1) merged.outside.push_back({o2 + 1, k1 - 1});
  }
  normalize_ranges(merged.outside);
  for (const Track& t : merged.tracks)
    for (const FrameShape& fs : t.shapes)
      if (is_anchor(fs.shape) && merged.is_outside(fs.frame))
        subtract_range(merged.outside, {fs.frame, fs.frame});

  auto cmd =
      std::make_unique<CompositeCommand>(fmt::format("Merge #{} into #{}", other_id, keep_id));
  std::vector<ObjectsCommand::Change> changes;
  changes.push_back({keep_id, keep, std::move(merged)});
  changes.push_back({other_id, other, std::nullopt});
  cmd->add(std::make_unique<ObjectsCommand>(cmd->describe(), std::move(changes)));
  add_review_change(*cmd, doc, [&](Review& r) {
    for (Comment& c : r.comments)
      if (c.object == other_id) c.object = keep_id;
    auto it = r.objects.find(other_id);
    if (it != r.objects.end()) {
      r.objects.emplace(keep_id, it->second);  // only when keep has none
      r.objects.erase(other_id);
    }
  });
  return cmd;
}

CommandPtr make_change_object_id(const Document& doc, ObjectId from, ObjectId to) {
  const Object& o = require_object(doc, from);
  if (from == to) return nullptr;
  require_free_id(doc, to);
  Object renamed = o;
  renamed.id = to;
  auto cmd = std::make_unique<CompositeCommand>(fmt::format("Change id #{} to #{}", from, to));
  std::vector<ObjectsCommand::Change> changes;
  changes.push_back({from, o, std::nullopt});
  changes.push_back({to, std::nullopt, std::move(renamed)});
  cmd->add(std::make_unique<ObjectsCommand>(cmd->describe(), std::move(changes)));
  add_review_change(*cmd, doc, [&](Review& r) {
    for (Comment& c : r.comments)
      if (c.object == from) c.object = to;
    auto it = r.objects.find(from);
    if (it != r.objects.end()) {
      r.objects[to] = it->second;
      r.objects.erase(from);
    }
  });
  return cmd;
}

}  // namespace vantage::core
