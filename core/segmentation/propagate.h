#pragma once
// Propagates a camera's masks to the following frames as proposals: each
// segment is warped frame to frame by dense optical flow (DIS) and, for an
// object, re-anchored on its box there (its 2D box on that camera, else its
// cuboid projected into the camera). Labelled pixels of the target frames
// are never overwritten, and new segments are marked `proposed` for review.
// One command (one undo step) covers every frame.

#include <optional>
#include <string>
#include <vector>

#include "core/commands/command.h"
#include "core/segmentation/image_assist.h"
#include "core/tracking/frame_image.h"

namespace vantage::core {

struct PropagateOptions {
  int frames = 5;                 // how many following frames
  std::vector<uint16_t> segments;  // which segments of the source layer; empty = all
  PropagationOptions flow;
  bool reanchor = true;  // re-anchor objects on their box / projected cuboid
};

// The box an object has in a camera at a frame: its 2D box there, else its
// cuboid projected (nullopt when neither).
std::optional<Box2D> object_anchor(const Document& doc, ObjectId object, const std::string& camera,
                                   int frame);

// nullptr when nothing was propagated (no layer, no images).
CommandPtr propagate_masks(const Document& doc, const std::string& camera, int frame,
                           const FrameImageSource& images, const PropagateOptions& options = {});

// Clears the `proposed` flag of a layer's segments (all, or those listed):
// the reviewer accepts what propagation proposed.
CommandPtr accept_proposals(const Document& doc, const LayerKey& key,
                            const std::vector<uint16_t>& segments = {});

}  // namespace vantage::core
