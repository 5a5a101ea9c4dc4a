// The demo's sensors agree with its ground truth: LiDAR points on cuboid
// faces, 2D boxes equal to projected cuboids (and to what the renderer drew),
// and images showing objects in their colours.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include <opencv2/imgcodecs.hpp>

#include "core/geometry/camera_model.h"
#include "core/geometry/cuboid_geometry.h"
#include "core/geometry/cuboid_projection.h"
#include "core/io/point_cloud_io.h"
#include "core/synth/demo_rig.h"
#include "core/synth/surface_paint.h"
#include "tests/core/demo_fixture.h"

using namespace vantage;

namespace {

std::map<core::ObjectId, core::Cuboid> cuboids_at(const core::Annotations& a, int frame) {
  std::map<core::ObjectId, core::Cuboid> out;
  for (const core::Object& o : a.objects)
    if (const core::Shape* s = o.shape(frame, core::kSceneSensor, core::ShapeKind::Cuboid))
      out[o.id] = *s->as<core::Cuboid>();
  return out;
}

const core::Object& object(const core::Annotations& a, core::ObjectId id) {
  const core::Object* o = a.find(id);
  REQUIRE(o != nullptr);
  return *o;
}

bool is_vehicle(const std::string& c) {
  return c == "Car" || c == "Van" || c == "Truck" || c == "Bus";
}

}  // namespace

TEST_CASE("demo LiDAR points inside a ground-truth cuboid lie on its surface", "[demo]") {
  const auto& f = test::demo_fixture();
  const core::Lidar& lidar = f.doc.sequence.default_rig().lidars.at(0);
  // Range noise is bounded by 3 sigma; cuboids are rounded to 0.1 mm and
  // points stored as float32.
  const double tolerance = core::make_demo_lidar(64).noise_limit() + 1e-3;
  size_t inside = 0;
  double worst = 0;
  std::map<core::ObjectId, size_t> hits;
  for (int fr = 0; fr < f.doc.sequence.frame_count(); ++fr) {
    const core::PointCloud cloud = core::read_kitti_bin(
        f.folder / f.doc.sequence.frames[static_cast<size_t>(fr)].files.at("LIDAR_TOP"));
    // About 100k points per sweep (64 beams x 1600 azimuth steps, minus sky).
    CHECK(cloud.size() > 70000);
    CHECK(cloud.size() <= 64 * 1600);
    const auto cuboids = cuboids_at(f.ground_truth, fr);
    for (const glm::vec4& p : cloud.points) {
      const core::Vec3 pv = lidar.lidar_to_vehicle.apply(core::Vec3(p.x, p.y, p.z));
      for (const auto& [id, c] : cuboids) {
        if (glm::length(pv - c.center) > 0.5 * glm::length(c.size) + tolerance) continue;
        if (core::point_in_cuboid(c, pv, tolerance)) ++hits[id];
        if (!core::point_in_cuboid(c, pv, 0.0)) continue;
        const core::Vec3 l = core::to_cuboid_local(c, pv);
        const double depth = std::min({c.size.x / 2 - std::abs(l.x), c.size.y / 2 - std::abs(l.y),
                                       c.size.z / 2 - std::abs(l.z)});
        worst = std::max(worst, depth);
        ++inside;
      }
    }
  }
  INFO("points inside cuboids: " << inside << ", deepest " << worst << " m");
  CHECK(inside > 2000);  // the check is not vacuous: noise puts half the object points inside
  CHECK(worst <= tolerance);
  CHECK(hits.size() > 20);  // many objects are scanned
}

TEST_CASE("demo 2D boxes are the projections of their cuboids clipped to the image", "[demo]") {
  const auto& f = test::demo_fixture();
  const auto& rig = f.doc.sequence.default_rig();
  REQUIRE(rig.cameras.size() == 3);
  CHECK(rig.cameras[1].distortion.k1 != 0.0);  // the surround cameras have lens distortion
  size_t checked = 0, unoccluded = 0;
  for (const core::Object& o : f.ground_truth.objects)
    for (const core::Track& t : o.tracks) {
      if (t.kind != core::ShapeKind::Box2D) continue;
      const core::Camera* cam = rig.camera(t.sensor);
      REQUIRE(cam != nullptr);
      const core::CameraModel model(*cam);
      for (const core::FrameShape& fs : t.shapes) {
        const core::Shape* cs = o.shape(fs.frame, core::kSceneSensor, core::ShapeKind::Cuboid);
        REQUIRE(cs != nullptr);  // no 2D box without a cuboid
        const core::ProjectedCuboid p = core::project_cuboid(model, *cs->as<core::Cuboid>());
        REQUIRE(p.box);
        const core::Box2D& b = *fs.shape.as<core::Box2D>();
        // Boxes are written rounded to 1e-3 px.
        CHECK(b.x1 == Approx(p.box->x1).margin(1e-3));
        CHECK(b.y1 == Approx(p.box->y1).margin(1e-3));
        CHECK(b.x2 == Approx(p.box->x2).margin(1e-3));
        CHECK(b.y2 == Approx(p.box->y2).margin(1e-3));
        CHECK(fs.shape.truncation == Approx(p.truncation).margin(1e-3));
        CHECK(fs.shape.occlusion <= 2);
        unoccluded += fs.shape.occlusion == 0;
        ++checked;
      }
    }
  CHECK(checked > 100);
  CHECK(unoccluded > 30);
}

TEST_CASE("demo 2D boxes match the pixels the renderer drew for unoccluded objects", "[demo]") {
  // An independent oracle for the projection: the rasteriser's id buffer
  // (its own pinhole maths, then cv::remap for distorted cameras).
  const auto& f = test::demo_fixture();
  const core::DemoScene scene(f.options);
  const auto renderers = core::make_demo_renderers(scene);
  size_t compared = 0, cutouts = 0;
  for (int fr : {0, 6, 11}) {
    const core::DemoFrame frame = core::render_demo_frame(scene, renderers, fr);
    for (size_t c = 0; c < frame.images.size(); ++c) {
      const core::CameraRender& r = frame.images[c];
      const std::string& cam = scene.rig().cameras[c].name;
      const double tolerance = scene.rig().cameras[c].distortion.is_zero() ? 1.01 : 2.5;
      for (const core::ObjectPixels& op : r.objects) {
        if (op.visible != op.footprint || op.visible < 150) continue;  // fully visible, not tiny
        const core::Shape* s = object(f.ground_truth, op.id).shape(fr, cam, core::ShapeKind::Box2D);
        REQUIRE(s != nullptr);
        CHECK(s->occlusion == 0);
        if (s->truncation > 0) continue;
        int u0 = r.ids.cols, v0 = r.ids.rows, u1 = -1, v1 = -1;
        for (int v = 0; v < r.ids.rows; ++v)
          for (int u = 0; u < r.ids.cols; ++u)
            if (r.ids.at<int32_t>(v, u) == op.id) {
              u0 = std::min(u0, u);
              v0 = std::min(v0, v);
              u1 = std::max(u1, u + 1);
              v1 = std::max(v1, v + 1);
            }
        REQUIRE(u1 > u0);
        const core::Box2D& b = *s->as<core::Box2D>();
        INFO("object " << op.id << " in " << cam << " frame " << fr << ": pixels [" << u0 << ","
                       << v0 << "," << u1 << "," << v1 << "] box [" << b.x1 << "," << b.y1 << ","
                       << b.x2 << "," << b.y2 << "]");
        if (is_vehicle(object(f.ground_truth, op.id).class_name)) {
          CHECK(std::abs(u0 - b.x1) <= tolerance);
          CHECK(std::abs(v0 - b.y1) <= tolerance);
          CHECK(std::abs(u1 - b.x2) <= tolerance);
          CHECK(std::abs(v1 - b.y2) <= tolerance);
          ++compared;
        } else {
          // Pedestrians and cyclists are silhouettes inside their cuboid.
          CHECK(u0 >= b.x1 - tolerance);
          CHECK(v0 >= b.y1 - tolerance);
          CHECK(u1 <= b.x2 + tolerance);
          CHECK(v1 <= b.y2 + tolerance);
          ++cutouts;
        }
      }
    }
  }
  CHECK(compared >= 5);
  CHECK(cutouts >= 1);
}

TEST_CASE("demo images show an unoccluded vehicle's paint at its visible face", "[demo]") {
  const auto& f = test::demo_fixture();
  const core::DemoScene scene(f.options);
  const core::Camera& cam = f.doc.sequence.default_rig().cameras.at(0);
  const core::CameraModel model(cam);
  const core::Vec3 cam_pos = cam.camera_to_vehicle.translation();
  const core::Rgb road = core::GroundMap::material_colour(core::GroundMaterial::Asphalt);
  size_t checked = 0;
  for (int fr = 0; fr < f.doc.sequence.frame_count(); fr += 4) {
    const cv::Mat image = cv::imread(
        (f.folder / f.doc.sequence.frames[static_cast<size_t>(fr)].files.at(cam.name)).string());
    REQUIRE(!image.empty());
    for (const core::Object& o : f.ground_truth.objects) {
      if (o.class_name != "Car" && o.class_name != "Van") continue;
      const core::Shape* b = o.shape(fr, cam.name, core::ShapeKind::Box2D);
      if (!b || b->occlusion != 0 || b->truncation > 0 || b->as<core::Box2D>()->area() < 400)
        continue;
      const core::Cuboid& c =
          *o.shape(fr, core::kSceneSensor, core::ShapeKind::Cuboid)->as<core::Cuboid>();
      // The vertical face turned most towards the camera; a point on it at
      // 45 % of the height, where cars and vans show body paint.
      const core::Mat3 r = core::cuboid_rotation(c);
      core::Vec3 best_point{0.0};
      double best = -1e9;
      for (int k = 0; k < 4; ++k) {
        const core::Vec3 axis = k < 2 ? r[0] : r[1];
        const double half = (k < 2 ? c.size.x : c.size.y) / 2;
        const core::Vec3 n = axis * (k % 2 ? -1.0 : 1.0);
        const core::Vec3 centre = c.center + n * half;
        const double facing = glm::dot(n, glm::normalize(cam_pos - centre));
        if (facing > best) {
          best = facing;
          best_point = centre + core::Vec3(0, 0, -0.05 * c.size.z);
        }
      }
      const auto uv = model.project(best_point);
      REQUIRE(uv);
      const cv::Vec3b px = image.at<cv::Vec3b>(static_cast<int>(uv->y), static_cast<int>(uv->x));
      const core::Vec3 got{px[2], px[1], px[0]};
      // Its body colour, shaded by the face's light (0.56 .. 1).
      size_t agent = 0;
      for (size_t i = 1; i < scene.traffic().agents.size(); ++i)
        if (scene.traffic().agents[i].id == o.id) agent = i;
      REQUIRE(agent > 0);
      const core::Rgb body = core::body_colour(scene.traffic().agents[agent].box);
      const core::Vec3 want{body.r, body.g, body.b};
      const double s = glm::dot(got, want) / std::max(1.0, glm::dot(want, want));
      const core::Vec3 diff = got - want * std::clamp(s, 0.5, 1.05);
      INFO("object " << o.id << " frame " << fr << " pixel " << got.x << "," << got.y << ","
                     << got.z << " body " << want.x << "," << want.y << "," << want.z);
      CHECK(std::max({std::abs(diff.x), std::abs(diff.y), std::abs(diff.z)}) < 14);
      // Not the road's colour (where no shade of the paint could be).
      const core::Vec3 asphalt{road.r, road.g, road.b};
      double closest = INFINITY;
      for (double shade = 0.5; shade <= 1.05; shade += 0.01)
        closest = std::min(closest, glm::length(want * shade - asphalt));
      if (closest > 40) CHECK(glm::length(got - asphalt) > 20);
      ++checked;
    }
  }
  CHECK(checked >= 3);
}
