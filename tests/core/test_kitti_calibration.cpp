// KITTI calibration files, the rig built from them (projection checked
// against KITTI's own matrix product P2 * R0_rect * Tr_velo_to_cam), and the
// exact KITTI <-> vehicle cuboid conversion on every real label.
#include <catch2/catch.hpp>

#include <glm/gtc/matrix_transform.hpp>

#include <cmath>
#include <fstream>
#include <random>

#include "core/formats/kitti_labels.h"
#include "core/geometry/camera_model.h"
#include "core/geometry/cuboid_geometry.h"
#include "core/geometry/kitti_convert.h"
#include "core/geometry/kitti_rig.h"
#include "core/io/kitti_calibration.h"
#include "core/util/error.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;

namespace {

std::vector<std::filesystem::path> real_calib_files() {
  const auto data = test::shared_data();
  std::vector<std::filesystem::path> out;
  for (const char* f : {"000000", "000001", "000002"})
    out.push_back(data / "kitti_object" / "calib" / (std::string(f) + ".txt"));
  for (const char* f : {"0000", "0001", "0016"})
    out.push_back(data / "kitti_tracking" / "training" / "calib" / (std::string(f) + ".txt"));
  return out;
}

// KITTI's formula with plain row-major arithmetic (the devkit's way), as the
// oracle: x = P * R0_rect * Tr_velo_to_cam * X.
Vec2 kitti_project(const KittiCalibration& c, int p, const Vec3& X) {
  const auto& T = c.Tr_velo_to_cam;
  const auto& R = c.R0_rect;
  const auto& P = c.P[static_cast<size_t>(p)];
  double cam[3], rect[4], img[3];
  for (int r = 0; r < 3; ++r)
    cam[r] = T[r * 4] * X.x + T[r * 4 + 1] * X.y + T[r * 4 + 2] * X.z + T[r * 4 + 3];
  for (int r = 0; r < 3; ++r)
    rect[r] = R[r * 3] * cam[0] + R[r * 3 + 1] * cam[1] + R[r * 3 + 2] * cam[2];
  rect[3] = 1.0;
  for (int r = 0; r < 3; ++r)
    img[r] = P[r * 4] * rect[0] + P[r * 4 + 1] * rect[1] + P[r * 4 + 2] * rect[2] +
             P[r * 4 + 3] * rect[3];
  return {img[0] / img[2], img[1] / img[2]};
}

std::string error_of(const std::string& text) {
  try {
    parse_kitti_calibration(text, "calib.txt");
  } catch (const FileError& e) {
    return e.what();
  }
  return "no error";
}

std::vector<Vec3> read_velodyne_points(const std::filesystem::path& path, size_t every) {
  std::ifstream in(path, std::ios::binary);
  std::vector<Vec3> out;
  float p[4];
  size_t i = 0;
  while (in.read(reinterpret_cast<char*>(p), sizeof(p)))
    if (i++ % every == 0) out.push_back({p[0], p[1], p[2]});
  return out;
}

bool near_rel(double a, double b, double rel) {
  return std::abs(a - b) <= rel * std::max(1.0, std::abs(b));
}

}  // namespace

TEST_CASE("KITTI calibration: every real file parses, values match the file text",
          "[kitti][data]") {
  for (const auto& path : real_calib_files()) {
    INFO(path.string());
    const KittiCalibration c = read_kitti_calibration(path);
    // Oracle: each line re-read with istringstream + stod.
    std::ifstream in(path);
    std::string line;
    int keys = 0;
    while (std::getline(in, line)) {
      std::istringstream ss(line);
      std::string key;
      if (!(ss >> key)) continue;
      if (key.back() == ':') key.pop_back();
      std::vector<double> values;
      std::string tok;
      while (ss >> tok)
        values.push_back(std::stod(tok));
      const double* got = nullptr;
      if (key[0] == 'P') got = c.P[static_cast<size_t>(key[1] - '0')].data();
      if (key == "R0_rect" || key == "R_rect") got = c.R0_rect.data();
      if (key == "Tr_velo_to_cam" || key == "Tr_velo_cam") got = c.Tr_velo_to_cam.data();
      if (key == "Tr_imu_to_velo" || key == "Tr_imu_velo") got = c.Tr_imu_to_velo.data();
      REQUIRE(got);
      ++keys;
      for (size_t i = 0; i < values.size(); ++i)
        CHECK(got[i] == values[i]);
    }
    CHECK(keys == 7);
    // Reads back from the object form unchanged.
    CHECK(parse_kitti_calibration(format_kitti_calibration(c), "mem") == c);
  }
  const auto data = test::shared_data();
  // Spot checks straight from the text.
  const auto c0 = read_kitti_calibration(data / "kitti_object/calib/000000.txt");
  CHECK(c0.P[2][0] == 7.070493e+02);
  CHECK(c0.P[2][3] == 4.575831e+01);
  CHECK(c0.P[2][7] == -3.454157e-01);
  CHECK(c0.P[2][11] == 4.981016e-03);
  CHECK(c0.R0_rect[8] == 9.999556e-01);
  CHECK(c0.Tr_velo_to_cam[11] == -3.321029e-01);
  CHECK(c0.Tr_imu_to_velo[3] == -8.086759e-01);
  // The tracking-form 0000 and object-form 0001 hold the same numbers.
  const auto t0 = read_kitti_calibration(data / "kitti_tracking/training/calib/0000.txt");
  const auto t1 = read_kitti_calibration(data / "kitti_tracking/training/calib/0001.txt");
  CHECK(t0 == t1);
  CHECK(t0.R0_rect[0] == 9.999239e-01);
  CHECK(t0.Tr_velo_to_cam[0] == 7.533745e-03);
  CHECK(read_kitti_calibration(data / "kitti_object/calib/000001.txt") ==
        read_kitti_calibration(data / "kitti_object/calib/000002.txt"));
  CHECK_FALSE(c0 == t0);
  // The writer reproduces KITTI's object-form files byte for byte.
  for (const char* f : {"000000", "000001", "000002"}) {
    const auto path = data / "kitti_object/calib" / (std::string(f) + ".txt");
    CHECK(format_kitti_calibration(read_kitti_calibration(path)) == test::read_text(path));
  }
  // And the tracking form comes out in object form.
  const std::string written = format_kitti_calibration(t0);
  CHECK(written.find("R0_rect: 9.999239000000e-01 ") != std::string::npos);
  CHECK(written.find("Tr_velo_to_cam: 7.533745000000e-03 ") != std::string::npos);
  test::TempDir dir;
  write_kitti_calibration(dir / "0000.txt", t0);
  CHECK(read_kitti_calibration(dir / "0000.txt") == t0);
}

TEST_CASE("KITTI calibration: values that need more digits are written exactly", "[kitti]") {
  KittiCalibration c;
  for (auto& p : c.P)
    p = {700, 0, 600, 0.1 + 0.2, 0, 700, 180, 1.0 / 3.0, 0, 0, 1, 0};
  c.R0_rect = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  c.Tr_velo_to_cam = {0, -1, 0, 0, 0, 0, -1, 0, 1, 0, 0, -0.27};
  c.Tr_imu_to_velo = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};
  const std::string text = format_kitti_calibration(c);
  CHECK(text.find(
            "P0: 7.000000000000e+02 0.000000000000e+00 6.000000000000e+02 0.30000000000000004 ") ==
        0);
  CHECK(parse_kitti_calibration(text, "mem") == c);
}

TEST_CASE("KITTI calibration: malformed files give a FileError naming file, line and key",
          "[kitti]") {
  const std::string p = " 1 0 600 0 0 1 180 0 0 0 1 0\n";
  const std::string good = "P0:" + p + "P1:" + p + "P2:" + p + "P3:" + p +
                           "R0_rect: 1 0 0 0 1 0 0 0 1\n"
                           "Tr_velo_to_cam: 0 -1 0 0 0 0 -1 0 1 0 0 0\n"
                           "Tr_imu_to_velo: 1 0 0 0 0 1 0 0 0 0 1 0\n";
  CHECK(error_of(good) == "no error");
  // Tracking-form keys, no colons, trailing spaces, CRLF.
  CHECK(error_of("P0:" + p + "P1:" + p + "P2:" + p + "P3:" + p +
                 "R_rect 1 0 0 0 1 0 0 0 1  \r\n"
                 "Tr_velo_cam 0 -1 0 0 0 0 -1 0 1 0 0 0 \r\n"
                 "Tr_imu_velo 1 0 0 0 0 1 0 0 0 0 1 0 \r\n") == "no error");
  // Unknown keys are ignored.
  CHECK(error_of("calib_time: 09-Jan-2012 13:57:47\n" + good) == "no error");
  CHECK(error_of("P0:" + p + "P1:" + p + "P2:" + p + "P3:" + p +
                 "R0_rect: 1 0 0 0 1 0 0 0 1\nTr_imu_to_velo: 1 0 0 0 0 1 0 0 0 0 1 0\n") ==
        "calib.txt: missing key Tr_velo_to_cam (or Tr_velo_cam)");
  CHECK(error_of("P0:" + p + "P1:" + p + "P3:" + p + "R0_rect: 1 0 0 0 1 0 0 0 1\n") ==
        "calib.txt: missing key P2");
  CHECK(error_of("P0:" + p + "P1:" + p + "P2: 1 0 600 0 0 1 180 0 0 0 1\n") ==
        "calib.txt: line 3: P2: expected 12 values, found 11");
  CHECK(error_of("P0:" + p + "R0_rect: 1 0 0 0 1 0 0 0 1 0 0 0\n") ==
        "calib.txt: line 2: R0_rect: expected 9 values, found 12");
  CHECK(error_of("P0:" + p + "P1:" + p + "R_rect 1 0 0 0 one 0 0 0 1\n") ==
        "calib.txt: line 3: R_rect: value 5 'one' is not a finite number");
  CHECK(error_of("P0: 1 0 600 0 0 1 180 0 0 0 1 nan\n") ==
        "calib.txt: line 1: P0: value 12 'nan' is not a finite number");
  CHECK(error_of(good + "P2:" + p) == "calib.txt: line 8: P2: given twice (first on line 3)");
  CHECK(error_of("") == "calib.txt: missing key P0");
  // A file that cannot be read is a FileError too.
  CHECK_THROWS_AS(read_kitti_calibration("/nonexistent/calib.txt"), FileError);
}

TEST_CASE("KITTI rig: projection equals P2 * R0_rect * Tr_velo_to_cam on the real calibrations",
          "[kitti][data]") {
  const auto data = test::shared_data();
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(-1, 1);
  for (const auto& path : real_calib_files()) {
    INFO(path.string());
    const KittiCalibration c = read_kitti_calibration(path);
    const SensorRig rig = make_kitti_rig(c, 1242, 375, true);
    REQUIRE(rig.cameras.size() == 2);
    REQUIRE(rig.lidars.size() == 1);
    CHECK(rig.lidars[0].name == "velodyne");
    CHECK(rig.lidars[0].lidar_to_vehicle == Transform::identity());
    CHECK(rig.kitti == c);
    const CameraModel left(*rig.camera("image_2"));
    const CameraModel right(*rig.camera("image_3"));
    CHECK(left.camera().intrinsics.fx == c.P[2][0]);
    CHECK(left.camera().intrinsics.cy == c.P[2][6]);
    std::vector<Vec3> points;
    for (int i = 0; i < 500; ++i)
      points.push_back({5 + 75 * (u(rng) + 1), 30 * u(rng), 3 * u(rng)});
    const auto velo = path.parent_path().parent_path() / "velodyne";
    // Real scans where the folder has them (object frame 000000, tracking 0000/000000).
    if (path.stem() == "000000")
      for (const auto& p : read_velodyne_points(velo / "000000.bin", 97))
        points.push_back(p);
    if (path.stem() == "0000")
      for (const auto& p : read_velodyne_points(velo / "0000/000000.bin", 97))
        points.push_back(p);
    int checked = 0;
    for (const Vec3& X : points) {
      const auto uv2 = left.project(X);
      const auto uv3 = right.project(X);
      if (!uv2 || !uv3) continue;
      ++checked;
      const Vec2 e2 = kitti_project(c, 2, X), e3 = kitti_project(c, 3, X);
      CHECK(near_rel(uv2->x, e2.x, 1e-9));
      CHECK(near_rel(uv2->y, e2.y, 1e-9));
      CHECK(near_rel(uv3->x, e3.x, 1e-9));
      CHECK(near_rel(uv3->y, e3.y, 1e-9));
    }
    CHECK(checked > 400);
  }
}

TEST_CASE("KITTI rig: a P matrix that is not a pinhole camera is refused", "[kitti]") {
  KittiCalibration c;
  c.R0_rect = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  c.Tr_velo_to_cam = {0, -1, 0, 0, 0, 0, -1, 0, 1, 0, 0, 0};
  c.P[2] = {700, 0, 600, 0, 5, 700, 180, 0, 0, 0, 1, 0};
  CHECK_THROWS_AS(make_kitti_rig(c, 100, 100), Error);
}

TEST_CASE("KITTI cuboids: camera -> vehicle -> camera is exact on every real label",
          "[kitti][data]") {
  const auto data = test::shared_data();
  struct Source {
    std::filesystem::path labels, calib;
    KittiLabelKind kind;
  };
  std::vector<Source> sources;
  for (const char* f : {"000000", "000001", "000002"})
    sources.push_back({data / "kitti_object/label_2" / (std::string(f) + ".txt"),
                       data / "kitti_object/calib" / (std::string(f) + ".txt"),
                       KittiLabelKind::Object});
  for (const char* f : {"0000", "0001", "0016"})
    sources.push_back({data / "kitti_tracking/training/label_02" / (std::string(f) + ".txt"),
                       data / "kitti_tracking/training/calib" / (std::string(f) + ".txt"),
                       KittiLabelKind::Tracking});
  size_t boxes = 0;
  double max_err = 0, max_corner_err = 0, max_tilt = 0;
  double max_alpha_err[2] = {0, 0};         // dataset formula: label_2, label_02
  double max_camera_alpha_err[2] = {0, 0};  // devkit readme's camera-ray formula
  for (const Source& s : sources) {
    INFO(s.labels.string());
    const KittiBoxConverter conv(read_kitti_calibration(s.calib));
    for (const KittiLabel& l : read_kitti_labels(s.labels, s.kind)) {
      if (!l.has_3d()) continue;
      ++boxes;
      const KittiBox3D kb{l.height, l.width, l.length, l.location, l.rotation_y};
      const Cuboid cub = conv.to_cuboid(kb);
      const KittiBox3D back = conv.to_kitti(cub);
      const double err =
          std::max({std::abs(back.height - kb.height), std::abs(back.width - kb.width),
                    std::abs(back.length - kb.length), glm::length(back.location - kb.location),
                    std::abs(wrap_angle(back.rotation_y - kb.rotation_y))});
      max_err = std::max(max_err, err);
      // The cuboid is the same box: its corners, mapped into the rectified
      // camera frame, are the devkit's corners (up to the calibration block's
      // ~1e-7 departure from a rotation, times the box size).
      const auto kc = kitti_box_corners(kb);
      const auto vc = cuboid_corners(cub);
      // Corner order: ours is front-left, front-right, rear-right, rear-left
      // (bottom then top); the devkit's is (+l,+w), (+l,-w), (-l,-w), (-l,+w)
      // with +w the box's left: the same order.
      for (size_t i = 0; i < 8; ++i)
        max_corner_err =
            std::max(max_corner_err, glm::length(conv.velo_to_rect().apply(vc[i]) - kc[i]));
      max_tilt = std::max({max_tilt, std::abs(cub.pitch), std::abs(cub.roll)});
      // alpha vs the label's own value (label_2 prints 2 decimals, label_02 6).
      const size_t k = s.kind == KittiLabelKind::Object ? 0 : 1;
      max_alpha_err[k] = std::max(max_alpha_err[k], std::abs(wrap_angle(conv.alpha(kb) - l.alpha)));
      max_camera_alpha_err[k] =
          std::max(max_camera_alpha_err[k],
                   std::abs(wrap_angle(kitti_alpha(l.rotation_y, l.location) - l.alpha)));
    }
  }
  INFO("max round-trip error " << max_err << ", corner error " << max_corner_err
                               << " m, alpha error " << max_alpha_err[0] << " (label_2) / "
                               << max_alpha_err[1] << " (label_02), camera-ray alpha error "
                               << max_camera_alpha_err[0] << " / " << max_camera_alpha_err[1]);
  CHECK(boxes == 6 + 1089 + 4271 + 4145 - 378 - 1241 - 1010);
  CHECK(max_err < 1e-12);
  CHECK(max_corner_err < 1e-5);
  // Upright KITTI boxes are tilted in the Velodyne frame (about half a degree
  // on these calibrations), and that tilt is kept.
  CHECK(max_tilt > 1e-3);
  CHECK(max_tilt < 0.02);
  // label_2: alpha and rotation_y are rounded to 0.01 each.
  CHECK(max_alpha_err[0] < 0.0101);
  // label_02: printed to 1e-6; the dataset's formula reproduces them all.
  CHECK(max_alpha_err[1] < 1.5e-6);
  // The camera-0 ray is off by up to ~0.09 rad for nearby objects.
  CHECK(max_camera_alpha_err[1] > 0.05);
}

TEST_CASE("KITTI cuboids: a tilted vehicle cuboid keeps its centre and heading only", "[kitti]") {
  KittiCalibration c;
  c.R0_rect = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  c.Tr_velo_to_cam = {0,  -1,   0, 0.1, 0, 0,
                      -1, -0.2, 1, 0,   0, -0.3};  // the axis swap plus an offset
  const KittiBoxConverter conv(c);
  Cuboid cub;
  cub.center = {12, -3, -0.8};
  cub.size = {4.2, 1.8, 1.5};
  cub.yaw = 0.7;
  cub.pitch = 0.1;
  cub.roll = -0.05;
  const KittiBox3D kb = conv.to_kitti(cub);
  CHECK(kb.length == 4.2);
  CHECK(kb.width == 1.8);
  CHECK(kb.height == 1.5);
  // Camera = (-y + 0.1, -z - 0.2, x - 0.3) in the velodyne frame; bottom centre 0.75 lower (+y).
  CHECK(kb.location.x == Approx(3.1).epsilon(1e-14));
  CHECK(kb.location.y == Approx(0.6 + 0.75).epsilon(1e-14));
  CHECK(kb.location.z == Approx(11.7).epsilon(1e-14));
  // Heading: the length axis's projection on the ground plane. Facing the
  // vehicle's +x (camera +z) is rotation_y = -pi/2; yaw turns left (about
  // vehicle +z = camera -y), so rotation_y = -pi/2 - yaw.
  CHECK(kb.rotation_y == Approx(-kPi / 2 - 0.7).epsilon(1e-14));
  const Cuboid level = conv.to_cuboid(kb);
  CHECK(level.center.x == Approx(12).epsilon(1e-14));
  CHECK(level.center.y == Approx(-3).epsilon(1e-14));
  CHECK(level.center.z == Approx(-0.8).epsilon(1e-14));
  CHECK(level.yaw == Approx(0.7).epsilon(1e-14));
  CHECK(std::abs(level.pitch) < 1e-15);
  CHECK(std::abs(level.roll) < 1e-15);
}

TEST_CASE("KITTI alpha: rotation_y minus the viewing-ray azimuth", "[kitti]") {
  // Straight ahead: alpha == rotation_y.
  CHECK(kitti_alpha(0.3, {0, 1.5, 20}) == Approx(0.3));
  // 45 degrees to the right.
  CHECK(kitti_alpha(0.0, {10, 1.5, 10}) == Approx(-kPi / 4));
  // Wrapped into (-pi, pi].
  CHECK(kitti_alpha(3.0, {-10, 1.5, 10}) == Approx(3.0 + kPi / 4 - 2 * kPi));
}

TEST_CASE("KITTI calibration for a camera that has none reproduces its projection", "[kitti]") {
  Camera cam;
  cam.name = "CAM_FRONT";
  cam.width = 1600;
  cam.height = 900;
  cam.intrinsics = {1266.4, 1265.9, 816.3, 491.5, 0.0};
  Mat3 r(0.0);
  r[2][0] = 1.0;   // camera z -> vehicle x
  r[0][1] = -1.0;  // camera x -> vehicle -y
  r[1][2] = -1.0;  // camera y -> vehicle -z
  const Mat3 tilt = Mat3(glm::rotate(glm::dmat4(1.0), 0.03, Vec3{0.2, 1, 0.1}));
  cam.camera_to_vehicle = Transform::from_rotation_translation(tilt * r, {1.7, 0.02, 1.5});
  const KittiCalibration c = kitti_calibration_for_camera(cam);
  CHECK(c.P[2][0] == 1266.4);
  CHECK(c.P[2][6] == 491.5);
  const SensorRig rig = make_kitti_rig(c, cam.width, cam.height);
  const CameraModel original(cam), kitti(rig.cameras.at(0));
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(-1, 1);
  for (int i = 0; i < 200; ++i) {
    const Vec3 p{10 + 30 * (u(rng) + 1), 20 * u(rng), 2 * u(rng)};
    const auto a = original.project(p), b = kitti.project(p);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(near_rel(b->x, a->x, 1e-12));
    CHECK(near_rel(b->y, a->y, 1e-12));
    CHECK(near_rel(kitti_project(c, 2, p).x, a->x, 1e-12));
  }
}
