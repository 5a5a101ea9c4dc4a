#pragma once
// Synthetic documents of any size for tests and benchmarks of the model and
// the file formats (the demo generator makes realistic scenes; these are about
// volume and exact round trips).

#include "core/model/document.h"

namespace vantage::test {

struct SyntheticOptions {
  int frames = 100;
  int objects = 50;  // objects visible on every frame
  bool cuboids = true;
  bool boxes = true;
  bool extras = false;  // polygons, polylines, keypoints, attributes, review
  unsigned seed = 1;
};

// One camera "CAM_FRONT" (1242x375) and one LiDAR "LIDAR_TOP"; every object
// has a cuboid and/or a box on every frame, with irregular doubles so that
// exact round trips are tested for real.
core::Document make_synthetic_document(const SyntheticOptions& options);

}  // namespace vantage::test
