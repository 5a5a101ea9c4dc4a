#pragma once
// The commands that edit annotations. Tools build these; nothing else writes
// to a Document held by an Editor.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/commands/command.h"

namespace vantage::core {

// Sets, replaces or (with nullopt) removes one shape of one object at one
// frame. Creates the track if needed and drops it when it becomes empty. The
// object must exist. Drags merge: give every command of one drag the same
// merge key.
class SetShapeCommand : public Command {
 public:
  SetShapeCommand(ObjectId object, std::string sensor, ShapeKind kind, int frame,
                  std::optional<Shape> after, std::string description = {});
  void apply(Document& doc) override;
  void revert(Document& doc) override;
  std::string describe() const override;
  bool merge(const Command& next) override;

 private:
  void put(Document& doc, const std::optional<Shape>& s) const;

  ObjectId object_;
  std::string sensor_;
  ShapeKind kind_;
  int frame_;
  std::optional<Shape> before_;
  std::optional<Shape> after_;
  bool captured_ = false;
  std::string description_;
};

// Replaces whole objects: each entry is (id, before, after) where a missing
// before means "added" and a missing after means "deleted". The general tool
// for add/delete/class change/split/merge/paste; capture `before` with
// ObjectsCommand::snapshot().
class ObjectsCommand : public Command {
 public:
  struct Change {
    ObjectId id = 0;
    std::optional<Object> before;
    std::optional<Object> after;
  };
  ObjectsCommand(std::string description, std::vector<Change> changes)
      : description_(std::move(description)), changes_(std::move(changes)) {}

  void apply(Document& doc) override;
  void revert(Document& doc) override;
  std::string describe() const override { return description_; }
  bool empty() const { return changes_.empty(); }

  // Builds a command that edits the listed objects through `edit` (called on
  // copies; a copy whose id is set negative is deleted). Unchanged objects are
  // left out; returns nullptr when nothing changed.
  static std::unique_ptr<ObjectsCommand> edit(const Document& doc, std::string description,
                                              const std::vector<ObjectId>& ids,
                                              const std::function<void(Object&)>& edit);

 private:
  std::string description_;
  std::vector<Change> changes_;
};

CommandPtr make_add_object(Object object, std::string description = {});
CommandPtr make_delete_objects(const Document& doc, const std::vector<ObjectId>& ids);

class SetFrameTagsCommand : public Command {
 public:
  SetFrameTagsCommand(int frame, std::vector<std::string> tags)
      : frame_(frame), after_(std::move(tags)) {}
  void apply(Document& doc) override;
  void revert(Document& doc) override;
  std::string describe() const override;

 private:
  int frame_;
  std::vector<std::string> before_;
  std::vector<std::string> after_;
  bool captured_ = false;
};

// Adds (at `index` = the end) or removes (after = nullopt) one ignore
// region of one frame. Keeps the removed region so undo puts it back where
// it was.
class IgnoreRegionCommand : public Command {
 public:
  // Add `region` at the end of the frame's list.
  IgnoreRegionCommand(int frame, IgnoreRegion region);
  // Remove the region at `index` of the frame's list.
  IgnoreRegionCommand(int frame, size_t index);
  void apply(Document& doc) override;
  void revert(Document& doc) override;
  std::string describe() const override;

 private:
  int frame_;
  std::optional<size_t> index_;  // removal
  std::optional<IgnoreRegion> region_;
};

// Schema edits (rename/merge a class, add an attribute, edit colours or
// guidelines). Runs `change` on a copy of schema and annotations, then keeps
// only what differs so undo restores both exactly.
class SchemaCommand : public Command {
 public:
  SchemaCommand(const Document& doc, std::string description,
                const std::function<void(Schema&, Annotations&)>& change);
  void apply(Document& doc) override;
  void revert(Document& doc) override;
  std::string describe() const override { return description_; }

 private:
  std::string description_;
  Schema before_schema_, after_schema_;
  int before_schema_version_ = 0, after_schema_version_ = 0;
  std::vector<ObjectsCommand::Change> objects_;
  struct SegmentTableChange {
    LayerKey key;
    std::vector<Segment> before, after;
  };
  std::vector<SegmentTableChange> segment_tables_;
};

// Replaces the review state (statuses, comments, batches) as one step.
class ReviewCommand : public Command {
 public:
  ReviewCommand(const Document& doc, std::string description,
                const std::function<void(Review&)>& change);
  void apply(Document& doc) override { doc.annotations.review = after_; }
  void revert(Document& doc) override { doc.annotations.review = before_; }
  std::string describe() const override { return description_; }

 private:
  std::string description_;
  Review before_, after_;
};

}  // namespace vantage::core
