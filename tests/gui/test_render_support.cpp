#include "test_render_support.h"

#include <fstream>
#include <opencv2/imgcodecs.hpp>

namespace vantage::test {

gui::HeadlessGl& gl_context() {
  static gui::HeadlessGl gl;
  return gl;
}

core::Document make_render_document(const std::filesystem::path& folder,
                                    const std::vector<glm::vec4>& points) {
  std::filesystem::create_directories(folder);
  cv::Mat img(kImageHeight, kImageWidth, CV_8UC3, kImageGrey);
  cv::imwrite((folder / "cam.png").string(), img);
  {
    std::ofstream f(folder / "lidar.bin", std::ios::binary);
    f.write(reinterpret_cast<const char*>(points.data()),
            std::streamsize(points.size() * sizeof(glm::vec4)));
  }
  core::Document doc;
  doc.folder = folder;
  core::Camera cam;
  cam.name = kRenderCamera;
  cam.width = kImageWidth;
  cam.height = kImageHeight;
  cam.intrinsics = {500, 500, 320, 240, 0};
  // Camera axes (x right, y down, z forward) in the vehicle frame (x fwd, y left, z up).
  core::Mat3 r(0.0);
  r[0] = core::Vec3(0, -1, 0);  // camera x -> vehicle -y
  r[1] = core::Vec3(0, 0, -1);  // camera y -> vehicle -z
  r[2] = core::Vec3(1, 0, 0);   // camera z -> vehicle +x
  cam.camera_to_vehicle = core::Transform::from_rotation_translation(r, {0, 0, 1.5});
  core::Lidar lidar;
  lidar.name = kRenderLidar;
  doc.sequence.name = "render-test";
  doc.sequence.rigs[0].cameras.push_back(cam);
  doc.sequence.rigs[0].lidars.push_back(lidar);
  core::Frame f;
  f.files[kRenderCamera] = "cam.png";
  f.files[kRenderLidar] = "lidar.bin";
  f.ego_pose = core::Transform::identity();
  doc.sequence.frames.push_back(f);
  core::ClassDef car;
  car.id = 1;
  car.name = "car";
  car.color = 0xFF0000;
  core::ClassDef ped;
  ped.id = 2;
  ped.name = "ped";
  ped.color = 0x00FF00;
  doc.schema.classes = {car, ped};
  return doc;
}

core::ObjectId add_cuboid_object(core::Document& doc, const std::string& cls,
                                 const core::Cuboid& c) {
  core::Object o;
  o.id = doc.annotations.next_id();
  o.class_name = cls;
  core::Shape s;
  s.geometry = c;
  s.keyframe = true;
  o.track_or_create(core::kSceneSensor, core::ShapeKind::Cuboid).set(0, s);
  doc.annotations.put(o);
  return o.id;
}

cv::Point2d centroid_of_non_background(const cv::Mat& bgr, const cv::Vec3b& bg, int tol,
                                       int* count) {
  double sx = 0, sy = 0;
  int n = 0;
  for (int y = 0; y < bgr.rows; ++y)
    for (int x = 0; x < bgr.cols; ++x) {
      const cv::Vec3b p = bgr.at<cv::Vec3b>(y, x);
      const int d = std::abs(p[0] - bg[0]) + std::abs(p[1] - bg[1]) + std::abs(p[2] - bg[2]);
      if (d > tol) sx += x + 0.5, sy += y + 0.5, ++n;
    }
  if (count) *count = n;
  return n ? cv::Point2d(sx / n, sy / n) : cv::Point2d(-1, -1);
}

}  // namespace vantage::test
