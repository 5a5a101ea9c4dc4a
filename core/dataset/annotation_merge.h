#pragma once
// Semantic three-way merge of a sequence's annotations.
//
// - Objects are matched by id, never by position. Objects only one side
//   touched take that side's version; both sides' new objects are kept. Two
//   different objects created with the same id on both sides (ids are
//   allocated per clone) are both kept: theirs gets a fresh id (a note).
// - Inside an object both edited: class, each static attribute and the
//   outside spans merge as values; tracks by (sensor, kind), shapes by frame.
//   Edits of different frames or different tracks merge cleanly.
// - Conflicts never pick silently and never break the file: the annotations
//   keep one version (ours; for delete-versus-edit the edited one) and a
//   MergeConflict record inside the file keeps the other as a proposal:
//     shape        the same shape (object, sensor, kind, frame) edited on
//                  both sides, or added on both with different values;
//     delete_edit  an object or shape deleted on one side, edited on the other;
//     object       class / attribute / outside changed differently;
//     frame_tags, review, metadata  the same entry changed differently.
// - Interpolated in-betweens (source Interpolated, not keyframes) are a cache
//   recomputed from the keyframes (interpolator.h): they never conflict.
// - Frame tags, excluded frames, review marks, comments and batches merge per
//   entry; earlier conflict records merge as a set (a resolved one stays
//   resolved).
// - When the schema changed on a side, the merged metadata.schema_version is
//   the base's, so loading replays the (idempotent) migrations over objects
//   either side added; with `schema` given, all sides are migrated first.

#include <optional>
#include <string>
#include <vector>

#include "core/model/annotations.h"
#include "core/model/schema.h"

namespace vantage::core {

struct AnnotationMergeOptions {
  std::string ours_label = "ours";
  std::string theirs_label = "theirs";
  const Schema* schema = nullptr;
  // Ids given to clashing new objects start above this too (when only some
  // of the objects are merged here, the others' ids stay taken).
  ObjectId first_new_id = 0;
};

struct AnnotationMergeResult {
  Annotations merged;
  size_t new_conflicts = 0;  // records this merge added (the last ones in merged.conflicts)
  std::vector<std::string> notes;
};

// `base` may be null (the file was added on both sides).
AnnotationMergeResult merge_annotations(const Annotations* base, const Annotations& ours,
                                        const Annotations& theirs,
                                        const AnnotationMergeOptions& options = {});

// "object 7 (Car) CAM_FRONT box2d frame 12: edited on both sides; kept ours
// (alice), the other is a proposal (bob)".
std::string describe(const MergeConflict& conflict);

// Resolves conflict `index`: with take_proposal the other side's value
// replaces the kept one (a deletion deletes), else the kept version stays.
// The record is removed. Throws Error for records whose proposal cannot be
// applied automatically (resolve those by hand, then keep).
void resolve_conflict(Annotations& annotations, size_t index, bool take_proposal);

}  // namespace vantage::core
