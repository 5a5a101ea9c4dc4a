#pragma once
// Propagate: carry the current shape of a track forward N frames, as
// proposals for review (store them with make_store_proposals). Three
// proposers: a plain copy (any kind), an OpenCV tracker for 2D boxes
// (box_tracker.h) and a cuboid re-fit to each next frame's points.
//
// Propagation fills frames from + 1 ... from + n and stops early before a
// stored keyframe, an outside frame or the end of the sequence.

#include <functional>
#include <optional>
#include <vector>

#include "core/tracking/keyframe_commands.h"

namespace vantage::core {

// The frames propagation from `from` may fill (see above).
std::vector<int> propagation_frames(const Document& doc, const TrackRef& ref, int from, int n);

// Copies of the shape at `from` (stored or interpolated): keyframe false,
// source Manual (a person asked for the copy; it is data, see
// interpolator.h). Cuboids stay put in the world when there are ego poses.
// Empty when there is no shape at `from`.
std::vector<FrameShape> propose_copies(const Document& doc, const Interpolator& interpolator,
                                       const TrackRef& ref, int from, int n);

// Fits a cuboid to the points of `frame`, starting from `initial` (in that
// frame's vehicle frame); nullopt when the fit fails. The auto-fit of the
// geometry work plugs in here.
using CuboidFitter = std::function<std::optional<Cuboid>(int frame, const Cuboid& initial)>;

// Re-fits the object's cuboid frame after frame: each fit starts from the
// previous result carried into the next frame (through the world when there
// are ego poses) and moved on by the last frame-to-frame motion (constant
// velocity). Proposals have keyframe false and source Tracker; stops at the
// first failed fit.
std::vector<FrameShape> propose_cuboid_refits(const Document& doc, const Interpolator& interpolator,
                                              ObjectId id, int from, int n,
                                              const CuboidFitter& fit);

}  // namespace vantage::core
