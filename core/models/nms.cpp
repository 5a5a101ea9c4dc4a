#include "core/models/nms.h"

#include <algorithm>
#include <map>
#include <numeric>

#include <opencv2/dnn.hpp>

namespace vantage::core {

std::vector<size_t> nms_per_class_indices(const std::vector<Detection2D>& dets,
                                          double iou_threshold, int max_detections) {
  std::map<int, std::vector<size_t>> by_class;
  for (size_t i = 0; i < dets.size(); ++i)
    by_class[dets[i].class_index].push_back(i);
  std::vector<size_t> keep;
  for (const auto& [cls, idx] : by_class) {
    std::vector<cv::Rect2d> boxes;
    std::vector<float> scores;
    for (size_t i : idx) {
      const Box2D& b = dets[i].box;
      boxes.emplace_back(b.x1, b.y1, b.width(), b.height());
      scores.push_back(static_cast<float>(dets[i].score));
    }
    std::vector<int> kept;
    // Score threshold 0 (OpenCV's least): filtering by score is the
    // decoder's job; scores are probabilities, a score of 0 is no detection.
    cv::dnn::NMSBoxes(boxes, scores, 0.0f, static_cast<float>(iou_threshold), kept);
    for (int k : kept)
      keep.push_back(idx[static_cast<size_t>(k)]);
  }
  std::sort(keep.begin(), keep.end(), [&](size_t a, size_t b) {
    if (dets[a].score != dets[b].score) return dets[a].score > dets[b].score;
    return a < b;
  });
  if (max_detections > 0 && keep.size() > size_t(max_detections))
    keep.resize(size_t(max_detections));
  return keep;
}

std::vector<Detection2D> nms_per_class(const std::vector<Detection2D>& dets, double iou_threshold,
                                       int max_detections) {
  const std::vector<size_t> keep = nms_per_class_indices(dets, iou_threshold, max_detections);
  std::vector<Detection2D> out;
  out.reserve(keep.size());
  for (size_t i : keep)
    out.push_back(dets[i]);
  return out;
}

}  // namespace vantage::core
