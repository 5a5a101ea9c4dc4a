#include "core/model/summary.h"

namespace vantage::core {

DocumentSummary summarize(const Document& doc) {
  DocumentSummary s;
  const Sequence& seq = doc.sequence;
  s.frames = seq.frame_count();
  s.cameras = seq.camera_names();
  s.lidars = seq.lidar_names();
  s.rigs = static_cast<int>(seq.rigs.size());
  s.ego_poses = seq.has_ego_poses();
  if (s.frames > 1)
    s.duration_s = static_cast<double>(seq.frames.back().timestamp_us - seq.frames.front().timestamp_us) * 1e-6;
  for (const Frame& f : seq.frames) {
    for (const auto& name : s.cameras)
      if (!f.files.count(name)) ++s.missing_files[name];
    for (const auto& name : s.lidars)
      if (!f.files.count(name)) ++s.missing_files[name];
  }
  s.objects = doc.annotations.objects.size();
  for (const Object& o : doc.annotations.objects) {
    ++s.objects_per_class[o.class_name];
    for (const Track& t : o.tracks) {
      s.shapes_per_kind[static_cast<size_t>(t.kind)] += t.shapes.size();
      s.shapes += t.shapes.size();
      for (const auto& fs : t.shapes) (fs.shape.keyframe ? s.keyframes : s.interpolated)++;
    }
  }
  s.tagged_frames = doc.annotations.frame_tags.size();
  for (const auto& [f, list] : doc.annotations.ignore_regions)
    for (const IgnoreRegion& r : list) {
      ++s.ignore_regions;
      ++s.ignore_regions_per_class[r.class_name];
    }
  return s;
}

}  // namespace vantage::core
