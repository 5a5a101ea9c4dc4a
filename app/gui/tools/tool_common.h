#pragma once
// What the tools share: edit stamps, the class a new shape gets, hit testing
// of shapes under the cursor in camera and scene views, selection clicks,
// and colours.

#include <cstdint>
#include <optional>
#include <string>
#include "app/gui/selection.h"

#include "app/gui/tools/tool.h"
#include "app/gui/tools/tool_settings.h"
#include "app/gui/workspace.h"
#include "core/commands/selection_commands.h"
#include "core/geometry/ground_estimation.h"

namespace vantage::gui::tools {

int64_t now_ms();
core::EditStamp edit_stamp(const Workspace& ws);
core::Shape new_shape(const Workspace& ws, core::Geometry g);

// The class a drawing tool of `kind` gives new objects: the settings' choice
// when the schema has it and it allows the kind, else the first class that
// allows the kind (empty when none does).
std::string class_for_kind(const core::Schema& schema, const ToolSettings& settings,
                           core::ShapeKind kind);
uint32_t class_color(const core::Schema& schema, const std::string& class_name);
ImU32 to_imu32(uint32_t rgb, int alpha = 255);

bool is_hidden(const Workspace& ws, core::ObjectId id);
bool is_locked(const Workspace& ws, core::ObjectId id);

// A shape under the cursor.
struct Hit {
  core::ObjectId object = -1;
  std::string sensor;
  core::ShapeKind kind = core::ShapeKind::Box2D;
  bool projected = false;  // a cuboid seen through its projection into a camera
};

// The shape under `screen` in a camera view: near an outline or a point
// wins over an interior, and among interiors the smallest. Hidden objects
// are skipped.
std::optional<Hit> pick_image(Workspace& ws, const ImageViewport& vp, ImVec2 screen,
                              float tolerance_px = 6.0f);
// The cuboid whose box the ray through `screen` meets first.
std::optional<Hit> pick_scene(Workspace& ws, const SceneViewport& vp, ImVec2 screen);
// Where a ray meets a cuboid (distance along the ray), if it does.
std::optional<double> ray_hits_cuboid(const Ray& ray, const core::Cuboid& c);

// The shape of (object, sensor, kind) at the current frame, stored or
// interpolated.
std::optional<core::Shape> shape_now(Workspace& ws, core::ObjectId id, const std::string& sensor,
                                     core::ShapeKind kind);

// Stores a newly drawn shape at the current frame as one undo step: as a
// new track of the active object when it has no track of this kind in this
// sensor (and is neither locked nor hidden), else as a new object of
// `class_name`. Selects the object and returns its id (-1 when there is no
// class to give it).
core::ObjectId commit_new_shape(Workspace& ws, const std::string& sensor, core::Shape shape,
                                const std::string& class_name);

// Stores an edited geometry of (object, sensor, kind) at the current frame
// as a Manual keyframe (an interpolated shape becomes a keyframe). Edits
// with the same non-zero merge key fold into one undo step until
// Editor::seal().
void commit_edit(Workspace& ws, core::ObjectId id, const std::string& sensor, core::Geometry g,
                 uint64_t merge_key);
uint64_t next_merge_key();

// Geometry helpers (image pixels).
double distance_to_segment(const core::Vec2& p, const core::Vec2& a, const core::Vec2& b);
bool point_in_ring(const core::Vec2& p, const std::vector<core::Vec2>& ring);

// The current frame's LiDAR returns in the vehicle frame and their ground,
// read and estimated on first use per frame (cached; UI thread only).
struct FrameGround {
  const Workspace* ws = nullptr;
  int frame = -1;
  uint64_t folder_hash = 0;
  bool has_points = false;
  core::PointCloud cloud;
  core::Vec3 sensor{0.0};
  core::GroundModel ground;  // z = 0 without points
};
const FrameGround& frame_ground(Workspace& ws);

}  // namespace vantage::gui::tools
