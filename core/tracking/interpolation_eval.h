#pragma once
// Measuring interpolation against a fully labelled sequence: keep every K-th
// frame of each object as keyframes, rebuild the rest with the Interpolator
// and compare with the labels (`vantage eval-interp`).
//
// Keyframes: per object, its labelled frames f with (f - first) % K == 0,
// counted from the object's first frame, plus its last frame. A gap in an
// object's labels (unlabelled frames between two labelled ones) of fewer
// than K frames is bridged, as an annotator placing keyframes every K frames
// would never notice it (its frames are not scored: there is no label). A
// gap of K frames or more means the object left the view: it becomes an
// outside span, the labelled frames on each side of it are keyframes and
// counting restarts after it.

#include <string>
#include <vector>

#include "core/model/document.h"
#include "core/tracking/interpolator.h"

namespace vantage::core {

struct InterpolationEvalOptions {
  int every = 10;
  InterpolationOptions interpolation;
  // Objects of these classes are skipped (KITTI's DontCare regions are not
  // tracks).
  std::vector<std::string> skip_classes = {"DontCare"};
};

struct InterpolationEvalReport {
  int every = 0;
  size_t objects = 0;
  size_t keyframes = 0;  // box and cuboid shapes kept as keyframes
  size_t outside_spans = 0;
  // 2D boxes at non-keyframes
  size_t boxes = 0;
  double mean_iou = 0;
  double share_iou_07 = 0;  // share with IoU >= 0.7
  // Cuboids at non-keyframes
  size_t cuboids = 0;
  double mean_center_error_m = 0;
  double median_center_error_m = 0;
  double mean_yaw_error_deg = 0;
  // Labelled non-keyframe shapes interpolation gave nothing for (not scored).
  size_t missing = 0;

  size_t interpolated() const { return boxes + cuboids; }
};

InterpolationEvalReport evaluate_interpolation(const Document& truth,
                                               const InterpolationEvalOptions& options);

}  // namespace vantage::core
