#pragma once
// Exact segmentation ground truth of the demo, from the same procedural scene
// the images and sweeps are made from: every camera pixel and LiDAR return
// knows the surface it shows (ground material, scenery box or agent), so the
// semantic labels (Road, Sidewalk, Lane_marking, Terrain, Building, Pole,
// Vegetation, Sky, and the agents' classes) and the instance masks (one per
// agent, the object that carries its cuboid and boxes) are exact.

#include <cstdint>
#include <map>
#include <string>

#include "core/segmentation/segmentation.h"
#include "core/synth/camera_render.h"
#include "core/synth/lidar_sim.h"

namespace vantage::core {

// The stuff class a surface code shows; nullptr for agents (their object's
// class).
const char* demo_surface_class(uint8_t code);

// A layer (labels in `raster`, segments with areas) from a render's id and
// surface buffers. `object_classes`: object id -> class name.
SegLayer demo_image_layer(const CameraRender& render,
                          const std::map<ObjectId, std::string>& object_classes);
SegLayer demo_point_layer(const LidarTruth& truth,
                          const std::map<ObjectId, std::string>& object_classes);

}  // namespace vantage::core
