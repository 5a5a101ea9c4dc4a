#pragma once
// GrabCut (cv::grabCut) turning a 2D box into a polygon outline of the
// object inside it, for review (store it with make_store_proposals: source
// Model, keyframe false; accept or reject it like a pre-label).

#include <optional>

#include <opencv2/core.hpp>

#include "core/model/shape.h"

namespace vantage::core {

struct GrabCutOptions {
  int iterations = 5;
  // Douglas-Peucker tolerance in pixels for the outline (0 keeps every
  // boundary pixel).
  double simplify_px = 1.5;
  // Pixels of context around the box given to GrabCut as background.
  int margin_px = 16;
  // Take the box's central column (middle fifth of the width, 10%-90% of the
  // height) as sure foreground. Annotation boxes are tight around one
  // object, so its centre is the object; without this prior GrabCut often
  // keeps only the most distinctive part (a white shirt, not the dark jeans
  // on a dark background). It can fill the gap between a walker's legs.
  bool core_prior = true;
};

// The outline of the largest foreground region GrabCut finds in `box`, with
// vertices at boundary pixel centres (pixel i spans [i, i + 1]). nullopt when
// nothing is found. `image` is 8-bit, 1 or 3 channels.
std::optional<Polygon> grabcut_polygon(const cv::Mat& image, const Box2D& box,
                                       const GrabCutOptions& options = {});

}  // namespace vantage::core
