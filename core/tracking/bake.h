#pragma once
// Baking: materialising interpolation into stored shapes, for exporters
// ("interpolated frames are exported by default"), QA and any consumer that
// wants one stored shape per frame instead of calling the Interpolator.
//
// A baked track holds its anchors unchanged plus a fresh shape (source
// Interpolated, keyframe false) at every frame the Interpolator fills; stale
// cached in-betweens are dropped first. Baking is idempotent, and because
// the Interpolator ignores cached in-betweens, baking changes nothing that
// evaluate() returns.

#include <optional>
#include <vector>

#include "core/commands/command.h"
#include "core/tracking/interpolator.h"

namespace vantage::core {

// `range` limits the frames that are filled (anchors outside it are kept).
Track bake_track(const Interpolator& interpolator, const Object& object, const Track& track,
                 const std::optional<FrameRange>& range = std::nullopt);
Object bake_object(const Interpolator& interpolator, const Object& object,
                   const std::optional<FrameRange>& range = std::nullopt);
// A copy of the annotations with every object baked.
Annotations bake_annotations(const Interpolator& interpolator, const Annotations& annotations,
                             const std::optional<FrameRange>& range = std::nullopt);

// Drops cached in-betweens (source Interpolated, keyframe false): the inverse
// of baking.
void strip_interpolated(Object& object);

// Bakes the listed objects in the document as one undoable step (nullptr
// when nothing changes).
CommandPtr make_bake_objects(const Document& doc, const Interpolator& interpolator,
                             const std::vector<ObjectId>& ids,
                             const std::optional<FrameRange>& range = std::nullopt);

}  // namespace vantage::core
