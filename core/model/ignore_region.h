#pragma once
// Ignore regions: parts of an image where objects are deliberately left
// unlabelled (KITTI's DontCare rows, COCO's iscrowd=1 crowds, a region an
// annotator marks). They are not objects: exports write them in each
// format's own ignore convention (or report that the format has none), and
// evaluation ignores detections that lie mostly inside one (the KITTI devkit
// rule: core/geometry/ignore_coverage.h).

#include <string>
#include <variant>
#include <vector>

#include "core/model/rle_mask.h"
#include "core/model/shape.h"

namespace vantage::core {

using IgnoreGeometry = std::variant<Box2D, Polygon, RleMask>;

struct IgnoreRegion {
  std::string sensor;      // camera name
  IgnoreGeometry geometry;
  std::string class_name;  // the source's class ("DontCare", "person"); may be empty
  std::string reason;      // why it is ignored ("KITTI DontCare", "COCO crowd", free text)

  // Axis-aligned bounds in pixels.
  Box2D bounds() const;
  const char* kind_name() const;  // "box", "polygon", "mask"

  bool operator==(const IgnoreRegion& o) const {
    return sensor == o.sensor && geometry == o.geometry && class_name == o.class_name &&
           reason == o.reason;
  }
};

// Default reasons written by the importers.
inline constexpr const char* kKittiDontCareReason = "KITTI DontCare";
inline constexpr const char* kCocoCrowdReason = "COCO iscrowd";

}  // namespace vantage::core
