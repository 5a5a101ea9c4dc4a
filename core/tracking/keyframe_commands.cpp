#include "core/tracking/keyframe_commands.h"

#include <fmt/format.h>

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

std::string where(const TrackRef& ref) {
  return ref.sensor.empty() ? std::string() : fmt::format(" in {}", ref.sensor);
}

void check_kind(const TrackRef& ref, const Shape& s) {
  if (s.kind() != ref.kind)
    throw Error(
        fmt::format("a {} cannot go into a {} track", to_string(s.kind()), to_string(ref.kind)));
}

}  // namespace

CommandPtr make_set_keyframe(const Document& doc, const Interpolator& interp, const TrackRef& ref,
                             int frame, bool key) {
  const Object& o = require_object(doc, ref.object);
  const Shape* stored = o.shape(frame, ref.sensor, ref.kind);
  if (!key) {
    if (!stored) return nullptr;
    return std::make_unique<SetShapeCommand>(
        ref.object, ref.sensor, ref.kind, frame, std::nullopt,
        fmt::format("Unset keyframe of #{} at frame {}{}", ref.object, frame, where(ref)));
  }
  Shape s;
  if (stored && is_anchor(*stored)) {
    if (stored->keyframe) return nullptr;
    s = *stored;
  } else {
    auto e = interp.evaluate(o, ref.sensor, ref.kind, frame);
    if (!e)
      throw Error(fmt::format("#{} has no {} at frame {}{} to make a keyframe of", ref.object,
                              to_string(ref.kind), frame, where(ref)));
    s = std::move(*e);
    s.source = ShapeSource::Manual;
  }
  s.keyframe = true;
  return std::make_unique<SetShapeCommand>(
      ref.object, ref.sensor, ref.kind, frame, std::move(s),
      fmt::format("Set keyframe of #{} at frame {}{}", ref.object, frame, where(ref)));
}

CommandPtr make_mark_outside(const Document& doc, ObjectId id, FrameRange range, bool outside) {
  require_object(doc, id);
  if (range.last < range.first) throw Error("empty frame range");
  const std::string d =
      outside ? fmt::format("Mark #{} outside at frames {}-{}", id, range.first, range.last)
              : fmt::format("Mark #{} visible at frames {}-{}", id, range.first, range.last);
  return ObjectsCommand::edit(doc, d, {id}, [&](Object& o) {
    if (!outside) {
      subtract_range(o.outside, range);
      return;
    }
    add_range(o.outside, range);
    for (Track& t : o.tracks) {
      const size_t b = t.lower_bound(range.first);
      const size_t e = t.lower_bound(range.last + 1);
      t.shapes.erase(t.shapes.begin() + static_cast<std::ptrdiff_t>(b),
                     t.shapes.begin() + static_cast<std::ptrdiff_t>(e));
    }
  });
}

CommandPtr make_copy_from_previous(const Document& doc, const Interpolator& interp,
                                   const TrackRef& ref, int frame) {
  const Object& o = require_object(doc, ref.object);
  auto prev = interp.evaluate(o, ref.sensor, ref.kind, frame - 1);
  if (!prev)
    throw Error(fmt::format("#{} has no {} at frame {}{} to copy", ref.object, to_string(ref.kind),
                            frame - 1, where(ref)));
  Shape s = std::move(*prev);
  if (auto* c = s.as<Cuboid>()) *c = interp.transfer(*c, frame - 1, frame);
  s.keyframe = true;
  s.source = ShapeSource::Manual;
  s.score = -1.0;
  return std::make_unique<SetShapeCommand>(
      ref.object, ref.sensor, ref.kind, frame, std::move(s),
      fmt::format("Copy {} of #{} from frame {} to {}{}", to_string(ref.kind), ref.object,
                  frame - 1, frame, where(ref)));
}

CommandPtr make_paste_shape(const Document& doc, const Interpolator& interp, const TrackRef& ref,
                            FrameRange range, const Shape& shape, std::optional<int> from_frame) {
  require_object(doc, ref.object);
  check_kind(ref, shape);
  if (range.last < range.first) throw Error("empty frame range");
  const std::string d = fmt::format("Paste {} to #{} at frames {}-{}{}", to_string(ref.kind),
                                    ref.object, range.first, range.last, where(ref));
  return ObjectsCommand::edit(doc, d, {ref.object}, [&](Object& o) {
    Track& t = o.track_or_create(ref.sensor, ref.kind);
    for (int f = range.first; f <= range.last; ++f) {
      if (o.is_outside(f)) continue;
      Shape s = shape;
      s.keyframe = true;
      s.source = ShapeSource::Manual;
      s.score = -1.0;
      if (auto* c = s.as<Cuboid>(); c && from_frame) *c = interp.transfer(*c, *from_frame, f);
      t.set(f, std::move(s));
    }
  });
}

CommandPtr make_store_proposals(const Document& doc, const TrackRef& ref,
                                const std::vector<FrameShape>& proposals, std::string description) {
  require_object(doc, ref.object);
  for (const FrameShape& p : proposals)
    check_kind(ref, p.shape);
  return ObjectsCommand::edit(doc, std::move(description), {ref.object}, [&](Object& o) {
    Track& t = o.track_or_create(ref.sensor, ref.kind);
    for (const FrameShape& p : proposals) {
      const Shape* cur = t.at(p.frame);
      if (cur && cur->keyframe) continue;
      t.set(p.frame, p.shape);
    }
  });
}

}  // namespace vantage::core
