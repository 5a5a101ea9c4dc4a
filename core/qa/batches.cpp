#include "core/qa/batches.h"

#include <fmt/format.h>

#include "core/util/error.h"

namespace vantage::core {

std::vector<Batch> split_batches(int frame_count, int size,
                                 const std::vector<std::string>& annotators,
                                 const std::vector<std::string>& reviewers) {
  if (size < 1) throw Error(fmt::format("batch size must be at least 1 (got {})", size));
  if (annotators.empty()) throw Error("give at least one annotator");
  std::vector<Batch> out;
  for (int first = 0, i = 0; first < frame_count; first += size, ++i) {
    Batch b;
    b.name = fmt::format("batch-{:03}", i + 1);
    b.frames = {first, std::min(frame_count - 1, first + size - 1)};
    b.annotator = annotators[size_t(i) % annotators.size()];
    if (!reviewers.empty()) b.reviewer = reviewers[size_t(i) % reviewers.size()];
    out.push_back(std::move(b));
  }
  return out;
}

std::vector<BatchActivity> batch_activity(const Annotations& a) {
  std::vector<BatchActivity> out;
  for (const Batch& b : a.review.batches) {
    BatchActivity act;
    act.batch = b;
    act.frames = size_t(b.frames.last - b.frames.first + 1);
    for (const Object& o : a.objects)
      for (const Track& t : o.tracks)
        for (size_t i = t.lower_bound(b.frames.first);
             i < t.shapes.size() && t.shapes[i].frame <= b.frames.last; ++i)
          if (t.shapes[i].shape.keyframe) ++act.keyframes_by_annotator[t.shapes[i].shape.annotator];
    for (int f = b.frames.first; f <= b.frames.last; ++f) {
      const auto it = a.review.frames.find(f);
      ++act.frames_by_status[to_string(it == a.review.frames.end() ? ReviewStatus::Todo
                                                                   : it->second.status)];
      if (it != a.review.frames.end() && !it->second.reviewer.empty())
        ++act.marks_by_reviewer[it->second.reviewer];
    }
    out.push_back(std::move(act));
  }
  return out;
}

}  // namespace vantage::core
