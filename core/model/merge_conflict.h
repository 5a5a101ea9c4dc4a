#pragma once
// A conflict left by a three-way merge of annotations (core/dataset/
// annotation_merge.h), stored inside annotations.json so the file stays valid
// and nothing is lost: the annotations hold the kept version, the record holds
// what the base and both sides had (the other side's value is a proposal to
// review). Values are compact JSON text (sorted keys), "null" when a side has
// nothing there.

#include <cstdint>
#include <optional>
#include <string>

#include "core/model/object.h"

namespace vantage::core {

struct MergeConflict {
  // "shape" (the same shape edited on both sides), "delete_edit" (an object
  // or shape deleted on one side and edited on the other), "object" (an
  // object field such as the class changed on both sides), "frame_tags",
  // "review", "metadata".
  std::string kind;
  std::optional<ObjectId> object;
  int frame = -1;  // -1 when not about one frame
  std::string sensor;
  std::optional<ShapeKind> shape_kind;
  std::string field;  // object or review field ("class", "attributes.color", ...)
  std::string kept;   // "ours" or "theirs": which version the annotations hold
  std::string ours_label, theirs_label;  // who made each side (branch, author)
  std::string base, ours, theirs;        // JSON values
  std::string message;

  bool operator==(const MergeConflict& o) const {
    return kind == o.kind && object == o.object && frame == o.frame && sensor == o.sensor &&
           shape_kind == o.shape_kind && field == o.field && kept == o.kept &&
           ours_label == o.ours_label && theirs_label == o.theirs_label && base == o.base &&
           ours == o.ours && theirs == o.theirs && message == o.message;
  }
  bool operator!=(const MergeConflict& o) const { return !(*this == o); }
};

}  // namespace vantage::core
