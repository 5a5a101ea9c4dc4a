#include "core/commands/review_commands.h"

#include <fmt/format.h>

#include <algorithm>

namespace vantage::core {

void set_frame_mark(Review& review, int frame, const ReviewMark& mark) {
  // Todo with no reviewer is the default: drop the entry so files stay small.
  if (mark.status == ReviewStatus::Todo && mark.reviewer.empty() && mark.reason.empty())
    review.frames.erase(frame);
  else
    review.frames[frame] = mark;
}

void set_object_mark(Review& review, ObjectId object, const ReviewMark& mark) {
  if (mark.status == ReviewStatus::Todo && mark.reviewer.empty() && mark.reason.empty())
    review.objects.erase(object);
  else
    review.objects[object] = mark;
}

int64_t add_comment(Review& review, Comment comment) {
  int64_t next = 1;
  for (const auto& c : review.comments)
    next = std::max(next, c.id + 1);
  comment.id = next;
  review.comments.push_back(std::move(comment));
  return next;
}

bool set_comment_resolved(Review& review, int64_t id, bool resolved) {
  for (auto& c : review.comments)
    if (c.id == id) {
      c.resolved = resolved;
      return true;
    }
  return false;
}

namespace {

ReviewMark mark_of(ReviewStatus status, const std::string& reviewer, const std::string& reason,
                   int64_t time_ms) {
  ReviewMark m;
  m.status = status;
  m.reviewer = reviewer;
  m.reason = reason;
  m.time_ms = time_ms;
  return m;
}

}  // namespace

CommandPtr make_frame_review_command(const Document& doc, int frame, ReviewStatus status,
                                     const std::string& reviewer, const std::string& reason,
                                     int64_t time_ms) {
  const ReviewMark m = mark_of(status, reviewer, reason, time_ms);
  return std::make_unique<ReviewCommand>(doc,
                                         fmt::format("Mark frame {} {}", frame, to_string(status)),
                                         [frame, m](Review& r) { set_frame_mark(r, frame, m); });
}

CommandPtr make_object_review_command(const Document& doc, ObjectId object, ReviewStatus status,
                                      const std::string& reviewer, const std::string& reason,
                                      int64_t time_ms) {
  const ReviewMark m = mark_of(status, reviewer, reason, time_ms);
  return std::make_unique<ReviewCommand>(
      doc, fmt::format("Mark object {} {}", object, to_string(status)),
      [object, m](Review& r) { set_object_mark(r, object, m); });
}

CommandPtr make_add_comment_command(const Document& doc, const Comment& comment) {
  return std::make_unique<ReviewCommand>(doc,
                                         comment.object
                                             ? fmt::format("Comment on object {}", *comment.object)
                                             : fmt::format("Comment at frame {}", comment.frame),
                                         [comment](Review& r) { add_comment(r, comment); });
}

CommandPtr make_resolve_comment_command(const Document& doc, int64_t id, bool resolved) {
  return std::make_unique<ReviewCommand>(
      doc, fmt::format("{} comment {}", resolved ? "Resolve" : "Reopen", id),
      [id, resolved](Review& r) { set_comment_resolved(r, id, resolved); });
}

CommandPtr make_set_batches_command(const Document& doc, std::vector<Batch> batches) {
  return std::make_unique<ReviewCommand>(doc, fmt::format("Assign {} batches", batches.size()),
                                         [&batches](Review& r) { r.batches = batches; });
}

void ExcludedFramesCommand::apply(Document& doc) {
  if (!captured_) {
    before_ = doc.annotations.excluded_frames;
    captured_ = true;
  }
  doc.annotations.excluded_frames = after_;
}

}  // namespace vantage::core
