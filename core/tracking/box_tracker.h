#pragma once
// Propagating a 2D box with an OpenCV tracker (contrib tracking module:
// CSRT, or the faster and less accurate KCF). The tracker follows the box
// through the next frames' images and proposes a box per frame, for review:
// keyframe false, source Tracker.

#include <vector>

#include "core/tracking/frame_image.h"
#include "core/tracking/propagation.h"

namespace vantage::core {

enum class BoxTrackerAlgorithm { CSRT, KCF };

struct BoxTrackerOptions {
  BoxTrackerAlgorithm algorithm = BoxTrackerAlgorithm::CSRT;
  // Stop when less than this share of the tracked box is inside the image.
  double min_inside = 0.25;
};

// Tracks `start` (a Box2D shape at frame `from`) through `frames` (increasing,
// after `from`). Stops at a frame without an image, when the tracker loses
// the target or when the box leaves the image. Proposals copy start's
// occlusion and attributes.
std::vector<FrameShape> propose_box_track(const FrameImageSource& images, int from,
                                          const Shape& start, const std::vector<int>& frames,
                                          const BoxTrackerOptions& options = {});

// The same for a box track of a document: starts from the box at `from`
// (stored or interpolated) and fills propagation_frames(doc, ref, from, n).
std::vector<FrameShape> propose_box_track(const Document& doc, const Interpolator& interpolator,
                                          const TrackRef& ref, int from, int n,
                                          const BoxTrackerOptions& options = {});

}  // namespace vantage::core
