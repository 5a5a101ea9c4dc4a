#pragma once
// Undoable edits of the review state (Annotations::review) and of the frames
// excluded from the work: what the Review panel, the Issues panel and
// `vantage qa` call.

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/commands/annotation_commands.h"
#include "core/commands/command.h"
#include "core/io/file_util.h"  // now_ms: marks and comments are stamped with it

namespace vantage::core {

// --- Direct edits of a Review (used by the commands and by batch tools) -----
void set_frame_mark(Review& review, int frame, const ReviewMark& mark);
void set_object_mark(Review& review, ObjectId object, const ReviewMark& mark);
// Adds a comment with the next free id (comment.id is ignored); returns the id.
int64_t add_comment(Review& review, Comment comment);
// False when there is no comment with that id.
bool set_comment_resolved(Review& review, int64_t id, bool resolved);

// Commands built on ReviewCommand (annotation_commands.h): each snapshots the
// document's review when made, so execute them right away.
CommandPtr make_frame_review_command(const Document& doc, int frame, ReviewStatus status,
                                     const std::string& reviewer, const std::string& reason = {},
                                     int64_t time_ms = now_ms());
CommandPtr make_object_review_command(const Document& doc, ObjectId object, ReviewStatus status,
                                      const std::string& reviewer, const std::string& reason = {},
                                      int64_t time_ms = now_ms());
CommandPtr make_add_comment_command(const Document& doc, const Comment& comment);
CommandPtr make_resolve_comment_command(const Document& doc, int64_t id, bool resolved = true);
CommandPtr make_set_batches_command(const Document& doc, std::vector<Batch> batches);

// Replaces Annotations::excluded_frames.
class ExcludedFramesCommand : public Command {
 public:
  ExcludedFramesCommand(std::set<int> frames, std::string description = "Exclude frames")
      : after_(std::move(frames)), description_(std::move(description)) {}
  void apply(Document& doc) override;
  void revert(Document& doc) override { doc.annotations.excluded_frames = before_; }
  std::string describe() const override { return description_; }

 private:
  std::set<int> before_, after_;
  bool captured_ = false;
  std::string description_;
};

}  // namespace vantage::core
