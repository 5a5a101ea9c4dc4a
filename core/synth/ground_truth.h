#pragma once
// Ground-truth annotations of a demo: every agent is one object with a stable
// id, a cuboid (vehicle frame) on every frame it exists, and a 2D box per
// camera where it is visible.
//
// Visibility per camera comes from the renderer's id buffer: an object gets
// a box when at least kMinVisiblePixels of it are visible. The box is the
// projection of its cuboid clipped to the image (project_cuboid), the same
// for occluded objects (the full extent, as KITTI labels it); occlusion is
// the level of the visible pixel share, truncation the projection's share
// outside the image. Cuboid values are rounded to 0.1 mm and 1e-6 rad, box
// corners to 1e-3 px (boxes are projected from the rounded cuboids).

#include <cstdint>
#include <vector>

#include "core/model/annotations.h"
#include "core/synth/camera_render.h"
#include "core/synth/demo_scene.h"

namespace vantage::core {

constexpr int kMinVisiblePixels = 20;

// What the cameras saw of each object at one frame (rig camera order).
struct FrameObservation {
  std::vector<std::vector<ObjectPixels>> cameras;
};

// KITTI-style levels from the visible share of an object's unoccluded
// footprint: 0 (>= 95 % visible), 1 (>= 50 %), 2 (less).
uint8_t occlusion_level(int visible, int footprint);

// The cuboid as written: rounded so files stay readable.
Cuboid rounded_cuboid(const Cuboid& c);

Annotations build_ground_truth(const DemoScene& scene, const std::vector<FrameObservation>& frames);

// The working file of an annotator: each object keeps every k-th frame of
// each span it is present in (counted from the span's first frame) and the
// span's last frame, as keyframes; everything else is to be done.
Annotations keyframes_only(const Annotations& ground_truth, int k);

}  // namespace vantage::core
