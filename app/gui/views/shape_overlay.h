#pragma once
// Annotations drawn over a camera image with ImDrawList: every 2D shape of
// the frame in that camera (box, polygon with holes, polyline, keypoints with
// the class's skeleton) and every cuboid projected into it (near-plane
// clipped, curved under distortion). Class colours from the schema; selected
// objects thicker and lighter; hidden objects skipped; interpolated shapes
// dashed; pre-labels (source Model) dashed with their score.

#include <imgui.h>

#include "app/gui/viewport.h"
#include "core/geometry/camera_model.h"
#include "core/model/object.h"

namespace vantage::gui {

class Workspace;

// `camera` may be null (no calibration): then cuboids are not drawn.
void draw_image_shapes(Workspace& ws, const ImageViewport& vp, const core::CameraModel* camera);

// The object whose shape is under screen position `s` in this camera (the
// smallest when several overlap), or -1.
core::ObjectId pick_image_shape(Workspace& ws, const ImageViewport& vp,
                                const core::CameraModel* camera, ImVec2 s);

}  // namespace vantage::gui
