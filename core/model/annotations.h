#pragma once
// Everything an annotator produces for one sequence: objects with their
// shapes, frame-level tags, review state and file metadata.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/model/ignore_region.h"
#include "core/model/merge_conflict.h"
#include "core/model/object.h"
#include "core/model/review.h"
#include "core/segmentation/segmentation.h"

namespace vantage::core {

struct AnnotationMetadata {
  std::string tool;          // tool and version that last wrote the file
  int schema_version = 0;    // schema version the annotations conform to
  int64_t created_ms = 0;
  int64_t modified_ms = 0;
  std::vector<std::string> annotators;
  std::map<std::string, std::string> extra;  // free-form, kept verbatim
  bool operator==(const AnnotationMetadata& o) const {
    return tool == o.tool && schema_version == o.schema_version && created_ms == o.created_ms &&
           modified_ms == o.modified_ms && annotators == o.annotators && extra == o.extra;
  }
};

struct Annotations {
  std::vector<Object> objects;                    // sorted by id
  std::map<int, std::vector<std::string>> frame_tags;  // frame -> classification tags
  std::set<int> excluded_frames;  // frames taken out of the work (blurry, duplicate, ...)
  // Frame -> regions left unlabelled on purpose (KITTI DontCare, COCO
  // crowds); not objects. Each frame's list is in insertion order.
  std::map<int, std::vector<IgnoreRegion>> ignore_regions;
  Review review;
  AnnotationMetadata metadata;
  // Left by a three-way merge for review (empty in a file nobody merged).
  std::vector<MergeConflict> conflicts;
  // Label images per camera and frame, point labels per sweep (loaded
  // lazily from their sidecar files: core/segmentation/segmentation.h).
  Segmentation segmentation;

  const Object* find(ObjectId id) const;
  Object* find(ObjectId id);
  // Inserts keeping the id order; replaces an object with the same id.
  Object& put(Object object);
  bool remove(ObjectId id);
  ObjectId next_id() const { return objects.empty() ? 1 : objects.back().id + 1; }
  size_t shape_count() const;
  size_t ignore_region_count() const;
  // Regions of `frame` (empty when none).
  const std::vector<IgnoreRegion>& ignore_regions_at(int frame) const;

  bool operator==(const Annotations& o) const {
    return objects == o.objects && frame_tags == o.frame_tags &&
           excluded_frames == o.excluded_frames && ignore_regions == o.ignore_regions &&
           review == o.review && metadata == o.metadata && conflicts == o.conflicts &&
           segmentation == o.segmentation;
  }
  bool operator!=(const Annotations& o) const { return !(*this == o); }
};

}  // namespace vantage::core
