#pragma once
// The QA rules engine: runs the configured rules (rule_set.h) on a document
// and returns one Finding per problem, with the frame, object and sensor it
// is about, so the Issues panel can jump there and the timeline mark it.
//
// Rules look at what the annotators made: the stored anchors of each track
// (keyframes and accepted proposals, see interpolator.h), not interpolated
// in-betweens, which are recomputed and cannot be wrong on their own. They
// read tracks through the Interpolator where they need the object at a frame
// (a box's cuboid, a keypoint set's box) or its extent (track gaps), so QA
// agrees with what the views draw.

#include <vector>

#include "core/model/document.h"
#include "core/qa/finding.h"
#include "core/qa/rule_set.h"
#include "core/tracking/interpolator.h"

namespace vantage::core {

struct RuleRunOptions {
  // min-lidar-points reads each frame's LiDAR files; off for quick runs.
  bool read_points = true;
  InterpolationOptions interpolation;
};

std::vector<Finding> run_rules(const Document& doc, const RuleSet& rules,
                               const RuleRunOptions& options = {});

// Structural validation followed by the rules' findings sorted by frame
// (document-wide ones first): what `vantage validate --rules` and the Issues panel show.
struct ValidationOptions {
  bool check_files = true;
  RuleRunOptions rules;
};
std::vector<Finding> validate_document(const Document& doc, const RuleSet& rules,
                                       const ValidationOptions& options = {});

}  // namespace vantage::core
