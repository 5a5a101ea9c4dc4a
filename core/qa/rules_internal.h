#pragma once
// Shared state of one rules run (rules.cpp and the rules_*.cpp files).

#include <fmt/format.h>

#include <map>
#include <string>
#include <vector>

#include "core/qa/rules.h"

namespace vantage::core::qa_detail {

struct AnchorRef {
  const Object* object;
  const Track* track;
  const FrameShape* shape;
};

struct RuleRun {
  const Document& doc;
  const RuleSet& rules;
  const RuleRunOptions& options;
  const Interpolator& interp;
  std::vector<Finding>& out;
  // Stored anchors by frame (every track, every object).
  std::map<int, std::vector<AnchorRef>> anchors_by_frame;

  bool on(const char* rule) const { return rules.enabled(rule); }
  double param(const char* rule, const char* name) const { return rules.param(rule, name); }
  void add(const char* rule, std::optional<ObjectId> object, int frame, const std::string& sensor,
           std::string message) {
    Finding f;
    f.severity = rules.find(rule)->severity;
    f.rule = rule;
    f.object = object;
    f.frame = frame;
    f.sensor = sensor;
    f.message = std::move(message);
    out.push_back(std::move(f));
  }
};

void check_shape_rules(RuleRun& run);  // out-of-bounds, degenerate, keypoints-outside-box
void check_duplicates(RuleRun& run);
void check_schema_rules(RuleRun& run);  // unknown-class, required-attribute, implausible-size
void check_track_gaps(RuleRun& run);
void check_lidar_points(RuleRun& run);
void check_box_cuboid(RuleRun& run);
void check_ignore_regions(RuleRun& run);  // inside-ignore-region
void check_point_labels(RuleRun& run);    // point-labels-vs-cuboids

// Whether a 2D shape (box or polygon bounds) at `frame` in camera `sensor`
// lies more than `coverage` inside one of the frame's ignore regions.
bool inside_ignore_region(const Document& doc, int frame, const std::string& sensor,
                          const Shape& shape, double coverage);

// The schema's size range for a class, inherited from its ancestors.
const SizeRange* class_size_range(const Schema& schema, const std::string& class_name);

}  // namespace vantage::core::qa_detail
