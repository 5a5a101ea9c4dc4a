#include "tests/support/sensor_fixtures.h"

#include <fmt/format.h>

#include <fstream>
#include <random>

#include <opencv2/imgcodecs.hpp>

namespace vantage::test {

namespace fs = std::filesystem;

core::Sequence write_sensor_sequence(const fs::path& folder, const SensorSequenceOptions& o) {
  fs::create_directories(folder);
  core::Sequence seq;
  seq.name = "sensor-test";
  core::Camera cam;
  cam.name = kTestCamera;
  cam.width = o.width;
  cam.height = o.height;
  cam.intrinsics = {double(o.width), double(o.width), o.width / 2.0, o.height / 2.0, 0.0};
  seq.rigs[0].cameras.push_back(cam);
  core::Lidar lidar;
  lidar.name = kTestLidar;
  seq.rigs[0].lidars.push_back(lidar);
  std::mt19937 rng(o.seed);
  std::uniform_real_distribution<float> coord(-50.0f, 50.0f);
  std::vector<float> cloud(static_cast<size_t>(o.points) * 4);
  cv::Mat img(o.height, o.width, CV_8UC3);
  for (int f = 0; f < o.frames; ++f) {
    const std::string stem = fmt::format("{:06d}", f);
    for (size_t i = 0; i < cloud.size(); ++i)
      cloud[i] = (i % 4 == 3) ? 0.5f : coord(rng);
    if (!cloud.empty()) cloud[0] = static_cast<float>(f);
    std::ofstream(folder / (stem + ".bin"), std::ios::binary)
        .write(reinterpret_cast<const char*>(cloud.data()),
               static_cast<std::streamsize>(cloud.size() * 4));
    if (o.noise) {
      cv::randu(img, 0, 256);
    } else {
      for (int y = 0; y < img.rows; ++y)
        for (int x = 0; x < img.cols; ++x)
          img.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(x), uchar(y), uchar(x + y));
    }
    img.at<cv::Vec3b>(0, 0) = cv::Vec3b(uchar(f % 256), uchar(f / 256), 7);
    cv::imwrite((folder / (stem + ".png")).string(), img, {cv::IMWRITE_PNG_COMPRESSION, 1});
    core::Frame frame;
    frame.timestamp_us = int64_t(f) * 100000;
    frame.files[kTestCamera] = stem + ".png";
    frame.files[kTestLidar] = stem + ".bin";
    seq.frames.push_back(frame);
  }
  return seq;
}

}  // namespace vantage::test
