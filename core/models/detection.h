#pragma once
// What detectors return before it becomes annotations: image boxes in source
// pixels with the model's own class index, and LiDAR cuboids with a schema
// class. Both carry a score in [0, 1].

#include <optional>
#include <string>
#include <vector>

#include "core/model/shape.h"

namespace vantage::core {

struct Detection2D {
  Box2D box;            // source image pixels
  int class_index = 0;  // the model's class (index into its class names)
  double score = 0;
  std::optional<Polygon> outline;  // instance-segmentation heads: the mask's outline
};

struct Detection3D {
  Cuboid cuboid;  // vehicle frame
  std::string class_name;
  double score = 0;
  double runner_up = 0;  // second-best class probability (score margin)
  int points = 0;        // LiDAR returns on the object
  std::vector<float> features;  // cluster features (lidar_detector.h LidarFeature)
  // What the cuboid was fitted from, kept until the class is final (a
  // relabelled detection is refitted with its new class's size prior).
  std::vector<Vec3> cluster;
  double ground_z = 0;
  Vec3 sensor{0.0};
};

}  // namespace vantage::core
