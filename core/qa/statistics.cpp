#include "core/qa/statistics.h"

#include <set>

namespace vantage::core {

DatasetStatistics compute_statistics(const Document& doc) {
  DatasetStatistics s;
  const Annotations& a = doc.annotations;
  s.frames = doc.sequence.frame_count();
  s.excluded_frames = int(a.excluded_frames.size());
  s.objects = a.objects.size();
  for (const Object& o : a.objects) {
    ++s.objects_per_class[o.class_name];
    std::set<std::string> authors;
    for (const Track& t : o.tracks)
      for (const FrameShape& fs : t.shapes) {
        ++s.shapes;
        ++s.shapes_per_class[o.class_name];
        ++s.shapes_per_kind[to_string(t.kind)];
        AnnotatorFigures& af = s.per_annotator[fs.shape.annotator];
        ++af.shapes;
        if (fs.shape.keyframe) {
          ++s.keyframes;
          ++af.keyframes;
          ++af.keyframes_per_kind[to_string(t.kind)];
          authors.insert(fs.shape.annotator);
        }
      }
    const auto mark = a.review.objects.find(o.id);
    for (const auto& name : authors) {
      AnnotatorFigures& af = s.per_annotator[name];
      ++af.objects;
      if (mark != a.review.objects.end()) {
        af.objects_rejected += mark->second.status == ReviewStatus::Rejected;
        af.objects_accepted += mark->second.status == ReviewStatus::Accepted;
      }
    }
  }
  for (int f = 0; f < s.frames; ++f) {
    const auto it = a.review.frames.find(f);
    ++s.frames_by_status[to_string(it == a.review.frames.end() ? ReviewStatus::Todo
                                                               : it->second.status)];
  }
  for (const Comment& c : a.review.comments)
    (c.resolved ? s.resolved_comments : s.open_comments)++;
  return s;
}

}  // namespace vantage::core
