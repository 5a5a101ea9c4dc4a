#pragma once
// Scores segmentation against ground truth, over every layer both have:
// per-class IoU and mean IoU of the semantic reading (class per pixel or
// point; unlabelled ground truth is void and not scored), and panoptic
// quality (Kirillov et al. 2019, as the COCO panoptic API computes it:
// segments match when they share a class and IoU > 0.5; stuff is one
// segment per class; a prediction lying mostly on void or on a crowd of its
// class is not a false positive).

#include <optional>
#include <string>
#include <vector>

#include "core/model/annotations.h"

namespace vantage::core {

struct ClassScore {
  std::string class_name;
  uint64_t tp = 0, fp = 0, fn = 0;  // pixels (semantic)
  double iou() const { return tp + fp + fn ? double(tp) / double(tp + fp + fn) : 0.0; }
  // Panoptic
  uint64_t seg_tp = 0, seg_fp = 0, seg_fn = 0;
  double iou_sum = 0;
  double pq() const {
    const double d = seg_tp + 0.5 * seg_fp + 0.5 * seg_fn;
    return d > 0 ? iou_sum / d : 0.0;
  }
  double sq() const { return seg_tp ? iou_sum / seg_tp : 0.0; }
  double rq() const {
    const double d = seg_tp + 0.5 * seg_fp + 0.5 * seg_fn;
    return d > 0 ? seg_tp / d : 0.0;
  }
};

struct SegEvalOptions {
  LayerKind kind = LayerKind::Image;
  std::string sensor;  // empty: every sensor
};

struct SegEvalResult {
  std::vector<ClassScore> classes;  // classes seen in either, sorted by name
  size_t layers = 0;                // layers compared
  size_t missing = 0;               // ground-truth layers without a prediction (scored as empty)
  uint64_t scored = 0;              // non-void ground-truth pixels or points
  double mean_iou() const;          // over classes with ground truth
  double pq() const;                // over classes with segments in either
  double accuracy() const;          // share of scored pixels with the right class
  uint64_t correct = 0;
};

// The class a pixel of segment `s` shows: the object's current class when
// the object exists, else the segment's.
const std::string& segment_class(const Annotations& annotations, const Segment& s);

SegEvalResult evaluate_segmentation(const Annotations& ground_truth, const Annotations& prediction,
                                    const SegEvalOptions& options = {});

// IoU of two 0/1 masks.
double mask_iou(const cv::Mat& a, const cv::Mat& b);

}  // namespace vantage::core
