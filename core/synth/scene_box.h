#pragma once
// The solid pieces of the synthetic world: every building, pole, tree part and
// agent is one box standing on (or above) the flat ground. One primitive keeps
// LiDAR ray casting, camera rasterisation and the ground-truth cuboids exactly
// consistent: an agent's box IS its ground-truth cuboid.

#include <cmath>
#include <cstdint>

#include "core/model/math.h"
#include "core/model/object.h"

namespace vantage::core {

enum class Surface : uint8_t {
  Building,
  Pole,
  LampArm,
  TreeTrunk,
  TreeCanopy,
  Car,
  Van,
  Truck,
  Bus,
  Cyclist,
  Pedestrian,
};

// What a camera pixel or LiDAR return shows, for the segmentation ground
// truth: 0 sky, kSurfaceGround + GroundMaterial, kSurfaceBox + Surface.
constexpr uint8_t kSurfaceSky = 0;
constexpr uint8_t kSurfaceGround = 1;
constexpr uint8_t kSurfaceBox = 16;

// Box faces in the box frame (x along the length = heading, y left, z up).
enum BoxFace : int { kFaceFront = 0, kFaceRear, kFaceLeft, kFaceRight, kFaceTop, kFaceBottom };

struct SceneBox {
  Vec3 center{0.0};  // world frame, geometric centre
  Vec3 size{1.0};    // length (along yaw), width, height
  double yaw = 0.0;  // about +z
  Surface surface = Surface::Building;
  uint32_t style = 0;    // palette and variation seed
  ObjectId object = -1;  // ground-truth object id; -1 for scenery

  Vec3 to_local(const Vec3& p) const {
    const double c = std::cos(yaw), s = std::sin(yaw);
    const Vec3 d = p - center;
    return {c * d.x + s * d.y, -s * d.x + c * d.y, d.z};
  }
  Vec3 dir_to_local(const Vec3& v) const {
    const double c = std::cos(yaw), s = std::sin(yaw);
    return {c * v.x + s * v.y, -s * v.x + c * v.y, v.z};
  }
  Vec3 to_world(const Vec3& l) const {
    const double c = std::cos(yaw), s = std::sin(yaw);
    return center + Vec3{c * l.x - s * l.y, s * l.x + c * l.y, l.z};
  }
  // Outward normal of a face in the world frame.
  Vec3 face_normal(int face) const;
  // Radius of the sphere around the centre that holds the box.
  double bounding_radius() const { return 0.5 * glm::length(size); }
};

struct BoxHit {
  double t = INFINITY;  // ray parameter (distance for unit directions)
  int face = 0;
  Vec3 local{0.0};  // hit point in the box frame, z measured from the bottom face
};

// Ray (origin o, direction d) against the box; hits at t in (t_min, t_max)
// on the first face the ray enters. Rays starting inside report no hit.
bool intersect_box(const SceneBox& box, const Vec3& o, const Vec3& d, double t_min, double t_max,
                   BoxHit& hit);
// Both the face the ray enters through and the one it leaves through (for
// see-through boxes, whose far face can be hit from inside). cos_yaw and
// sin_yaw of box.yaw are passed in by callers testing many rays.
bool intersect_box(const SceneBox& box, double cos_yaw, double sin_yaw, const Vec3& o,
                   const Vec3& d, double t_min, double t_max, BoxHit& entry, BoxHit& exit);

}  // namespace vantage::core
