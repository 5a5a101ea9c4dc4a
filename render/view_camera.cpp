#include "render/view_camera.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

#include "core/geometry/cuboid_geometry.h"

namespace vantage::render {

using core::Mat4;
using core::Vec3;

Vec3 orbit_eye(const OrbitParams& p) {
  const double cp = std::cos(p.pitch);
  return p.target +
         p.distance * Vec3(cp * std::cos(p.yaw), cp * std::sin(p.yaw), std::sin(p.pitch));
}

Mat4 orbit_view_proj(const OrbitParams& p, double width, double height) {
  const double aspect = std::max(1.0, width) / std::max(1.0, height);
  // Near/far follow the distance so depth precision stays useful from a
  // close-up of one car to an overview of the whole sweep.
  const double near_plane = std::clamp(p.distance * 0.01, 0.05, 1.0);
  const double far_plane = std::max(400.0, p.distance * 10.0);
  const Mat4 proj = glm::perspective(p.fov_y, aspect, near_plane, far_plane);
  // Straight down, lookAt with up = z degenerates: pitch is clamped by the
  // view, but guard anyway with a heading-aligned up vector.
  Vec3 up(0, 0, 1);
  if (std::abs(std::cos(p.pitch)) < 1e-6) up = Vec3(-std::cos(p.yaw), -std::sin(p.yaw), 0);
  return proj * glm::lookAt(orbit_eye(p), p.target, up);
}

Mat4 bev_view_proj(const Vec3& target, double pixels_per_metre, double width, double height) {
  const double hw = std::max(1.0, width) / (2.0 * pixels_per_metre);
  const double hh = std::max(1.0, height) / (2.0 * pixels_per_metre);
  const Mat4 proj = glm::ortho(-hw, hw, -hh, hh, 1.0, 2000.0);
  const Vec3 eye = target + Vec3(0, 0, 1000.0);
  return proj * glm::lookAt(eye, target, Vec3(1, 0, 0));
}

namespace {

// Local-frame direction the detail camera looks along, its screen-up vector
// and which cuboid extents span screen x / y / depth.
struct DetailFrame {
  Vec3 look, up;
  int sx, sy, sd;  // indices into size (0 length, 1 width, 2 height)
};

DetailFrame detail_frame(DetailAxis axis) {
  switch (axis) {
    case DetailAxis::Top:
      return {{0, 0, -1}, {1, 0, 0}, 1, 0, 2};
    case DetailAxis::Side:
      return {{0, 1, 0}, {0, 0, 1}, 0, 2, 1};
    case DetailAxis::Front:
      return {{-1, 0, 0}, {0, 0, 1}, 1, 2, 0};
    case DetailAxis::TopWide:
      return {{0, 0, -1}, {0, 1, 0}, 0, 1, 2};
  }
  return {{0, 0, -1}, {1, 0, 0}, 1, 0, 2};
}

}  // namespace

double detail_fit_scale(const core::Cuboid& c, DetailAxis axis, double width, double height,
                        double padding) {
  const DetailFrame f = detail_frame(axis);
  const double ex = std::max(0.2, c.size[f.sx]) * (1.0 + 2.0 * padding);
  const double ey = std::max(0.2, c.size[f.sy]) * (1.0 + 2.0 * padding);
  return std::max(1e-3, std::min(std::max(1.0, width) / ex, std::max(1.0, height) / ey));
}

Mat4 detail_view_proj(const core::Cuboid& c, DetailAxis axis, double pixels_per_metre, double width,
                      double height, double near_margin, double far_margin) {
  const DetailFrame f = detail_frame(axis);
  const core::Mat3 r = core::cuboid_rotation(c);
  const Vec3 look = r * f.look, up = r * f.up;
  const double half = 0.5 * c.size[f.sd];
  const double back_off = half + std::max(0.0, near_margin) + 10.0;
  const Vec3 eye = c.center - look * back_off;
  const double hw = std::max(1.0, width) / (2.0 * pixels_per_metre);
  const double hh = std::max(1.0, height) / (2.0 * pixels_per_metre);
  const double z_near = back_off - half - near_margin;
  const double z_far = std::max(z_near + 0.01, back_off + half + far_margin);
  const Mat4 proj = glm::ortho(-hw, hw, -hh, hh, z_near, z_far);
  return proj * glm::lookAt(eye, c.center, up);
}

bool ray_hits_cuboid(const core::Cuboid& c, const Vec3& origin, const Vec3& dir, double* t_enter) {
  // Slab test in the box's own frame.
  const core::Mat3 rt = glm::transpose(core::cuboid_rotation(c));
  const Vec3 o = rt * (origin - c.center);
  const Vec3 d = rt * dir;
  double t0 = -1e300, t1 = 1e300;
  for (int i = 0; i < 3; ++i) {
    const double h = 0.5 * c.size[i];
    if (std::abs(d[i]) < 1e-12) {
      if (o[i] < -h || o[i] > h) return false;
      continue;
    }
    double a = (-h - o[i]) / d[i], b = (h - o[i]) / d[i];
    if (a > b) std::swap(a, b);
    t0 = std::max(t0, a);
    t1 = std::min(t1, b);
    if (t0 > t1) return false;
  }
  if (t1 < 0) return false;
  if (t_enter) *t_enter = std::max(0.0, t0);
  return true;
}

}  // namespace vantage::render
