#pragma once
// Counts for `vantage info` and the statistics panel.

#include <array>
#include <map>
#include <string>
#include <vector>

#include "core/model/document.h"

namespace vantage::core {

struct DocumentSummary {
  int frames = 0;
  std::vector<std::string> cameras;
  std::vector<std::string> lidars;
  int rigs = 0;
  bool ego_poses = false;
  double duration_s = 0;
  size_t objects = 0;
  std::map<std::string, size_t> objects_per_class;
  std::array<size_t, kShapeKindCount> shapes_per_kind{};
  size_t shapes = 0;
  size_t keyframes = 0;
  size_t interpolated = 0;  // stored non-keyframe shapes
  size_t tagged_frames = 0;
  size_t ignore_regions = 0;  // not objects (KITTI DontCare, COCO crowds)
  std::map<std::string, size_t> ignore_regions_per_class;
  std::map<std::string, size_t> missing_files;  // sensor -> frames without a file
};

DocumentSummary summarize(const Document& doc);

}  // namespace vantage::core
