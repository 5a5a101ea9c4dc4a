// Camera projection against OpenCV's cv::projectPoints as the independent
// oracle, and cuboid projection with near-plane clipping.
#include <catch2/catch.hpp>

#include <opencv2/calib3d.hpp>
#include <random>

#include "core/geometry/camera_model.h"
#include "core/geometry/cuboid_geometry.h"
#include "core/geometry/cuboid_projection.h"

using namespace vantage::core;

namespace {

// Vehicle x forward, y left, z up -> camera looking forward.
Camera front_camera(Distortion d = {}) {
  Camera cam;
  cam.name = "CAM";
  cam.width = 1600;
  cam.height = 900;
  cam.intrinsics = {1266.4, 1266.4, 816.3, 491.5, 0.0};
  cam.distortion = d;
  Mat3 r(0.0);
  r[2][0] = 1.0;
  r[0][1] = -1.0;
  r[1][2] = -1.0;
  cam.camera_to_vehicle = Transform::from_rotation_translation(r, {1.7, 0.02, 1.5});
  return cam;
}

}  // namespace

TEST_CASE("Projection matches cv::projectPoints with distortion", "[geometry][projection]") {
  const Distortion d{-0.28, 0.09, 0.0006, -0.0004, -0.012};
  const Camera cam = front_camera(d);
  const CameraModel model(cam);
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<cv::Point3d> pts;
  std::vector<Vec3> cam_pts;
  for (int i = 0; i < 200; ++i) {
    const Vec3 pv{5 + 40 * (u(rng) + 1), 15 * u(rng), 3 * u(rng)};
    const Vec3 pc = model.to_camera(pv);
    cam_pts.push_back(pc);
    pts.emplace_back(pc.x, pc.y, pc.z);
  }
  cv::Mat k = (cv::Mat_<double>(3, 3) << cam.intrinsics.fx, 0, cam.intrinsics.cx, 0, cam.intrinsics.fy, cam.intrinsics.cy, 0, 0, 1);
  cv::Mat dist = (cv::Mat_<double>(1, 5) << d.k1, d.k2, d.p1, d.p2, d.k3);
  std::vector<cv::Point2d> expected;
  cv::projectPoints(pts, cv::Vec3d(0, 0, 0), cv::Vec3d(0, 0, 0), k, dist, expected);
  int checked = 0;
  for (size_t i = 0; i < pts.size(); ++i) {
    const auto uv = model.project_camera(cam_pts[i]);
    if (!uv) continue;  // beyond the monotonic radius: OpenCV folds back there
    ++checked;
    CHECK(uv->x == Approx(expected[i].x).margin(1e-6));
    CHECK(uv->y == Approx(expected[i].y).margin(1e-6));
    // And back: pixel -> normalised -> same direction.
    const Vec2 n = model.pixel_to_normalized(*uv);
    CHECK(n.x == Approx(cam_pts[i].x / cam_pts[i].z).margin(1e-9));
    CHECK(n.y == Approx(cam_pts[i].y / cam_pts[i].z).margin(1e-9));
  }
  CHECK(checked > 150);
}

TEST_CASE("Distortion fold-back points are rejected, not projected into the image", "[geometry][projection]") {
  // Strong barrel distortion folds back near r = 1: a point 80 degrees
  // off-axis must not land inside the image.
  const CameraModel model(front_camera({-0.45, 0.0, 0, 0, 0}));
  CHECK(model.max_normalized_radius() < 2.0);
  const Vec3 far_off_axis{std::tan(80.0 * kPi / 180.0), 0.0, 1.0};
  CHECK_FALSE(model.project_camera(far_off_axis).has_value());
}

TEST_CASE("Points behind the camera do not project", "[geometry][projection]") {
  const CameraModel model(front_camera());
  CHECK_FALSE(model.project({-5, 0, 1}).has_value());
  const auto ahead = model.project({21.7, 0.02, 1.5});  // on the optical axis
  REQUIRE(ahead);
  CHECK(ahead->x == Approx(816.3));
  CHECK(ahead->y == Approx(491.5));
}

TEST_CASE("Cuboid corners follow yaw, pitch and roll", "[geometry]") {
  Cuboid c;
  c.center = {10, 5, 1};
  c.size = {4, 2, 1.5};
  c.yaw = kPi / 2;  // facing +y
  const auto k = cuboid_corners(c);
  // Corner 0 is front-left-bottom: front = +y, left = -x.
  CHECK(k[0].x == Approx(9.0));
  CHECK(k[0].y == Approx(7.0));
  CHECK(k[0].z == Approx(0.25));
  CHECK(k[4].z == Approx(1.75));
  CHECK(cuboid_front_center(c).y == Approx(7.0));
  CHECK(point_in_cuboid(c, {10.9, 6.9, 1.7}));
  CHECK_FALSE(point_in_cuboid(c, {11.1, 5, 1}));
  // Pitch tips the nose down for positive pitch (rotation about +y).
  Cuboid p = c;
  p.yaw = 0;
  p.pitch = 0.1;
  CHECK(cuboid_front_center(p).z < c.center.z);
}

TEST_CASE("A cuboid fully in view projects to the bounds of its corners", "[geometry][projection]") {
  const CameraModel model(front_camera());
  Cuboid c;
  c.center = {20, 2, 0.8};
  c.size = {4.5, 1.9, 1.6};
  c.yaw = 0.4;
  const ProjectedCuboid p = project_cuboid(model, c);
  REQUIRE(p.box);
  double x1 = 1e9, x2 = -1e9, y1 = 1e9, y2 = -1e9;
  for (const auto& k : p.corners) {
    REQUIRE(k);
    x1 = std::min(x1, k->x);
    x2 = std::max(x2, k->x);
    y1 = std::min(y1, k->y);
    y2 = std::max(y2, k->y);
  }
  CHECK(p.box->x1 == Approx(x1));
  CHECK(p.box->x2 == Approx(x2));
  CHECK(p.box->y1 == Approx(y1));
  CHECK(p.box->y2 == Approx(y2));
  CHECK(p.segments.size() == 12);
  CHECK(p.truncation == 0.0);
}

TEST_CASE("A cuboid straddling the camera is clipped at the near plane", "[geometry][projection]") {
  const CameraModel model(front_camera());
  Cuboid c;
  c.center = {1.5, 0.0, 1.0};  // around the camera position (x = 1.7)
  c.size = {6, 2, 2};
  const ProjectedCuboid p = project_cuboid(model, c);
  int behind = 0;
  for (const auto& k : p.corners) behind += !k.has_value();
  CHECK(behind == 4);  // the rear four corners
  // Visible segments never come from behind: all points are finite and the
  // near-clipped edges reach far outside the image rather than wrapping.
  for (const auto& s : p.segments) {
    CHECK(std::isfinite(s.a.x));
    CHECK(std::isfinite(s.b.y));
  }
  REQUIRE(p.box);
  CHECK(p.box->x1 == 0.0);
  CHECK(p.box->x2 == 1600.0);
  CHECK(p.truncation > 0.9);
}

TEST_CASE("A cuboid entirely behind the camera has no box", "[geometry][projection]") {
  const CameraModel model(front_camera());
  Cuboid c;
  c.center = {-10, 0, 1};
  c.size = {4, 2, 1.5};
  const ProjectedCuboid p = project_cuboid(model, c);
  CHECK_FALSE(p.box);
  CHECK(p.segments.empty());
}

TEST_CASE("Box IoU and clipping", "[geometry]") {
  CHECK(box_iou({0, 0, 10, 10}, {0, 0, 10, 10}) == 1.0);
  CHECK(box_iou({0, 0, 10, 10}, {5, 0, 15, 10}) == Approx(1.0 / 3.0));
  CHECK(box_iou({0, 0, 10, 10}, {20, 20, 30, 30}) == 0.0);
  const auto c = clip_box({-5, -5, 50, 20}, 40, 30);
  REQUIRE(c);
  CHECK(*c == Box2D{0, 0, 40, 20});
  CHECK_FALSE(clip_box({50, 50, 60, 60}, 40, 30));
}
