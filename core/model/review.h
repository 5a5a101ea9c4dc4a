#pragma once
// Review state stored with the annotations: per-frame and per-object status,
// comments, and batches of work assigned to annotators and reviewers.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/math.h"
#include "core/model/object.h"

namespace vantage::core {

enum class ReviewStatus : uint8_t { Todo, InProgress, Done, Accepted, Rejected };
const char* to_string(ReviewStatus s);
std::optional<ReviewStatus> review_status_from_string(const std::string& s);

struct ReviewMark {
  ReviewStatus status = ReviewStatus::Todo;
  std::string reviewer;
  int64_t time_ms = 0;
  std::string reason;  // why it was rejected, shown to the annotator
  bool operator==(const ReviewMark& o) const {
    return status == o.status && reviewer == o.reviewer && time_ms == o.time_ms &&
           reason == o.reason;
  }
};

// A comment pinned to an object, or to an image location, or to a frame.
struct Comment {
  int64_t id = 0;
  int frame = 0;
  std::optional<ObjectId> object;
  std::string sensor;            // camera name when pinned to an image location
  std::optional<Vec2> position;  // pixel position in that camera
  std::string author;
  std::string text;
  int64_t time_ms = 0;
  bool resolved = false;
  bool operator==(const Comment& o) const {
    return id == o.id && frame == o.frame && object == o.object && sensor == o.sensor &&
           position == o.position && author == o.author && text == o.text &&
           time_ms == o.time_ms && resolved == o.resolved;
  }
};

// A range of frames assigned to an annotator and a reviewer.
struct Batch {
  std::string name;
  FrameRange frames;
  std::string annotator;
  std::string reviewer;
  bool operator==(const Batch& o) const {
    return name == o.name && frames == o.frames && annotator == o.annotator &&
           reviewer == o.reviewer;
  }
};

// What a person did with one model pre-label: accepted it (possibly after
// moving it or changing its class: a correction, told apart later by
// comparing `proposed` with the final shape) or rejected it. The proposal is
// kept as the model made it, so acceptance rates and correction IoU can be
// computed at any time (core/models/prelabel_stats.h).
enum class PrelabelAction : uint8_t { Accepted, Rejected };
const char* to_string(PrelabelAction a);
std::optional<PrelabelAction> prelabel_action_from_string(const std::string& s);

struct PrelabelDecision {
  ObjectId object = 0;
  std::string sensor;
  int frame = 0;
  PrelabelAction action = PrelabelAction::Accepted;
  std::string who;
  int64_t time_ms = 0;
  std::string model;        // Shape::model of the proposal
  std::string model_class;  // the class the model proposed
  double score = -1;
  Geometry proposed;        // the pre-label's geometry as the model made it
  bool operator==(const PrelabelDecision& o) const {
    return object == o.object && sensor == o.sensor && frame == o.frame && action == o.action &&
           who == o.who && time_ms == o.time_ms && model == o.model &&
           model_class == o.model_class && score == o.score && proposed == o.proposed;
  }
};

struct Review {
  std::map<int, ReviewMark> frames;
  std::map<ObjectId, ReviewMark> objects;
  std::vector<Comment> comments;
  std::vector<Batch> batches;
  std::vector<PrelabelDecision> prelabel_decisions;  // in the order they were made
  bool empty() const {
    return frames.empty() && objects.empty() && comments.empty() && batches.empty() &&
           prelabel_decisions.empty();
  }
  bool operator==(const Review& o) const {
    return frames == o.frames && objects == o.objects && comments == o.comments &&
           batches == o.batches && prelabel_decisions == o.prelabel_decisions;
  }
};

}  // namespace vantage::core
