#pragma once
// Questions asked of the review state: where is the next frame to look at,
// and what did the reviewer reject and why (what the annotator sees).

#include <optional>
#include <string>
#include <vector>

#include "core/model/annotations.h"

namespace vantage::core {

// A frame counts as rejected when its own mark is Rejected or when it is the
// first frame of a rejected object (where stepping should land to fix it).
// Searches forward from `from` + 1 and wraps around; nullopt when none.
// Excluded frames are skipped.
std::optional<int> next_rejected_frame(const Annotations& a, int from, int frame_count);
// Unreviewed: no mark, or Todo / InProgress / Done (not yet Accepted or
// Rejected by a reviewer).
std::optional<int> next_unreviewed_frame(const Annotations& a, int from, int frame_count);
// Backward variants (wrap too).
std::optional<int> previous_rejected_frame(const Annotations& a, int from, int frame_count);
std::optional<int> previous_unreviewed_frame(const Annotations& a, int from, int frame_count);

// The status shown for a frame (Todo when unmarked).
ReviewStatus frame_status(const Annotations& a, int frame);
ReviewStatus object_status(const Annotations& a, ObjectId object);

// One item of the annotator's "rejected and why" list.
struct RejectionItem {
  enum class Kind : uint8_t { Frame, Object, Comment };
  Kind kind = Kind::Frame;
  int frame = 0;
  std::optional<ObjectId> object;
  std::string class_name;  // objects
  std::string reviewer;    // or the comment's author
  std::string reason;      // or the comment's text
  int64_t time_ms = 0;
  int64_t comment_id = 0;
};
const char* to_string(RejectionItem::Kind k);

// Rejected frames and objects and open (unresolved) comments, by frame.
std::vector<RejectionItem> rejection_list(const Annotations& a);

}  // namespace vantage::core
