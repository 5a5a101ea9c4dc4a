#pragma once
// `dataset info`: per sequence frames, objects, progress, review state,
// claims, conflicts left by merges and (optionally) QA findings; loaded in
// parallel.

#include <map>
#include <string>
#include <vector>

#include "core/dataset/dataset.h"

namespace vantage::core {

struct SequenceInfo {
  std::string name, path, split;
  ReviewStatus status = ReviewStatus::Todo;
  int frames = 0;
  size_t objects = 0, shapes = 0, keyframes = 0;
  std::map<std::string, size_t> objects_per_class;
  // Frames marked done or accepted, over the frames not excluded.
  double progress = 0;
  std::map<std::string, size_t> frame_review;  // status -> frames
  size_t excluded_frames = 0;
  std::vector<std::string> annotators;  // who made the shapes
  std::vector<Claim> claims;
  size_t conflicts = 0;  // merge conflicts waiting for review
  bool schema_current = true;
  int qa_errors = -1, qa_warnings = -1;  // -1: not run
  std::string error;  // the sequence could not be loaded
};

struct DatasetInfoOptions {
  bool qa = false;  // run the QA rules (no file or point checks) per sequence
};

struct DatasetInfo {
  std::string name;
  std::string schema_name;
  int schema_version = 0;
  size_t schema_classes = 0;
  std::vector<SequenceInfo> sequences;
  int frames = 0;
  size_t objects = 0, shapes = 0, conflicts = 0, manifest_conflicts = 0;
  double progress = 0;  // over all frames
  std::map<std::string, size_t> sequences_per_split;
};

DatasetInfo dataset_info(const Dataset& dataset, const DatasetInfoOptions& options = {});

}  // namespace vantage::core
