#pragma once
// Batches of work: a sequence split into frame ranges, each assigned to an
// annotator and a reviewer (stored in Review::batches), and who actually did
// what in each (shape.annotator of the keyframes, the review marks).

#include <map>
#include <string>
#include <vector>

#include "core/model/annotations.h"

namespace vantage::core {

// Consecutive ranges of `size` frames (the last may be shorter), annotators
// and reviewers assigned round-robin. Names "batch-001", ... Throws Error
// when size < 1 or no annotator is given.
std::vector<Batch> split_batches(int frame_count, int size,
                                 const std::vector<std::string>& annotators,
                                 const std::vector<std::string>& reviewers);

struct BatchActivity {
  Batch batch;
  std::map<std::string, size_t> keyframes_by_annotator;  // shape.annotator ("" = unknown)
  std::map<std::string, size_t> frames_by_status;        // review status of each frame
  std::map<std::string, size_t> marks_by_reviewer;       // frame marks per reviewer
  size_t frames = 0;
};

std::vector<BatchActivity> batch_activity(const Annotations& annotations);

}  // namespace vantage::core
