#pragma once
// Active learning: which pending pre-labels a person should look at first.
//
// Per pre-label (source Model):
//   uncertainty    from the score margin: a detection's score s against
//                  "no object" (1 - s) has margin 2s - 1 in [-1, 1];
//                  uncertainty = (1 - margin) / 2 = 1 - s, so the pre-labels
//                  the model least vouches for come first.
//   disagreement   between the 2D detector and the projected 3D pre-label
//                  of the same object: a cuboid is projected into each
//                  camera where it is in view and compared with that
//                  camera's boxes at the frame (and a box with the projected
//                  cuboids): 1 - best IoU, 1 when the best match has another
//                  class. Only where the other modality has shapes at that
//                  frame and sensor and labels the class somewhere in the
//                  sequence (a 2D people detector says nothing about cars).
//   inconsistency  along the object's track: the distance of the shape from
//                  the midpoint of its neighbours (constant velocity, in the
//                  world frame for cuboids; relative to the box size in
//                  images) and its size change against the track's median;
//                  a single-frame object in a sequence counts 0.5.
//   novelty        how unlike anything already accepted it is: distance in
//                  (log size, aspect, range) to the nearest accepted shape
//                  of the same class and kind; 1 when the class has none.
// The combined `priority` for --by uncertainty is 1 - (1 - u)(1 - d)(1 - i):
// any reason to doubt counts.

#include <optional>
#include <string>
#include <vector>

#include "core/model/document.h"

namespace vantage::core {

enum class QueueOrder : uint8_t { Uncertainty, Disagreement, Novelty };
const char* to_string(QueueOrder o);
std::optional<QueueOrder> queue_order_from_string(const std::string& s);

struct QueueItem {
  int frame = 0;
  ObjectId object = 0;
  std::string sensor;
  ShapeKind kind = ShapeKind::Box2D;
  std::string class_name;
  double score = 0;
  double uncertainty = 0;    // from the score margin
  double disagreement = 0;   // 2D vs projected 3D
  double inconsistency = 0;  // along the track
  double novelty = 0;
  double priority = 0;  // what the queue is sorted by
};

struct QueueFrame {
  int frame = 0;
  double priority = 0;  // highest among its items
  double total = 0;     // sum over its items (ties: more to review first)
  int items = 0;
};

struct ReviewQueue {
  std::vector<QueueItem> items;    // highest priority first
  std::vector<QueueFrame> frames;  // highest priority first
};

// Every pending pre-label, scored and sorted (ties: earlier frame, lower id).
ReviewQueue build_review_queue(const Document& doc, QueueOrder by);

// The frame after `current` in the queue's frame order (the first when
// `current` is not in it); nullopt when nothing is pending.
std::optional<int> next_queue_frame(const ReviewQueue& queue, std::optional<int> current);

}  // namespace vantage::core
