// Images through OpenCV's codecs; sizes from the PNG / JPEG headers.
#include "core/io/image_io.h"

#include <fmt/format.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <array>
#include <cstring>
#include <optional>

#include "core/io/file_util.h"
#include "core/io/raw_file.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

uint32_t be32(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}
uint16_t be16(const unsigned char* p) {
  return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

constexpr unsigned char kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

// PNG: the IHDR chunk must come first (signature, length, "IHDR", w, h).
std::optional<cv::Size> png_size(const RawFile& f) {
  unsigned char b[24];
  if (f.read_at(0, b, sizeof b) != sizeof b) return std::nullopt;
  if (std::memcmp(b, kPngSignature, 8) != 0 || std::memcmp(b + 12, "IHDR", 4) != 0)
    return std::nullopt;
  const uint32_t w = be32(b + 16), h = be32(b + 20);
  if (w == 0 || h == 0 || w > INT32_MAX || h > INT32_MAX) return std::nullopt;
  return cv::Size(static_cast<int>(w), static_cast<int>(h));
}

// JPEG: walk the marker segments up to the first start-of-frame.
std::optional<cv::Size> jpeg_size(const RawFile& f) {
  unsigned char b[10];
  if (f.read_at(0, b, 2) != 2 || b[0] != 0xFF || b[1] != 0xD8) return std::nullopt;
  uint64_t pos = 2;
  for (int segments = 0; segments < 1000; ++segments) {
    if (f.read_at(pos, b, 4) != 4 || b[0] != 0xFF) return std::nullopt;
    const unsigned char marker = b[1];
    if (marker == 0xFF) {  // fill byte
      ++pos;
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) return std::nullopt;   // end / scan before a frame
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
      pos += 2;
      continue;
    }
    const uint16_t len = be16(b + 2);
    if (len < 2) return std::nullopt;
    const bool sof =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (f.read_at(pos + 4, b, 5) != 5) return std::nullopt;
      const int h = be16(b + 1), w = be16(b + 3);
      if (w == 0 || h == 0) return std::nullopt;  // height from DNL: decode instead
      return cv::Size(w, h);
    }
    pos += 2 + len;
  }
  return std::nullopt;
}

}  // namespace

cv::Mat read_image(const std::filesystem::path& path) {
  RawFile file(path);
  if (file.size() == 0) throw FileError(file.name(), "", "empty file, expected an image");
  std::vector<unsigned char> bytes(static_cast<size_t>(file.size()));
  file.read_exact(0, bytes.data(), bytes.size(), "image data");
  cv::Mat image;
  try {
    // UNCHANGED keeps 16-bit depth and alpha; libpng expands palettes to BGR.
    image = cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
  } catch (const cv::Exception& e) {
    throw FileError(file.name(), "", fmt::format("cannot decode image: {}", e.what()));
  }
  if (image.empty())
    throw FileError(file.name(), "", "cannot decode image: corrupt or not a PNG/JPEG/... image");
  return image;
}

cv::Size read_image_size(const std::filesystem::path& path) {
  {
    RawFile file(path);
    if (auto s = png_size(file)) return *s;
    if (auto s = jpeg_size(file)) return *s;
  }
  return read_image(path).size();
}

void write_image(const std::filesystem::path& path, const cv::Mat& image) {
  std::vector<unsigned char> bytes;
  bool ok = false;
  try {
    ok = cv::imencode(path.extension().string(), image, bytes);
  } catch (const cv::Exception& e) {
    throw Error(fmt::format("{}: cannot encode the image: {}", path.string(), e.what()));
  }
  if (!ok) throw Error(fmt::format("{}: cannot encode the image", path.string()));
  AtomicWriteOptions options;
  options.keep_backup = false;
  write_file_atomic(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                    options);
}

cv::Mat to_display_bgr8(const cv::Mat& image) {
  if (image.empty()) return {};
  cv::Mat eight = image;
  if (image.depth() != CV_8U) {
    // Stretch the value range over 0..255 (16-bit depth, float, ...).
    double lo = 0, hi = 0;
    cv::minMaxLoc(image.reshape(1), &lo, &hi);
    const double scale = hi > lo ? 255.0 / (hi - lo) : 1.0;
    image.convertTo(eight, CV_8U, scale, -lo * scale);
  }
  cv::Mat out;
  switch (eight.channels()) {
    case 1:
      cv::cvtColor(eight, out, cv::COLOR_GRAY2BGR);
      break;
    case 3:
      out = eight;
      break;
    case 4:
      cv::cvtColor(eight, out, cv::COLOR_BGRA2BGR);
      break;
    default: {
      std::vector<cv::Mat> planes;
      cv::split(eight, planes);
      planes.resize(3, planes.front());
      cv::merge(planes, out);
    }
  }
  return out;
}

}  // namespace vantage::core
