#pragma once
// Model assistance, core side: pre-labels are stored shapes with source
// Model (imported detections with a score, GrabCut outlines). The annotator
// accepts one (it becomes a Manual keyframe) or rejects it (it is removed),
// and "next most uncertain" visits frames by lowest pre-label score.

#include <optional>
#include <string>
#include <vector>

#include "core/commands/command.h"

namespace vantage::core {

// One stored shape: object, track and frame.
struct ShapeRef {
  ObjectId object = 0;
  std::string sensor;
  ShapeKind kind = ShapeKind::Box2D;
  int frame = 0;
  bool operator==(const ShapeRef& o) const {
    return object == o.object && sensor == o.sensor && kind == o.kind && frame == o.frame;
  }
};

inline bool is_prelabel(const Shape& s) {
  return s.source == ShapeSource::Model;
}

// Pending pre-labels at a frame, in object order.
std::vector<ShapeRef> prelabels_at(const Annotations& annotations, int frame);

// Accepted pre-labels become Manual keyframes (score cleared: a person now
// vouches for them). References to shapes that are not pre-labels are
// ignored; nullptr when nothing changes.
CommandPtr make_accept_prelabels(const Document& doc, const std::vector<ShapeRef>& refs);
// Rejected pre-labels are removed; an object left without shapes is deleted.
CommandPtr make_reject_prelabels(const Document& doc, const std::vector<ShapeRef>& refs);

struct UncertainFrame {
  int frame = 0;
  double score = 0;  // lowest pending pre-label score (missing scores count as 0)
  int count = 0;     // pending pre-labels at the frame
};

// Frames with pending pre-labels, lowest score first (ties: earlier frame).
std::vector<UncertainFrame> frames_by_uncertainty(const Annotations& annotations);

// The frame after `current` in that order (the first one when `current` is
// not in it); nullopt when no pre-label is pending.
std::optional<int> next_most_uncertain(const Annotations& annotations,
                                       std::optional<int> current = std::nullopt);

}  // namespace vantage::core
