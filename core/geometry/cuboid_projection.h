#pragma once
// A cuboid projected into a camera, clipped at the near plane so a cuboid
// partly behind the camera draws only its visible part and never wraps
// around. Edges are subdivided under lens distortion (straight 3D edges
// become curves).

#include <array>
#include <optional>
#include <vector>

#include "core/geometry/camera_model.h"
#include "core/model/shape.h"

namespace vantage::core {

struct ProjectedSegment {
  Vec2 a, b;
  int edge = 0;  // index into kCuboidEdges
};

struct ProjectedCuboid {
  std::array<std::optional<Vec2>, 8> corners;  // nullopt where behind the camera
  std::vector<ProjectedSegment> segments;      // visible pieces of the 12 edges
  // Bounds of the visible (near-clipped) projection, before clipping to the
  // image; nullopt when nothing is in front of the camera.
  std::optional<Box2D> unclipped_box;
  // unclipped_box clipped to the image; nullopt when it misses the image.
  std::optional<Box2D> box;
  // Share of the unclipped box area outside the image (0..1).
  double truncation = 0.0;
};

// edge_samples: pieces per edge; 0 chooses 1 without distortion, 16 with.
ProjectedCuboid project_cuboid(const CameraModel& camera, const Cuboid& cuboid, int edge_samples = 0);

// Intersection of a box with the image [0, width] x [0, height].
std::optional<Box2D> clip_box(const Box2D& box, double width, double height);

// Intersection over union of two axis-aligned boxes (0 when either is empty).
double box_iou(const Box2D& a, const Box2D& b);

}  // namespace vantage::core
