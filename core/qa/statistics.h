#pragma once
// Figures for the Statistics panel and `vantage qa stats`: class counts,
// per-annotator work and review outcomes. Computed here so the CLI and the
// panel show the same numbers.

#include <map>
#include <string>

#include "core/model/document.h"

namespace vantage::core {

struct AnnotatorFigures {
  size_t objects = 0;    // objects with at least one keyframe by this annotator
  size_t keyframes = 0;  // stored keyframes (shape.annotator)
  size_t shapes = 0;     // stored shapes of any source
  std::map<std::string, size_t> keyframes_per_kind;
  size_t objects_rejected = 0, objects_accepted = 0;  // review marks on their objects
};

struct DatasetStatistics {
  int frames = 0;
  int excluded_frames = 0;
  size_t objects = 0, shapes = 0, keyframes = 0;
  std::map<std::string, size_t> objects_per_class;
  std::map<std::string, size_t> shapes_per_class;
  std::map<std::string, size_t> shapes_per_kind;
  std::map<std::string, AnnotatorFigures> per_annotator;  // "" = unknown
  std::map<std::string, size_t> frames_by_status;         // every frame (unmarked = todo)
  size_t open_comments = 0, resolved_comments = 0;
};

DatasetStatistics compute_statistics(const Document& doc);

}  // namespace vantage::core
