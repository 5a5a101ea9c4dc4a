#include "core/tracking/bake.h"

#include <algorithm>

#include "core/commands/annotation_commands.h"

namespace vantage::core {

Track bake_track(const Interpolator& interp, const Object& object, const Track& track,
                 const std::optional<FrameRange>& range) {
  Track out{track.sensor, track.kind, {}};
  for (const FrameRange& span : interp.spans(object, track)) {
    const int first = range ? std::max(span.first, range->first) : span.first;
    const int last = range ? std::min(span.last, range->last) : span.last;
    for (int f = first; f <= last; ++f)
      if (auto s = interp.evaluate(object, track, f)) out.shapes.push_back({f, std::move(*s)});
  }
  // Anchors outside `range` are kept as they are.
  for (const FrameShape& fs : track.shapes)
    if (is_anchor(fs.shape) && !out.at(fs.frame)) out.set(fs.frame, fs.shape);
  return out;
}

Object bake_object(const Interpolator& interp, const Object& object,
                   const std::optional<FrameRange>& range) {
  Object out = object;
  for (size_t i = 0; i < object.tracks.size(); ++i)
    out.tracks[i] = bake_track(interp, object, object.tracks[i], range);
  out.prune_empty_tracks();
  return out;
}

Annotations bake_annotations(const Interpolator& interp, const Annotations& annotations,
                             const std::optional<FrameRange>& range) {
  Annotations out = annotations;
  for (size_t i = 0; i < annotations.objects.size(); ++i)
    out.objects[i] = bake_object(interp, annotations.objects[i], range);
  return out;
}

void strip_interpolated(Object& object) {
  for (Track& t : object.tracks)
    t.shapes.erase(std::remove_if(t.shapes.begin(), t.shapes.end(),
                                  [](const FrameShape& fs) { return !is_anchor(fs.shape); }),
                   t.shapes.end());
  object.prune_empty_tracks();
}

CommandPtr make_bake_objects(const Document& doc, const Interpolator& interp,
                             const std::vector<ObjectId>& ids,
                             const std::optional<FrameRange>& range) {
  const std::string what =
      ids.size() == 1 ? "#" + std::to_string(ids.front()) : std::to_string(ids.size()) + " objects";
  return ObjectsCommand::edit(doc, "Bake interpolation of " + what, ids,
                              [&](Object& o) { o = bake_object(interp, o, range); });
}

}  // namespace vantage::core
