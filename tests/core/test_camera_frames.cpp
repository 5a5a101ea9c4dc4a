// Exact camera frames with a projection translation (a rectified stereo
// camera's baseline, KITTI's P2 = K [I | t]): random rigs with non-zero
// baselines and random cuboids, exported to every 3D format and read back,
// with cv::projectPoints and P = K [I | t] applied by hand as independent
// references. The conversion frames are documented in
// docs/coordinate-frames.md.
#include <catch2/catch.hpp>

#include <filesystem>
#include <opencv2/calib3d.hpp>
#include <random>

#include "core/formats/format.h"
#include "core/geometry/camera_model.h"
#include "core/geometry/cuboid_geometry.h"
#include "core/geometry/kitti_rig.h"
#include "core/io/kitti_calibration.h"
#include "core/io/native_format.h"
#include "core/model/schema.h"
#include "tests/support/test_support.h"

using namespace vantage::core;
using vantage::test::TempDir;

namespace {

constexpr double kMetres = 1e-6;  // the tolerance for locations
constexpr double kPixels = 1e-4;

// Camera axes (x right, y down, z forward) in a vehicle frame (x forward,
// y left, z up), turned by `yaw` about the vehicle's z and tilted down by
// `pitch` about the camera's x.
Mat3 camera_rotation(double yaw, double pitch) {
  Mat3 base(0.0);  // columns: camera x, y, z in vehicle coordinates
  base[0] = Vec3{0, -1, 0};
  base[1] = Vec3{0, 0, -1};
  base[2] = Vec3{1, 0, 0};
  const double c = std::cos(yaw), s = std::sin(yaw);
  Mat3 rz(1.0);
  rz[0] = Vec3{c, s, 0};
  rz[1] = Vec3{-s, c, 0};
  const double cp = std::cos(pitch), sp = std::sin(pitch);
  Mat3 rx(1.0);  // about camera x, in camera coordinates
  rx[1] = Vec3{0, cp, sp};
  rx[2] = Vec3{0, -sp, cp};
  return rz * base * rx;
}

struct Rig {
  Camera camera;
};

// A camera whose calibration is given as P = K [I | t] for its reference
// frame at `reference_to_vehicle` (how KITTI and VCD describe it).
Camera random_camera(std::mt19937& rng, bool level) {
  std::uniform_real_distribution<double> u(-1, 1);
  const double f = 700 + 100 * u(rng);
  double p[12] = {f, 0, 600 + 20 * u(rng), 0, 0, f * (1 + 0.01 * u(rng)), 180 + 10 * u(rng), 0,
                  0, 0, 1, 0};
  // A baseline of a few centimetres to half a metre, either side, with the
  // small y and z parts real rectifications have.
  const Vec3 t{0.06 + 0.5 * u(rng), 0.003 * u(rng), 0.003 * u(rng)};
  p[3] = p[0] * t.x + p[2] * t.z;
  p[7] = p[5] * t.y + p[6] * t.z;
  p[11] = t.z;
  const Mat3 r = camera_rotation(0.4 * u(rng), level ? 0.0 : 0.15 * u(rng));
  const Transform ref = Transform::from_rotation_translation(
      r, {1.0 + 0.5 * u(rng), 0.3 * u(rng), 1.2 + 0.4 * u(rng)});
  return camera_from_projection("CAM", 1242, 375, p, ref);
}

// Cuboids in front of the camera's reference frame, upright (yaw only) or
// tilted.
std::vector<Cuboid> random_cuboids(std::mt19937& rng, const Camera& cam, int n, bool tilted) {
  std::uniform_real_distribution<double> u(-1, 1);
  const Transform ref = cam.reference_to_vehicle();
  std::vector<Cuboid> out;
  for (int i = 0; i < n; ++i) {
    const Vec3 p_ref{4.0 * u(rng), 1.5 + 0.3 * u(rng), 12 + 8 * u(rng)};
    Cuboid c;
    c.center = ref.apply(p_ref);
    c.size = {3.9 + u(rng), 1.7 + 0.2 * u(rng), 1.5 + 0.2 * u(rng)};
    c.yaw = 3.0 * u(rng);
    if (tilted) {
      c.pitch = 0.1 * u(rng);
      c.roll = 0.1 * u(rng);
    }
    out.push_back(c);
  }
  return out;
}

Document rig_document(const Camera& cam, const std::vector<std::vector<Cuboid>>& frames) {
  Document doc;
  doc.schema = default_schema();
  doc.sequence.name = "0007";
  doc.sequence.rigs[0].cameras = {cam};
  Lidar l;
  l.name = "LIDAR";
  doc.sequence.rigs[0].lidars = {l};
  doc.sequence.frames.resize(frames.size());
  for (size_t f = 0; f < frames.size(); ++f) {
    doc.sequence.frames[f].timestamp_us = int64_t(f) * 100000;
    for (size_t i = 0; i < frames[f].size(); ++i) {
      Object& o = doc.annotations.objects.size() > i
                      ? doc.annotations.objects[i]
                      : doc.annotations.objects.emplace_back();
      o.id = ObjectId(i);
      o.class_name = "Car";
      Shape s;
      s.geometry = frames[f][i];
      o.track_or_create(kSceneSensor, ShapeKind::Cuboid).set(int(f), s);
    }
  }
  return doc;
}

// The 8 corners of `a` and `b` agree within `tol` metres (a yaw of pi
// turns a box into itself: corners, not angles, are compared).
void require_same_box(const Cuboid& a, const Cuboid& b, double tol) {
  for (int k = 0; k < 3; ++k) REQUIRE(std::abs(a.size[k] - b.size[k]) <= tol);
  const auto ca = cuboid_corners(a), cb = cuboid_corners(b);
  for (const Vec3& p : ca) {
    double best = 1e9;
    for (const Vec3& q : cb) best = std::min(best, glm::length(p - q));
    REQUIRE(best <= tol);
  }
}

// Cuboids of `doc` at every frame, by the nearest centre in `ref`.
void require_same_cuboids(const Document& ref, const Document& doc, double tol) {
  size_t compared = 0;
  for (const Object& o : ref.annotations.objects)
    for (const FrameShape& fs : o.track(kSceneSensor, ShapeKind::Cuboid)->shapes) {
      const Cuboid& want = *fs.shape.as<Cuboid>();
      const Cuboid* best = nullptr;
      double dist = 1e9;
      for (const Object& p : doc.annotations.objects)
        if (const Shape* s = p.shape(fs.frame, kSceneSensor, ShapeKind::Cuboid)) {
          const double d = glm::length(s->as<Cuboid>()->center - want.center);
          if (d < dist) dist = d, best = s->as<Cuboid>();
        }
      REQUIRE(best);
      require_same_box(want, *best, tol);
      ++compared;
    }
  REQUIRE(compared == ref.annotations.shape_count());
}

void require_same_camera(const Camera& a, const Camera& b, double tol) {
  REQUIRE(std::abs(a.intrinsics.fx - b.intrinsics.fx) <= tol * a.intrinsics.fx);
  REQUIRE(std::abs(a.intrinsics.fy - b.intrinsics.fy) <= tol * a.intrinsics.fy);
  REQUIRE(std::abs(a.intrinsics.cx - b.intrinsics.cx) <= tol * 1000);
  REQUIRE(std::abs(a.intrinsics.cy - b.intrinsics.cy) <= tol * 1000);
  REQUIRE(glm::length(a.projection_translation - b.projection_translation) <= tol);
  for (int c = 0; c < 4; ++c)
    for (int r = 0; r < 4; ++r)
      REQUIRE(std::abs(a.camera_to_vehicle.m[c][r] - b.camera_to_vehicle.m[c][r]) <= tol);
}

// cv::projectPoints of vehicle points through the optical frame.
std::vector<cv::Point2d> opencv_project(const Camera& cam, const std::vector<Vec3>& pts) {
  const Transform v2c = cam.camera_to_vehicle.inverse();
  cv::Matx33d r;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) r(i, j) = v2c.m[j][i];
  cv::Vec3d rvec;
  cv::Rodrigues(r, rvec);
  const cv::Vec3d tvec(v2c.m[3][0], v2c.m[3][1], v2c.m[3][2]);
  const Intrinsics& k = cam.intrinsics;
  const cv::Matx33d K(k.fx, k.skew, k.cx, 0, k.fy, k.cy, 0, 0, 1);
  const Distortion& d = cam.distortion;
  const std::vector<double> dist = {d.k1, d.k2, d.p1, d.p2, d.k3};
  std::vector<cv::Point3d> in;
  for (const Vec3& p : pts) in.emplace_back(p.x, p.y, p.z);
  std::vector<cv::Point2d> out;
  cv::projectPoints(in, rvec, tvec, K, dist, out);
  return out;
}

// P = K [I | t] applied by hand to the point in the reference frame.
Vec2 p_times_reference(const Camera& cam, const Transform& reference_to_vehicle, const Vec3& pv) {
  const Vec3 x = reference_to_vehicle.inverse().apply(pv);
  const auto P = cam.projection_matrix();
  const double u = P[0] * x.x + P[1] * x.y + P[2] * x.z + P[3];
  const double v = P[4] * x.x + P[5] * x.y + P[6] * x.z + P[7];
  const double w = P[8] * x.x + P[9] * x.y + P[10] * x.z + P[11];
  return {u / w, v / w};
}

}  // namespace

TEST_CASE("A camera from P = K [I | t] projects like P and like cv::projectPoints",
          "[frames]") {
  std::mt19937 rng(20261207);
  for (int trial = 0; trial < 50; ++trial) {
    const Camera cam = random_camera(rng, trial % 2 == 0);
    const Transform ref = cam.reference_to_vehicle();
    const CameraModel model(cam);
    std::vector<Vec3> pts;
    for (const Cuboid& c : random_cuboids(rng, cam, 5, true))
      for (const Vec3& p : cuboid_corners(c)) pts.push_back(p);
    const auto cvp = opencv_project(cam, pts);
    for (size_t i = 0; i < pts.size(); ++i) {
      const auto uv = model.project(pts[i]);
      REQUIRE(uv);
      CHECK(std::abs(uv->x - cvp[i].x) <= kPixels);
      CHECK(std::abs(uv->y - cvp[i].y) <= kPixels);
      const Vec2 pp = p_times_reference(cam, ref, pts[i]);
      CHECK(std::abs(uv->x - pp.x) <= kPixels);
      CHECK(std::abs(uv->y - pp.y) <= kPixels);
    }
    // The baseline is in the camera, not in its reference frame: the
    // optical centre sits at -t in the reference frame.
    const Vec3 centre = ref.inverse().apply(cam.camera_to_vehicle.translation());
    CHECK(glm::length(centre + cam.projection_translation) <= 1e-9);
  }
}

TEST_CASE("KITTI calibration rows keep the baseline in P2 and labels in the reference frame",
          "[frames]") {
  std::mt19937 rng(7);
  const Camera cam = random_camera(rng, true);
  const KittiCalibration k = kitti_calibration_for_camera(cam);
  // P2 is K [I | t]; Tr_velo_to_cam maps vehicle points to the reference frame.
  const auto P = cam.projection_matrix();
  for (int i = 0; i < 12; ++i) CHECK(k.P[2][size_t(i)] == P[size_t(i)]);
  CHECK(k.P[2][3] != 0.0);
  const Transform v2r = Transform::from_row_major_3x4(k.Tr_velo_to_cam.data());
  const Transform want = cam.reference_to_vehicle().inverse();
  for (int c = 0; c < 4; ++c)
    for (int r = 0; r < 3; ++r) CHECK(std::abs(v2r.m[c][r] - want.m[c][r]) <= 1e-12);
  // And the rig made back from it is the same camera.
  const SensorRig rig = make_kitti_rig(k, cam.width, cam.height);
  require_same_camera(cam, rig.cameras[0], 1e-9);
}

TEST_CASE("Random rigs with baselines: cuboids round-trip every 3D format within 1e-6 m",
          "[frames][formats]") {
  std::mt19937 rng(42);
  for (int trial = 0; trial < 6; ++trial) {
    const bool level = true;  // KITTI boxes turn about the camera's y axis only
    const Camera cam = random_camera(rng, level);
    std::vector<std::vector<Cuboid>> frames;
    const auto first = random_cuboids(rng, cam, 4, false);
    for (int f = 0; f < 3; ++f) {
      auto cs = first;
      for (Cuboid& c : cs) c.center += Vec3{0.4 * f, 0.1 * f, 0.0};
      frames.push_back(cs);
    }
    const Document doc = rig_document(cam, frames);
    TempDir tmp;
    for (const FormatId id : {FormatId::Kitti, FormatId::KittiTracking, FormatId::OpenLabel}) {
      INFO("format " << format_name(id) << ", trial " << trial);
      const auto out = tmp / format_name(id);
      ExportOptions eo;
      eo.keyframes_only = true;
      export_document(doc, id, out, eo);
      // Back into the same sequence...
      Document into = doc;
      into.annotations = {};
      ImportOptions io;
      const std::filesystem::path in = id == FormatId::Kitti           ? out / "label_2"
                                       : id == FormatId::KittiTracking ? out / "label_02"
                                                                       : out;
      import_annotations(into, id, in, io);
      require_same_cuboids(doc, into, kMetres);
      // ... and as a sequence of its own, whose camera is the same camera.
      FormatReport r;
      const Document built = document_from_annotations(id, in, io, r);
      require_same_cuboids(doc, built, kMetres);
      const Camera* back = built.sequence.default_rig().cameras.empty()
                               ? nullptr
                               : &built.sequence.default_rig().cameras.front();
      REQUIRE(back);
      require_same_camera(cam, *back, 1e-9);
    }
    // Native: exact, the camera included.
    const Document saved = save_native_as(doc, tmp / "native");
    const Document loaded = load_native(tmp / "native");
    CHECK(loaded.sequence.rigs == doc.sequence.rigs);
    CHECK(loaded.annotations.objects == doc.annotations.objects);
  }
}

TEST_CASE("Tilted rigs: OpenLABEL and native keep everything, KITTI refuses to drop the tilt",
          "[frames][formats]") {
  std::mt19937 rng(99);
  const Camera cam = random_camera(rng, false);
  const Document doc = rig_document(cam, {random_cuboids(rng, cam, 5, true)});
  TempDir tmp;
  ExportOptions eo;
  export_document(doc, FormatId::OpenLabel, tmp / "ol", eo);
  FormatReport r;
  const Document back = document_from_annotations(FormatId::OpenLabel, tmp / "ol", {}, r);
  require_same_cuboids(doc, back, kMetres);
  require_same_camera(cam, back.sequence.default_rig().cameras.front(), 1e-9);
  // KITTI cannot hold pitch and roll: by default nothing is written.
  REQUIRE_THROWS_AS(export_document(doc, FormatId::Kitti, tmp / "kitti", eo), ConversionError);
  CHECK_FALSE(std::filesystem::exists(tmp / "kitti" / "label_2"));
  eo.skip_invalid = true;
  const FormatReport k = export_document(doc, FormatId::Kitti, tmp / "kitti", eo);
  CHECK(k.problem_count == 5);
  CHECK(k.skipped.size() == 5);
  CHECK(k.skipped.front().altered);
}
