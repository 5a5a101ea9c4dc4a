#pragma once
// Per-track edits of keyframes and visibility, as undoable commands: set or
// unset a keyframe, mark a span outside (or visible again), copy the shape
// of the previous frame, paste a shape to a range of frames, store
// propagation/tracker proposals. Tools call these through Editor::execute.
//
// Functions return nullptr when the edit would change nothing and throw
// Error (with a message for the status bar) when it cannot be done.

#include <optional>
#include <string>
#include <vector>

#include "core/commands/command.h"
#include "core/tracking/interpolator.h"

namespace vantage::core {

// Which track of which object: the address of a shape at a frame.
struct TrackRef {
  ObjectId object = 0;
  std::string sensor;  // camera name; kSceneSensor for cuboids
  ShapeKind kind = ShapeKind::Box2D;
};

// key = true: the shape at `frame` becomes a keyframe. A stored shape keeps
// its geometry (an Interpolated cache entry becomes Manual); an interpolated
// frame is materialised as a Manual keyframe. Throws when the track has no
// shape at the frame.
// key = false: the stored shape at `frame` is removed, so the frame is
// interpolated again from its neighbours (at the ends of a span the track
// gets shorter). nullptr when nothing is stored there.
CommandPtr make_set_keyframe(const Document& doc, const Interpolator& interpolator,
                             const TrackRef& ref, int frame, bool key);

// outside = true: `range` joins the object's outside spans and every stored
// shape in it is removed (an object out of view has no shapes).
// outside = false: `range` is taken out of the outside spans.
CommandPtr make_mark_outside(const Document& doc, ObjectId id, FrameRange range, bool outside);

// Stores the shape the track has at frame - 1 (stored or interpolated) at
// `frame` as a Manual keyframe. Cuboids are carried over in the world frame
// when there are ego poses (a parked car stays put). Throws when there is
// nothing at frame - 1.
CommandPtr make_copy_from_previous(const Document& doc, const Interpolator& interpolator,
                                   const TrackRef& ref, int frame);

// Stores `shape` (as a Manual keyframe) at every frame of `range` that is
// not outside. With `from_frame`, a cuboid is carried from that frame's
// vehicle frame through the world (static object); otherwise stored as
// given. The object must exist.
CommandPtr make_paste_shape(const Document& doc, const Interpolator& interpolator,
                            const TrackRef& ref, FrameRange range, const Shape& shape,
                            std::optional<int> from_frame = std::nullopt);

// Stores proposals (from propagation, a tracker, GrabCut, a model) in one
// track as one undo step. Proposals never replace a stored keyframe: those
// frames are skipped.
CommandPtr make_store_proposals(const Document& doc, const TrackRef& ref,
                                const std::vector<FrameShape>& proposals, std::string description);

}  // namespace vantage::core
