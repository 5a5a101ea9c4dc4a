#pragma once
// Does the model help? From the pre-label decisions (Review::prelabel_decisions)
// and the labels as they are now:
//   acceptance rate  accepted / decided
//   correction       an accepted pre-label whose final shape differs
//                    (IoU < 0.99) or whose object's class is not the one
//                    the model proposed; mean correction IoU is the IoU of
//                    proposal and final shape over accepted ones
//   time saved       per decision: drawing the shape from scratch minus
//                    reviewing it (accepted as is), minus also the
//                    correction (drawing time x (1 - IoU), and all of it
//                    for a changed class); a rejection costs its review.
//                    Drawing time per kind is measured from the document
//                    (median gap between consecutive manual keyframes one
//                    person created, gaps over 2 minutes left out), review
//                    time from consecutive decisions; defaults (box 7 s,
//                    polygon 25 s, cuboid 30 s, review 2 s) when fewer than
//                    5 gaps were seen.

#include <map>
#include <string>

#include "core/model/document.h"

namespace vantage::core {

struct PrelabelFigures {
  size_t decided = 0, accepted = 0, corrected = 0, rejected = 0, class_changed = 0;
  size_t iou_pairs = 0;
  double sum_iou = 0;
  double seconds_saved = 0;
  double acceptance_rate() const { return decided ? double(accepted) / double(decided) : 0.0; }
  double mean_correction_iou() const { return iou_pairs ? sum_iou / double(iou_pairs) : 0.0; }
};

struct PrelabelStats {
  PrelabelFigures overall;
  std::map<std::string, PrelabelFigures> per_class;  // the final class (the proposal's if deleted)
  std::map<std::string, PrelabelFigures> per_model;  // model id
  size_t pending = 0;                                // pre-labels not decided yet
  std::map<std::string, double> draw_seconds;        // per shape kind, as used
  double review_seconds = 0;
  bool timings_measured = false;  // false: defaults were used for some
};

PrelabelStats compute_prelabel_stats(const Document& doc);

}  // namespace vantage::core
