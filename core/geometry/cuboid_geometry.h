#pragma once
// Cuboid corners, edges and pose. Rotation is yaw about z, then pitch about y,
// then roll about x (R = Rz(yaw) * Ry(pitch) * Rx(roll)), the usual
// vehicle-frame convention; yaw 0 faces +x.
//
// Corner order: bottom face 0-3 then top face 4-7, each as front-left,
// front-right, rear-right, rear-left ("front" is +x in the box frame, the
// heading; "left" is +y).

#include <array>

#include "core/model/shape.h"

namespace vantage::core {

Mat3 cuboid_rotation(const Cuboid& c);
// Box frame -> vehicle frame.
Transform cuboid_pose(const Cuboid& c);
std::array<Vec3, 8> cuboid_corners(const Cuboid& c);

inline constexpr std::array<std::array<int, 2>, 12> kCuboidEdges = {{
    {0, 1}, {1, 2}, {2, 3}, {3, 0},  // bottom
    {4, 5}, {5, 6}, {6, 7}, {7, 4},  // top
    {0, 4}, {1, 5}, {2, 6}, {3, 7},  // verticals
}};
// The front face (heading side): corners 0, 1, 5, 4.
inline constexpr std::array<int, 4> kCuboidFrontFace = {0, 1, 5, 4};

// Point in the box's own frame (centre at the origin, axes along l, w, h).
Vec3 to_cuboid_local(const Cuboid& c, const Vec3& p_vehicle);
bool point_in_cuboid(const Cuboid& c, const Vec3& p_vehicle, double margin = 0.0);
// Centre of the front face, where heading markers are drawn.
Vec3 cuboid_front_center(const Cuboid& c);

}  // namespace vantage::core
