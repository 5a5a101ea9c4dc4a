#pragma once
// KITTI label lines <-> Vantage shapes, both directions, for the KITTI
// openers and the kitti / kitti_tracking import and export.
//
// A label becomes a Box2D in camera "image_2" and, when it has a 3D box, a
// cuboid in the vehicle (= Velodyne) frame, converted exactly
// (core/geometry/kitti_convert.h). Per-shape fields:
//   truncation  label_2: the value (clamped to [0, 1]); label_02: the
//               integer level / 2 (0, 0.5, 1), written back as round(2 t)
//   occlusion   0..3 as is; DontCare's -1 becomes 3 (unknown)
//   score       the optional last column (-1 when absent)
//   source      ShapeSource::Imported
// DontCare rows keep their box only and are written back with the dataset's
// placeholder values (kitti_dont_care_label). alpha is not stored: it is
// computed on export from rotation_y and the box position, as the ground
// truth does (KittiBoxConverter::alpha), or -10 without a 3D box.

#include <optional>
#include <string>

#include "core/formats/kitti_labels.h"
#include "core/geometry/camera_model.h"
#include "core/geometry/kitti_convert.h"
#include "core/model/shape.h"

namespace vantage::core {

struct KittiLabelShapes {
  Shape box;                    // Box2D, for camera "image_2"
  std::optional<Shape> cuboid;  // Cuboid, vehicle frame (kSceneSensor); none for 2D-only rows
};

KittiLabelShapes kitti_label_to_shapes(const KittiLabel& label, KittiLabelKind kind,
                                       const KittiBoxConverter& converter);

// What one object looks like at one frame, for writing a label line.
struct KittiLabelSource {
  std::string type;               // class name (written verbatim; must have no spaces)
  const Shape* box = nullptr;     // its Box2D in image_2 at that frame, if any
  const Shape* cuboid = nullptr;  // its cuboid at that frame, if any
  int frame = 0;                  // label_02 only
  int64_t track_id = -1;          // label_02 only (the object id; DontCare is written as -1)
};

// The label line for one object at one frame; nullopt when there is nothing
// to write (no box, and no cuboid or no part of it in front of `camera`).
// Without a Box2D the box is the cuboid's projection clipped to the image
// (needs `camera`, the image_2 model) and truncation is the projection's.
// Truncation, occlusion and score come from the box shape, else the cuboid.
// Only rotation_y survives of a tilted cuboid's orientation (see
// kitti_convert.h).
std::optional<KittiLabel> kitti_label_from_shapes(const KittiLabelSource& source,
                                                  KittiLabelKind kind,
                                                  const KittiBoxConverter& converter,
                                                  const CameraModel* camera = nullptr);

}  // namespace vantage::core
