#pragma once
// What a box looks like at a point of one of its faces: its colour for the
// cameras and its reflectivity for the LiDAR, both from the same painting so
// a car's bright licence plate is bright in the point cloud too. Painting is
// procedural (windows, wheels, lights, clothes) from the box's style seed.
//
// Pedestrians and cyclists are cut-outs: their faces are solid only inside a
// silhouette, so cameras and LiDAR see through the rest of the box. Their
// points still lie on the ground-truth cuboid's faces.

#include "core/synth/ground_map.h"
#include "core/synth/scene_box.h"

namespace vantage::core {

struct SurfaceSample {
  Rgb colour;
  float reflectivity = 0.3f;  // LiDAR, 0..1
  bool solid = true;          // false: see-through (cut-out) here
};

// `local`: point on the face in the box frame, x along the length (front +),
// y to the left, z up from the bottom face.
SurfaceSample paint_surface(const SceneBox& box, int face, const Vec3& local);

// Style bit of pedestrians who stand still (legs together).
constexpr uint32_t kStandingStyleBit = 0x80000000u;

// Boxes whose faces can be partly see-through.
inline bool is_cutout(Surface s) {
  return s == Surface::Pedestrian || s == Surface::Cyclist;
}

// A cut-out shows its silhouette only on the vertical face turned most
// towards the viewer (the others are clear): silhouettes on several faces
// would read as several people. Camera and LiDAR sit a few decimetres
// apart, so they pick the same face, and the points stay on the cuboid.
int cutout_face(const SceneBox& box, const Vec3& viewer);

// The main paint colour of a box (vehicle body, facade): what the image shows
// in the middle of its faces.
Rgb body_colour(const SceneBox& box);

}  // namespace vantage::core
