#pragma once
// Pairing two annotators' shapes of one frame: what consensus and gold
// scoring compare. Shapes are compared per sensor and kind (2D boxes and
// polygons per camera by image IoU, cuboids by bird's-eye-view IoU) and
// paired by optimal assignment (hungarian.h) on IoU, with a bonus for the
// same class so that a class disagreement is still found as a pair.

#include <string>
#include <vector>

#include "core/model/annotations.h"
#include "core/tracking/interpolator.h"

namespace vantage::core {

// One comparable shape at a frame (Box2D, Polygon or Cuboid).
struct QaShape {
  ObjectId object = 0;
  std::string class_name;
  std::string sensor;
  ShapeKind kind = ShapeKind::Box2D;
  Shape shape;
  AttributeMap attributes;  // the object's static and the shape's per-frame ones
};

// The comparable shapes of `annotations` at `frame` as the interpolator
// evaluates them (keyframes and interpolated in-betweens alike: what the
// annotator delivered at that frame).
std::vector<QaShape> comparable_shapes(const Interpolator& interp, const Annotations& annotations,
                                       int frame);

// Image IoU for boxes and polygons, BEV IoU for cuboids; 0 across kinds.
double shape_iou(const Shape& a, const Shape& b);

struct ShapePair {
  int a = 0, b = 0;  // indices into the two lists
  double iou = 0;
};
struct ShapeMatching {
  std::vector<ShapePair> pairs;
  std::vector<int> unmatched_a, unmatched_b;
};

// Pairs shapes of the same sensor and kind with IoU >= min_iou. With
// same_class_only false a pair of different classes may form (ranked after
// any same-class pairing: score = IoU + 1 for the same class).
ShapeMatching match_shapes(const std::vector<QaShape>& a, const std::vector<QaShape>& b,
                           double min_iou, bool same_class_only = false);

// Whether a 2D shape (box, or a polygon's bounds) lies mostly inside one of
// `regions` of its camera: the KITTI devkit's rule for detections in
// DontCare areas (core/geometry/ignore_coverage.h). Such a shape is neither
// a true nor a false positive. Cuboids: never (ignore regions are 2D).
bool ignored_by(const QaShape& s, const std::vector<IgnoreRegion>& regions);

// Centre distance: metres for cuboids (3D), pixels for boxes and polygons
// (box centre / vertex mean).
double center_distance(const Shape& a, const Shape& b);
// |yaw difference| wrapped to [0, pi] (cuboids; 0 otherwise).
double yaw_difference(const Shape& a, const Shape& b);

}  // namespace vantage::core
