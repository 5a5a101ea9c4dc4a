#pragma once
// Camera math of the 3D views: orbit perspective, bird's-eye orthographic and
// the orthographic detail views around a cuboid. Each produces a core::Mat4
// view_proj (vehicle frame -> OpenGL clip space) in the convention of
// gui::SceneViewport, so rendering, picking and overlays share one matrix.

#include "core/model/math.h"
#include "core/model/shape.h"

namespace vantage::render {

struct OrbitParams {
  core::Vec3 target{0.0};
  double yaw = 0;        // radians: the eye sits at target + distance * dir(yaw, pitch)
  double pitch = 0.5;    // radians above the horizon
  double distance = 40;  // metres
  double fov_y = 0.87;   // radians (50 degrees)
};

// Eye position of an orbit camera.
core::Vec3 orbit_eye(const OrbitParams& p);
// Perspective orbit camera looking at p.target, +z up. width/height in pixels.
core::Mat4 orbit_view_proj(const OrbitParams& p, double width, double height);

// Bird's-eye view: orthographic, straight down, vehicle +x pointing up on
// screen and +y to the left, `pixels_per_metre` screen pixels per metre,
// centred on `target`.
core::Mat4 bev_view_proj(const core::Vec3& target, double pixels_per_metre, double width,
                         double height);

// Orthographic views of a cuboid in its own frame: Top looks down (heading up
// on screen), Side looks from the cuboid's right (-y) so the heading points
// right, Front looks at its front face (its left, +y, on screen right).
// TopWide is the top view turned for wide panes: heading right, the box's
// left (+y) up.
enum class DetailAxis { Top, Side, Front, TopWide };
// `near_margin` / `far_margin`: metres of space kept in front of (towards the
// viewer) and behind the cuboid along the viewing direction; points further
// away are clipped, so a detail view shows only what is near the box. A
// negative far margin cuts into the box (the top view drops the ground the
// box stands on that way).
core::Mat4 detail_view_proj(const core::Cuboid& cuboid, DetailAxis axis, double pixels_per_metre,
                            double width, double height, double near_margin, double far_margin);
// Pixels per metre that fit the cuboid (with `padding` as a fraction of its
// extent on each side) into a width x height view.
double detail_fit_scale(const core::Cuboid& cuboid, DetailAxis axis, double width, double height,
                        double padding = 0.35);

// Whether a ray (unit `dir`) hits the cuboid; *t_enter gets the distance
// to where it enters (0 when the origin is inside).
bool ray_hits_cuboid(const core::Cuboid& c, const core::Vec3& origin, const core::Vec3& dir,
                     double* t_enter);

}  // namespace vantage::render
