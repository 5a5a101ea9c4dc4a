#include "core/qa/rules.h"

#include <algorithm>

#include "core/geometry/ignore_coverage.h"
#include "core/qa/rules_internal.h"
#include "core/qa/structural_validation.h"

namespace vantage::core {

std::vector<Finding> run_rules(const Document& doc, const RuleSet& rules,
                               const RuleRunOptions& options) {
  std::vector<Finding> out;
  const Interpolator interp(doc.sequence, options.interpolation);
  qa_detail::RuleRun run{doc, rules, options, interp, out, {}};
  // Model pre-labels (detections) lying mostly inside an ignore region are
  // neither right nor wrong: no rule looks at them (the KITTI devkit rule).
  for (const Object& o : doc.annotations.objects)
    for (const Track& t : o.tracks)
      for (const FrameShape& fs : t.shapes)
        if (is_anchor(fs.shape) &&
            !(fs.shape.source == ShapeSource::Model &&
              qa_detail::inside_ignore_region(doc, fs.frame, t.sensor, fs.shape,
                                              kIgnoreCoverage)))
          run.anchors_by_frame[fs.frame].push_back({&o, &t, &fs});

  qa_detail::check_schema_rules(run);
  qa_detail::check_shape_rules(run);
  qa_detail::check_duplicates(run);
  qa_detail::check_track_gaps(run);
  qa_detail::check_box_cuboid(run);
  qa_detail::check_ignore_regions(run);
  if (options.read_points) qa_detail::check_lidar_points(run);
  if (options.read_points) qa_detail::check_point_labels(run);
  return out;
}

std::vector<Finding> validate_document(const Document& doc, const RuleSet& rules,
                                       const ValidationOptions& options) {
  StructuralOptions so;
  so.check_files = options.check_files;
  std::vector<Finding> out = validate_structure(doc, so);
  std::vector<Finding> r = run_rules(doc, rules, options.rules);
  std::stable_sort(r.begin(), r.end(), [](const Finding& a, const Finding& b) {
    if (a.frame != b.frame) return a.frame < b.frame;
    return a.object.value_or(-1) < b.object.value_or(-1);
  });
  out.insert(out.end(), std::make_move_iterator(r.begin()), std::make_move_iterator(r.end()));
  return out;
}

}  // namespace vantage::core
