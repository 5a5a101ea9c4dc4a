#pragma once
// Fitting an image into a detector's fixed input and mapping its boxes back.
//
// Letterbox (YOLO): scale by r = min(W / w, H / h), keeping the aspect ratio,
// to (round(w r), round(h r)); centre it, filling the rest with grey 114.
// Ultralytics pads left/top by round(pad / 2 - 0.1) and right/bottom by
// round(pad / 2 + 0.1): the same split is used here so a box decoded from
// an exported model lands where Ultralytics puts it.
// Stretch (SSD): resize to (W, H) ignoring the aspect ratio.
//
// The inverse uses the scale actually applied per axis (the resized size over
// the original, not r): after rounding, that is what maps the resized pixels
// back onto the source exactly.

#include <opencv2/core.hpp>

#include "core/model/shape.h"

namespace vantage::core {

enum class ResizeMode : uint8_t { Letterbox, Stretch };

struct Letterbox {
  cv::Size source;        // original image
  cv::Size input;         // network input
  cv::Size resized;       // the source scaled, before padding
  int left = 0, top = 0;  // padding before the image
  double scale_x = 1, scale_y = 1;

  // Network-input pixel coordinates -> source image coordinates.
  Vec2 to_source(Vec2 p) const {
    return {(p.x - left) / scale_x, (p.y - top) / scale_y};
  }
  // Box in network-input pixels -> source image, clipped to the image.
  Box2D to_source(const Box2D& b) const;
};

Letterbox make_letterbox(cv::Size source, cv::Size input, ResizeMode mode = ResizeMode::Letterbox);

// The network input image (same type as `image`): resized and padded with
// `pad` (114 grey by default, as Ultralytics trains with).
cv::Mat apply_letterbox(const cv::Mat& image, const Letterbox& lb,
                        const cv::Scalar& pad = cv::Scalar(114, 114, 114));

}  // namespace vantage::core
