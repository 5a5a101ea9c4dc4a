#pragma once
// Per-document UI state: what the annotator is looking at and has selected.
// Plain data, separate from the document (ImHex-style): the document never
// knows how it is shown, and views/panels/tools read and write this.

#include <map>
#include <optional>
#include <set>
#include <string>

#include "core/model/math.h"
#include "core/model/object.h"

namespace vantage::gui {

enum class PointColor { Height, Intensity, Distance, Class };
enum class ToolId { Select, Box, Polygon, Polyline, Keypoints, Cuboid, IgnoreRegion, Mask };
enum class CameraLayout { Tabs, Grid };

// Which objects the objects panel and the timeline list (app/gui/panels/object_filter.h).
struct ObjectFilter {
  enum class State { Any, Keyframe, Interpolated, Prelabel, Rejected };
  std::string class_name;       // empty: any class (subclasses match their parents)
  std::string attribute;        // empty: any; else the object or its shape at the frame has it
  std::string attribute_value;  // empty: any value
  State state = State::Any;     // at the current frame (Rejected: the object's review mark)
  std::string search;           // id or class substring
  bool visible_only = false;    // hide objects with no shape at the current frame
};

// Pan/zoom of one camera image. zoom = screen pixels per image pixel;
// 0 means "fit to the view" (recomputed every frame until the user zooms).
struct ImageViewState {
  double zoom = 0.0;
  core::Vec2 center{0.0};  // image pixel shown at the view centre
};

// Orbit camera of the 3D view, around `target` in the vehicle frame.
struct OrbitState {
  core::Vec3 target{0.0};
  double yaw = -2.4;     // radians, about +z
  double pitch = 0.55;   // radians above the horizon
  double distance = 40;  // metres
  bool bev = false;      // bird's-eye view: orthographic, straight down
  double bev_scale = 8;  // screen pixels per metre in BEV
};

struct ViewState {
  int frame = 0;
  // Selected objects; `active` is the one the properties panel and the
  // cuboid detail views show (-1: none).
  std::set<core::ObjectId> selection;
  core::ObjectId active = -1;
  std::set<core::ObjectId> hidden;
  std::set<core::ObjectId> locked;

  // Cameras
  CameraLayout camera_layout = CameraLayout::Tabs;
  std::string active_camera;
  std::map<std::string, ImageViewState> images;
  bool lidar_in_camera = false;  // LiDAR points projected into the images
  bool show_labels = true;
  // Segmentation masks over the images.
  bool show_masks = true;
  float mask_opacity = 0.5f;
  bool mask_outline = false;  // only the boundaries of each label
  std::set<std::string> hidden_mask_classes;

  // 3D view
  OrbitState orbit;
  PointColor point_color = PointColor::Height;
  float point_size = 2.0f;
  int accumulate_sweeps = 1;  // last N sweeps through the ego poses
  bool show_grid = true;

  // Playback
  bool playing = false;
  float play_fps = 10.0f;
  int play_direction = 1;  // +1 forward, -1 backward

  // Objects panel / timeline filter.
  ObjectFilter filter;
  // Incremented by the view.fit action: views refit their camera when it changes.
  int fit_request = 0;

  ToolId tool = ToolId::Select;

  // Where the mouse is, published by the view under it (status bar).
  std::string hover_camera;               // empty: not over an image
  std::optional<core::Vec2> hover_image;  // pixel in hover_camera
  std::optional<core::Vec3> hover_world;  // vehicle frame (3D / BEV / image ray on the ground)
};

}  // namespace vantage::gui
