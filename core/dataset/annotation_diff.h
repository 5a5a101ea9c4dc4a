#pragma once
// Semantic diff of annotations and of whole dataset revisions: objects
// added, removed and changed, with the frame ranges and the fields that
// changed, rather than lines of JSON. Interpolated in-betweens (a cache
// recomputed from the keyframes) are counted, not listed.

#include <set>
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/model/annotations.h"

namespace vantage::core {

struct TrackDiff {
  std::string sensor;
  ShapeKind kind = ShapeKind::Box2D;
  std::vector<FrameRange> added, removed, changed;  // keyframes / anchors
  std::set<std::string> fields;  // of the changed shapes: geometry, occlusion, attributes.x, ...
  size_t interpolated = 0;       // in-betweens that differ
};

struct ObjectDiff {
  enum class Change { Added, Removed, Changed };
  Change change = Change::Changed;
  ObjectId id = 0;
  std::string class_name;      // after (before, when removed)
  std::string old_class_name;  // before, when the class changed
  std::vector<std::string> fields;  // object fields: class, attributes.x, outside
  std::vector<TrackDiff> tracks;
  int first_frame = -1, last_frame = -1;  // the object's span (after; before when removed)
  size_t shapes = 0;                      // shapes (after; before when removed)
};
const char* to_string(ObjectDiff::Change c);

struct AnnotationDiff {
  std::vector<ObjectDiff> objects;  // by id
  std::vector<int> frame_tags_changed;
  std::vector<int> excluded_added, excluded_removed;
  size_t review_changes = 0;  // frame and object marks, comments, batches
  size_t conflicts_added = 0, conflicts_removed = 0;
  bool empty() const {
    return objects.empty() && frame_tags_changed.empty() && excluded_added.empty() &&
           excluded_removed.empty() && review_changes == 0 && conflicts_added == 0 && conflicts_removed == 0;
  }
};

AnnotationDiff diff_annotations(const Annotations& before, const Annotations& after);
// The same from two annotations.json texts. Files in the writer's canonical
// layout are split per object first and only objects whose text differs are
// parsed (a 100k-shape file is ~30 MB); anything else is parsed whole.
AnnotationDiff diff_annotation_texts(const std::string& before, const std::string& after,
                                     const std::string& before_label, const std::string& after_label);

// Sorted frames -> inclusive ranges.
std::vector<FrameRange> to_ranges(const std::vector<int>& sorted_frames);
std::string ranges_text(const std::vector<FrameRange>& ranges);  // "0-4, 9, 12-20"

struct SequenceDiff {
  std::string name;
  enum class Change { Added, Removed, Changed } change = Change::Changed;
  std::vector<std::string> entry_changes;  // dataset.json fields: "status todo -> done"
  AnnotationDiff annotations;
  bool sequence_changed = false;  // sequence.json (frames, sensors) differs
};

struct DatasetDiff {
  std::string from, to;  // revisions ("" = work tree)
  std::vector<std::string> manifest_changes;  // name, split settings, claims
  std::vector<std::string> schema_changes;    // recorded changes between the two
  bool schema_edited = false;                 // schema.json differs beyond its history
  std::vector<SequenceDiff> sequences;
  bool empty() const { return manifest_changes.empty() && schema_changes.empty() && !schema_edited && sequences.empty(); }
};

// `to` empty: the work tree.
DatasetDiff diff_dataset(const Dataset& dataset, const std::string& from, const std::string& to);

}  // namespace vantage::core
