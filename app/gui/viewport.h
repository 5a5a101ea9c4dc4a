#pragma once
// How a view maps what it shows to the screen. Views fill these in every
// frame and hand them to tools and overlays, so a tool never needs to know
// which view (camera tab, grid cell, 3D, BEV, detail) it is working in. The
// mapping is plain math: tests build viewports by hand.

#include <optional>
#include <string>

#include <imgui.h>

#include "core/model/math.h"

namespace vantage::gui {

// A camera image shown at `zoom` screen pixels per image pixel with image
// pixel (0,0)'s corner at screen position `origin`.
struct ImageViewport {
  std::string camera;
  int image_width = 0, image_height = 0;
  ImVec2 origin{0, 0};           // screen position of image coordinate (0,0)
  double zoom = 1.0;             // screen pixels per image pixel
  ImVec2 view_min{0, 0};         // screen rectangle of the view widget
  ImVec2 view_max{0, 0};
  ImDrawList* draw_list = nullptr;  // draws over the image, clipped to the view

  core::Vec2 to_image(ImVec2 s) const {
    return {(s.x - origin.x) / zoom, (s.y - origin.y) / zoom};
  }
  ImVec2 to_screen(const core::Vec2& p) const {
    return {float(origin.x + p.x * zoom), float(origin.y + p.y * zoom)};
  }
  bool contains_screen(ImVec2 s) const {
    return s.x >= view_min.x && s.y >= view_min.y && s.x < view_max.x && s.y < view_max.y;
  }
};

struct Ray {
  core::Vec3 origin{0.0};
  core::Vec3 direction{0.0, 0.0, -1.0};  // unit
};

// A 3D view (perspective orbit, bird's-eye, or an orthographic detail view)
// of the vehicle frame of the current frame. `view_proj` maps vehicle
// coordinates to OpenGL clip space; the view widget occupies
// [view_min, view_max] on screen.
struct SceneViewport {
  core::Mat4 view_proj{1.0};
  ImVec2 view_min{0, 0};
  ImVec2 view_max{0, 0};
  bool orthographic = false;
  ImDrawList* draw_list = nullptr;

  ImVec2 size() const { return {view_max.x - view_min.x, view_max.y - view_min.y}; }
  // Screen position of a vehicle-frame point; nullopt behind the camera.
  std::optional<ImVec2> to_screen(const core::Vec3& p) const;
  // Ray through a screen position (origin on the near plane).
  Ray ray(ImVec2 s) const;
  // Where the ray through `s` meets the horizontal plane z = `z`.
  std::optional<core::Vec3> on_plane_z(ImVec2 s, double z) const;
  bool contains_screen(ImVec2 s) const {
    return s.x >= view_min.x && s.y >= view_min.y && s.x < view_max.x && s.y < view_max.y;
  }
};

}  // namespace vantage::gui
