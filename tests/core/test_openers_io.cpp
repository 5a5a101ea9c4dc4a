// Openers of the IO work: the nuScenes sample (checked against the dataset's
// own per-camera 2D boxes) and plain image folders.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/geometry/cuboid_projection.h"
#include "core/io/image_io.h"
#include "core/io/open_image_folder.h"
#include "core/io/open_nuscenes.h"
#include "core/io/sequence_opener.h"
#include "core/model/summary.h"
#include "core/util/error.h"
#include "tests/support/test_support.h"

using namespace vantage::core;
namespace fs = std::filesystem;
using vantage::test::TempDir;

namespace {

const char* kInfoName = "n015-2018-07-24-11-22-45+0800.mmdet3d_info.json";

fs::path nuscenes_dir() {
  return vantage::test::shared_data() / "nuscenes_sample";
}

// The info JSON read independently of the opener (Python wrote NaN).
nlohmann::json raw_info() {
  std::string text = vantage::test::read_text(nuscenes_dir() / kInfoName);
  for (size_t p; (p = text.find("NaN")) != std::string::npos;)
    text.replace(p, 3, "null");
  return nlohmann::json::parse(text);
}

Transform matrix(const nlohmann::json& rows) {
  double v[16];
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j)
      v[i * 4 + j] = rows.at(i).at(j).get<double>();
  return Transform::from_row_major_4x4(v);
}

struct ProjectionScore {
  double mean_iou = 0;
  size_t boxes = 0;
  double max_centre_error = 0;  // metres, camera frame
};

// Projects the opened cuboids into every camera and compares them with the
// dataset's cam_instances 2D boxes (matched by their camera-frame centres).
ProjectionScore score_projection(const Document& doc, double yaw_offset) {
  const nlohmann::json info = raw_info().at("data_list").at(0);
  ProjectionScore s;
  double sum = 0;
  for (const auto& [cam_name, list] : info.at("cam_instances").items()) {
    const Camera* cam = doc.sequence.camera(0, cam_name);
    REQUIRE(cam);
    const CameraModel model(*cam);
    for (const auto& inst : list) {
      const auto& b3 = inst.at("bbox_3d");
      const Vec3 centre_cam(b3.at(0).get<double>(), b3.at(1).get<double>(), b3.at(2).get<double>());
      // Nearest cuboid centre in this camera's frame.
      const Cuboid* best = nullptr;
      double best_d = 1e9;
      for (const auto& o : doc.annotations.objects) {
        const Cuboid* c = o.shape(0, kSceneSensor, ShapeKind::Cuboid)->as<Cuboid>();
        const double d = glm::length(model.to_camera(c->center) - centre_cam);
        if (d < best_d) best_d = d, best = c;
      }
      REQUIRE(best);
      s.max_centre_error = std::max(s.max_centre_error, best_d);
      Cuboid c = *best;
      c.yaw += yaw_offset;
      const ProjectedCuboid p = project_cuboid(model, c);
      const auto& bb = inst.at("bbox");
      const Box2D truth{bb.at(0).get<double>(), bb.at(1).get<double>(), bb.at(2).get<double>(),
                        bb.at(3).get<double>()};
      sum += p.box ? box_iou(*p.box, truth) : 0.0;
      ++s.boxes;
    }
  }
  s.mean_iou = s.boxes ? sum / double(s.boxes) : 0.0;
  return s;
}

}  // namespace

TEST_CASE("nuScenes sample opens with 6 cameras, LIDAR_TOP and 69 cuboids",
          "[io][data][nuscenes]") {
  const fs::path dir = nuscenes_dir();
  CHECK(find_nuscenes_info(dir) == dir / kInfoName);
  CHECK(find_nuscenes_info(dir / kInfoName) == dir / kInfoName);
  CHECK_FALSE(find_nuscenes_info(dir / "samples"));
  const Document doc = open_document(dir / kInfoName);
  const Document from_folder = open_document(dir);
  CHECK(from_folder.sequence == doc.sequence);
  CHECK(from_folder.annotations == doc.annotations);

  const Sequence& seq = doc.sequence;
  CHECK(seq.name == "n015-2018-07-24-11-22-45+0800");
  REQUIRE(seq.frame_count() == 1);
  REQUIRE(seq.rigs.size() == 1);
  const SensorRig& rig = seq.rigs[0];
  CHECK(rig.cameras.size() == 6);
  REQUIRE(rig.lidars.size() == 1);
  CHECK(rig.lidars[0].name == "LIDAR_TOP");
  CHECK(rig.lidars[0].bin_values_per_point == 5);
  const Frame& f = seq.frames[0];
  CHECK(f.timestamp_us == 1532402927647951);
  CHECK(f.files.size() == 7);
  CHECK(f.ego_pose.has_value());

  const nlohmann::json info = raw_info().at("data_list").at(0);
  const Transform lidar2ego = matrix(info.at("lidar_points").at("lidar2ego"));
  CHECK(rig.lidars[0].lidar_to_vehicle == lidar2ego);
  for (const Camera& cam : rig.cameras) {
    INFO(cam.name);
    const auto& img = info.at("images").at(cam.name);
    CHECK(cam.width == 1600);
    CHECK(cam.height == 900);
    CHECK(cam.intrinsics.fx == img.at("cam2img").at(0).at(0).get<double>());
    CHECK(cam.intrinsics.cy == img.at("cam2img").at(1).at(2).get<double>());
    CHECK(fs::exists(doc.folder / f.files.at(cam.name)));
    // The extrinsic reproduces lidar2cam (which includes the ego motion
    // between the camera and LiDAR timestamps) ...
    const Transform lidar2cam = matrix(img.at("lidar2cam"));
    const Transform derived = cam.camera_to_vehicle.inverse() * lidar2ego;
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j)
        CHECK(derived.m[i][j] == Approx(lidar2cam.m[i][j]).margin(1e-9));
    // ... and differs from the static cam2ego by that motion only: under
    // 0.1 degree and about speed x time offset (< 0.5 m at 10 m/s, 40 ms).
    const Transform cam2ego = matrix(img.at("cam2ego"));
    const Mat3 r = glm::transpose(cam2ego.rotation()) * cam.camera_to_vehicle.rotation();
    const double angle = std::acos(std::clamp((r[0][0] + r[1][1] + r[2][2] - 1) / 2, -1.0, 1.0));
    CHECK(angle < 0.1 * kPi / 180);
    CHECK(glm::length(cam2ego.translation() - cam.camera_to_vehicle.translation()) < 0.5);
  }

  CHECK(doc.annotations.objects.size() == 69);
  size_t cuboids = 0;
  for (const auto& o : doc.annotations.objects) {
    const Shape* s = o.shape(0, kSceneSensor, ShapeKind::Cuboid);
    cuboids += s != nullptr;
    CHECK(doc.schema.find_class(o.class_name));
  }
  CHECK(cuboids == 69);
  // The first instance: a pedestrian, bbox_3d in the LiDAR frame.
  const auto& b0 = info.at("instances").at(0).at("bbox_3d");
  const Object& first = doc.annotations.objects.front();
  CHECK(first.class_name == "Pedestrian");
  const Cuboid& c0 = *first.shape(0, kSceneSensor, ShapeKind::Cuboid)->as<Cuboid>();
  const Vec3 expect =
      lidar2ego.apply(Vec3(b0.at(0).get<double>(), b0.at(1).get<double>(), b0.at(2).get<double>()));
  CHECK(glm::length(c0.center - expect) < 1e-9);
  CHECK(c0.size == Vec3(b0.at(3).get<double>(), b0.at(4).get<double>(), b0.at(5).get<double>()));
  CHECK(doc.schema.find_class("Construction_vehicle"));
  // Class counts from the JSON's labels (-1: outside mmdet3d's class list).
  std::map<std::string, int> classes;
  for (const auto& o : doc.annotations.objects)
    ++classes[o.class_name];
  std::map<std::string, int> expected_classes;
  const std::map<int, std::string> names = {
      {-1, "Misc"},        {0, "Car"},        {1, "Truck"},
      {2, "Trailer"},      {3, "Bus"},        {4, "Construction_vehicle"},
      {5, "Bicycle"},      {6, "Motorcycle"}, {7, "Pedestrian"},
      {8, "Traffic_cone"}, {9, "Barrier"}};
  for (const auto& inst : info.at("instances"))
    ++expected_classes[names.at(inst.at("bbox_label_3d").get<int>())];
  CHECK(classes == expected_classes);

  const DocumentSummary sum = summarize(doc);
  CHECK(sum.missing_files.empty());
}

TEST_CASE("nuScenes cuboids projected into each camera match the dataset's 2D boxes",
          "[io][data][nuscenes]") {
  const Document doc = open_nuscenes(nuscenes_dir());
  const ProjectionScore s = score_projection(doc, 0.0);
  const ProjectionScore turned = score_projection(doc, kPi / 2);
  WARN("nuScenes projection vs cam_instances: mean IoU "
       << s.mean_iou << " over " << s.boxes << " boxes in 6 cameras (yaw + 90 deg: "
       << turned.mean_iou << "); max centre mismatch " << s.max_centre_error << " m");
  CHECK(s.boxes == 84);
  CHECK(s.max_centre_error < 0.01);  // same boxes, same frames
  CHECK(s.mean_iou > 0.9);
  CHECK(turned.mean_iou < s.mean_iou - 0.1);  // the oracle sees a wrong yaw
}

TEST_CASE("nuScenes sample with missing sensor files opens; they show as missing",
          "[io][data][nuscenes]") {
  TempDir dir;
  const fs::path src = nuscenes_dir();
  fs::copy_file(src / kInfoName, dir / kInfoName);
  fs::create_directories(dir / "samples" / "cams");
  // Every camera image but CAM_BACK, and no LiDAR file.
  for (const auto& e : fs::directory_iterator(src / "samples" / "cams"))
    if (e.path().filename().string().find("__CAM_BACK__") == std::string::npos)
      fs::copy_file(e.path(), dir / "samples" / "cams" / e.path().filename());
  const Document doc = open_document(dir.path());
  const Frame& f = doc.sequence.frames.at(0);
  CHECK(f.files.size() == 5);
  CHECK_FALSE(f.files.count("CAM_BACK"));
  CHECK_FALSE(f.files.count("LIDAR_TOP"));
  const Camera* back = doc.sequence.camera(0, "CAM_BACK");
  REQUIRE(back);
  CHECK(back->width == 1600);  // nominal nuScenes size when the image is absent
  const DocumentSummary sum = summarize(doc);
  CHECK(sum.missing_files.at("CAM_BACK") == 1);
  CHECK(sum.missing_files.at("LIDAR_TOP") == 1);
  CHECK(doc.annotations.objects.size() == 69);
}

TEST_CASE("Bad nuScenes info JSON names the JSON pointer", "[io][nuscenes]") {
  TempDir dir;
  const fs::path p = dir / "x.mmdet3d_info.json";
  vantage::test::write_text(p, R"({"metainfo": {"categories": {"car": 0}}, "data_list": [
    {"images": {"CAM_FRONT": {"img_path": "a.jpg", "cam2img": [[1, 0, 5], [0, 1, 5], [0, 0, 1]],
      "cam2ego": [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]}},
     "lidar_points": {"lidar_path": "l.bin", "lidar2ego": [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]},
     "instances": [{"bbox_3d": [1, 2, 3, 4, 5, "six", 0], "bbox_label_3d": 0}]}]})");
  try {
    open_document(p);
    FAIL("no error");
  } catch (const FileError& e) {
    CHECK(e.file() == p.string());
    CHECK(e.location() == "/data_list/0/instances/0/bbox_3d/5");
  }
  vantage::test::write_text(
      p, R"({"metainfo": {}, "data_list": [{"lidar_points": {"lidar2ego": [[1, 0]]}}]})");
  CHECK_THROWS_WITH(open_document(p), Catch::Contains("/data_list/0/lidar_points/lidar2ego"));
  vantage::test::write_text(p, R"({"metainfo": {}, "data_list": [}")");
  CHECK_THROWS_WITH(open_document(p), Catch::Contains("invalid JSON"));
}

TEST_CASE("Natural file name order", "[io]") {
  CHECK(natural_less("img2.png", "img10.png"));
  CHECK_FALSE(natural_less("img10.png", "img2.png"));
  CHECK(natural_less("000009.png", "000010.png"));
  CHECK(natural_less("a.png", "b.png"));
  CHECK(natural_less("img.png", "img1.png"));
  CHECK_FALSE(natural_less("x", "x"));
  CHECK(natural_less("007", "7") != natural_less("7", "007"));
}

TEST_CASE("A folder of images opens as a 2D-only sequence", "[io]") {
  TempDir dir;
  cv::imwrite((dir / "img10.png").string(), cv::Mat(30, 40, CV_8UC3, cv::Scalar(1, 2, 3)));
  cv::imwrite((dir / "img2.jpg").string(), cv::Mat(30, 40, CV_8UC3, cv::Scalar(1, 2, 3)));
  cv::imwrite((dir / "img1.png").string(), cv::Mat(50, 20, CV_8UC1, cv::Scalar(9)));
  vantage::test::write_text(dir / "img3.png", "broken");
  vantage::test::write_text(dir / "notes.txt", "not an image");
  fs::create_directories(dir / "sub");
  cv::imwrite((dir / "sub" / "img0.png").string(), cv::Mat(5, 5, CV_8UC1));
  REQUIRE(is_image_folder(dir.path()));
  const Document doc = open_document(dir.path());
  const Sequence& seq = doc.sequence;
  REQUIRE(seq.frame_count() == 4);
  const char* names[] = {"img1.png", "img2.jpg", "img3.png", "img10.png"};
  for (int i = 0; i < 4; ++i)
    CHECK(seq.frames[size_t(i)].files.at(kImageFolderCamera) == names[i]);
  CHECK(seq.camera_names() == std::vector<std::string>{kImageFolderCamera});
  CHECK(seq.lidar_names().empty());
  CHECK(seq.camera(0, kImageFolderCamera)->width == 20);
  CHECK(seq.camera(0, kImageFolderCamera)->height == 50);
  CHECK(seq.camera(1, kImageFolderCamera)->width == 40);
  CHECK(seq.camera(3, kImageFolderCamera)->height == 30);
  CHECK(seq.rigs.size() == 2);
  CHECK(doc.annotations.objects.empty());
  CHECK(doc.folder == dir.path());

  TempDir empty;
  CHECK_FALSE(is_image_folder(empty.path()));
  CHECK_THROWS_WITH(open_document(empty.path()), Catch::Contains("not a recognised sequence"));
}

TEST_CASE("The KITTI image_2 folder opens as an image folder with two image sizes", "[io][data]") {
  const Document doc = open_image_folder(vantage::test::shared_data() / "kitti_object" / "image_2");
  REQUIRE(doc.sequence.frame_count() == 3);
  CHECK(doc.sequence.camera(0, kImageFolderCamera)->width == 1224);
  CHECK(doc.sequence.camera(1, kImageFolderCamera)->width == 1242);
  CHECK(doc.sequence.camera(2, kImageFolderCamera)->height == 375);
}
