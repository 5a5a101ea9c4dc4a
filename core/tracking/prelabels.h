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
// vouches for them; the model provenance stays). References to shapes that
// are not pre-labels are ignored; nullptr when nothing changes. Each
// decision is recorded in Review::prelabel_decisions with who and when
// (time_ms 0: now), as one undo step with the edit.
CommandPtr make_accept_prelabels(const Document& doc, const std::vector<ShapeRef>& refs,
                                 const std::string& who = {}, int64_t time_ms = 0);
// Rejected pre-labels are removed; an object left without shapes is deleted.
CommandPtr make_reject_prelabels(const Document& doc, const std::vector<ShapeRef>& refs,
                                 const std::string& who = {}, int64_t time_ms = 0);

// The decision record for a pending pre-label (its geometry as proposed).
PrelabelDecision make_decision(const Object& object, const ShapeRef& ref, const Shape& prelabel,
                               PrelabelAction action, const std::string& who, int64_t time_ms);
// Appends decisions to the review log (an undoable step of its own): what
// the workstation records when a person edits a pending pre-label directly
// (moving it accepts it as a correction).
CommandPtr make_record_decisions(const Document& doc, std::vector<PrelabelDecision> decisions);

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
