#pragma once
// Gold-standard scoring (`vantage qa gold --gold G FILE`): an annotator's
// file against a trusted one of the same sequence. Shapes are paired per
// frame, sensor and kind by optimal assignment on IoU within the same class
// (shape_matching.h); a pair with IoU >= tp_iou is a true positive. An
// unpaired 2D shape lying mostly inside one of the gold file's ignore regions
// (KITTI DontCare, COCO crowds) is ignored: neither predicted nor a false
// positive (the KITTI devkit's rule; counted in `ignored`).

#include <map>
#include <string>

#include "core/model/document.h"
#include "core/tracking/interpolator.h"

namespace vantage::core {

struct GoldOptions {
  double tp_iou = 0.5;
  InterpolationOptions interpolation;
};

struct GoldScore {
  size_t gold = 0, predicted = 0, true_positives = 0;
  size_t ignored = 0;  // predictions inside the gold's ignore regions
  size_t pairs_2d = 0, pairs_cuboid = 0;
  double sum_iou_2d = 0, sum_iou_bev = 0, sum_iou_3d = 0, sum_heading = 0, sum_center = 0;
  size_t attributes = 0, attributes_correct = 0;

  double precision() const { return predicted ? double(true_positives) / double(predicted) : 0.0; }
  double recall() const { return gold ? double(true_positives) / double(gold) : 0.0; }
  double mean_iou_2d() const { return pairs_2d ? sum_iou_2d / double(pairs_2d) : 0.0; }
  double mean_iou_bev() const { return pairs_cuboid ? sum_iou_bev / double(pairs_cuboid) : 0.0; }
  double mean_iou_3d() const { return pairs_cuboid ? sum_iou_3d / double(pairs_cuboid) : 0.0; }
  double heading_error() const {
    return pairs_cuboid ? sum_heading / double(pairs_cuboid) : 0.0;
  }  // rad
  double center_error() const {
    return pairs_cuboid ? sum_center / double(pairs_cuboid) : 0.0;
  }  // m
  double attribute_accuracy() const {
    return attributes ? double(attributes_correct) / double(attributes) : 1.0;
  }
};

struct GoldReport {
  GoldScore overall;
  std::map<std::string, GoldScore> per_class;  // gold class (recall), predicted class (precision)
  std::map<std::string, GoldScore> per_kind;   // "box2d", "polygon", "cuboid"
  // By the predicted shape's annotator. A gold shape is charged to the
  // annotator of the batch covering its frame (Review::batches of the
  // scored file), else to the only annotator with shapes in that frame.
  std::map<std::string, GoldScore> per_annotator;
  int frames = 0;
};

GoldReport score_against_gold(const Document& gold, const Document& scored,
                              const GoldOptions& options = {});

}  // namespace vantage::core
