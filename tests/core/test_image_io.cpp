// Images: PNG (palette, 8 and 16 bit), JPEG, header-only sizes, display
// conversion and corrupt files. OpenCV's own imread is the oracle.
#include <catch2/catch.hpp>

#include <fstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/io/image_io.h"
#include "core/util/error.h"
#include "tests/support/test_support.h"

using namespace vantage::core;
namespace fs = std::filesystem;
using vantage::test::TempDir;

namespace {

std::string file_bytes(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

void write_bytes(const fs::path& p, const std::string& bytes) {
  std::ofstream f(p, std::ios::binary);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

bool equal_images(const cv::Mat& a, const cv::Mat& b) {
  return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

}  // namespace

TEST_CASE("Palette PNG expands to BGR", "[io][data]") {
  const fs::path p = vantage::test::shared_data() / "coco" / "kitti_mono3d" / "training" /
                     "image_2" / "000007.png";
  // IHDR colour type 3 = palette (byte 25 of the file).
  REQUIRE(file_bytes(p)[25] == 3);
  const cv::Mat img = read_image(p);
  CHECK(img.type() == CV_8UC3);
  CHECK(img.size() == cv::Size(1242, 375));
  CHECK(equal_images(img, cv::imread(p.string(), cv::IMREAD_COLOR)));
  CHECK(read_image_size(p) == cv::Size(1242, 375));
}

TEST_CASE("Real PNG and JPEG images and their header sizes", "[io][data]") {
  const fs::path data = vantage::test::shared_data();
  const fs::path kitti = data / "kitti_object" / "image_2";
  CHECK(read_image_size(kitti / "000000.png") == cv::Size(1224, 370));
  CHECK(read_image_size(kitti / "000001.png") == cv::Size(1242, 375));
  const cv::Mat png = read_image(kitti / "000000.png");
  CHECK(png.type() == CV_8UC3);
  CHECK(equal_images(png, cv::imread((kitti / "000000.png").string(), cv::IMREAD_UNCHANGED)));
  for (const auto& e : fs::directory_iterator(data / "nuscenes_sample" / "samples" / "cams")) {
    INFO(e.path());
    CHECK(read_image_size(e.path()) == cv::Size(1600, 900));
    const cv::Mat jpg = read_image(e.path());
    CHECK(jpg.type() == CV_8UC3);
    CHECK(jpg.size() == cv::Size(1600, 900));
    CHECK(to_display_bgr8(jpg).data == jpg.data);  // 8-bit BGR is shared, not copied
  }
}

TEST_CASE("16-bit and grey images keep their depth; display conversion stretches them", "[io]") {
  TempDir dir;
  cv::Mat deep(40, 64, CV_16UC1);
  for (int y = 0; y < deep.rows; ++y)
    for (int x = 0; x < deep.cols; ++x)
      deep.at<uint16_t>(y, x) = static_cast<uint16_t>(1000 + 300 * x + y);
  cv::imwrite((dir / "deep.png").string(), deep);
  const cv::Mat back = read_image(dir / "deep.png");
  REQUIRE(back.type() == CV_16UC1);
  CHECK(equal_images(back, deep));
  CHECK(read_image_size(dir / "deep.png") == cv::Size(64, 40));
  const cv::Mat disp = to_display_bgr8(back);
  REQUIRE(disp.type() == CV_8UC3);
  double lo, hi;
  cv::minMaxLoc(disp.reshape(1), &lo, &hi);
  CHECK(lo == 0);
  CHECK(hi == 255);
  // Brightness grows with the value, as in the source.
  CHECK(disp.at<cv::Vec3b>(0, 10)[0] < disp.at<cv::Vec3b>(0, 50)[0]);

  cv::Mat bgra(10, 12, CV_8UC4, cv::Scalar(10, 20, 30, 40));
  cv::imwrite((dir / "alpha.png").string(), bgra);
  const cv::Mat a = read_image(dir / "alpha.png");
  CHECK(a.type() == CV_8UC4);
  CHECK(to_display_bgr8(a).at<cv::Vec3b>(3, 3) == cv::Vec3b(10, 20, 30));
  cv::Mat grey(10, 12, CV_8UC1, cv::Scalar(77));
  cv::imwrite((dir / "grey.jpg").string(), grey);
  const cv::Mat g = read_image(dir / "grey.jpg");
  CHECK(g.type() == CV_8UC1);
  CHECK(to_display_bgr8(g).type() == CV_8UC3);
  CHECK(read_image_size(dir / "grey.jpg") == cv::Size(12, 10));
  // A format without a header parser falls back to decoding.
  cv::imwrite((dir / "grey.bmp").string(), grey);
  CHECK(read_image_size(dir / "grey.bmp") == cv::Size(12, 10));
}

TEST_CASE("Corrupt images give a FileError naming the file", "[io]") {
  TempDir dir;
  cv::Mat img(50, 60, CV_8UC3, cv::Scalar(1, 2, 3));
  cv::randu(img, 0, 255);
  std::vector<uchar> png;
  cv::imencode(".png", img, png);
  std::string bytes(png.begin(), png.end());
  SECTION("garbage after a PNG signature") {
    write_bytes(dir / "bad.png", bytes.substr(0, 8) + std::string(200, 'x'));
    try {
      read_image(dir / "bad.png");
      FAIL("no error");
    } catch (const FileError& e) {
      CHECK(e.file() == (dir / "bad.png").string());
      CHECK_THAT(e.message(), Catch::Contains("cannot decode image"));
    }
  }
  SECTION("truncated PNG") {
    write_bytes(dir / "half.png", bytes.substr(0, bytes.size() / 2));
    CHECK_THROWS_AS(read_image(dir / "half.png"), FileError);
    // The header is intact, so the size is still known without decoding.
    CHECK(read_image_size(dir / "half.png") == cv::Size(60, 50));
  }
  SECTION("empty, missing and non-image files") {
    write_bytes(dir / "empty.png", "");
    CHECK_THROWS_WITH(read_image(dir / "empty.png"), Catch::Contains("empty file"));
    CHECK_THROWS_WITH(read_image(dir / "missing.png"), Catch::Contains("cannot open"));
    write_bytes(dir / "text.jpg", "hello, not an image");
    CHECK_THROWS_AS(read_image_size(dir / "text.jpg"), FileError);
  }
}
