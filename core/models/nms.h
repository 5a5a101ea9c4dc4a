#pragma once
// Non-maximum suppression per class: a box is dropped when a higher-scoring
// box of the same class overlaps it by IoU > threshold. Boxes of different
// classes never suppress each other (a rider on a bicycle keeps both).
// Built on cv::dnn::NMSBoxes so the rule is OpenCV's, per class.

#include <vector>

#include "core/models/detection.h"

namespace vantage::core {

// Indices of the survivors, highest score first (ties: lower index first);
// at most max_detections (<= 0: all).
std::vector<size_t> nms_per_class_indices(const std::vector<Detection2D>& detections,
                                          double iou_threshold, int max_detections = 0);

// Keeps the survivors, highest score first (ties: lower input index first);
// at most max_detections (<= 0: all).
std::vector<Detection2D> nms_per_class(const std::vector<Detection2D>& detections,
                                       double iou_threshold, int max_detections = 0);

}  // namespace vantage::core
