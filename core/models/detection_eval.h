#pragma once
// Scoring 3D detections against ground truth the way detector benchmarks do:
// only ground-truth objects of one class within a range of the ego and with
// enough LiDAR returns to be detectable count (KITTI's "moderate" idea);
// ground-truth objects of the class in range but with fewer returns are
// "don't care": a detection on one is neither right nor wrong. What remains
// is scored by `vantage qa gold` (core/qa/gold.h): optimal one-to-one pairing
// per frame on BEV IoU within the class, a pair at IoU >= tp_iou a true
// positive.

#include <optional>
#include <string>

#include "core/model/document.h"
#include "core/qa/gold.h"

namespace vantage::core {

struct CuboidEvalOptions {
  std::string class_name = "Car";
  double max_range = 40.0;  // BEV distance of the cuboid centre from the vehicle origin
  int min_points = 20;      // LiDAR returns inside a ground-truth cuboid
  double tp_iou = 0.5;      // BEV IoU
  std::optional<FrameRange> frames;
  // Only cuboids whose centre is in some camera's view (KITTI labels only
  // what its front camera sees).
  bool camera_fov = false;
};

struct CuboidEvalResult {
  GoldScore score;  // the class's precision and recall
  GoldReport report;
  size_t ignored_truth = 0;        // in range, too few returns
  size_t ignored_predictions = 0;  // predictions on those
  int frames = 0;                  // frames with LiDAR data scored
};

// `truth`: the ground-truth document (its sequence gives the sweeps);
// `predicted`: annotations on the same sequence (all sources count).
CuboidEvalResult evaluate_cuboid_detections(const Document& truth, const Annotations& predicted,
                                            const CuboidEvalOptions& options = {});

}  // namespace vantage::core
