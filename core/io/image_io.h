#pragma once
// Images through OpenCV: PNG (palette PNGs expand to colour), JPEG, 8 and 16
// bit. Corrupt or unreadable files throw FileError naming the file.

#include <filesystem>

#include <opencv2/core.hpp>

namespace vantage::core {

// The image as stored (8- or 16-bit, 1, 3 or 4 channels; palette expanded).
cv::Mat read_image(const std::filesystem::path& path);
// Image size without decoding the pixels: read from the PNG IHDR or the JPEG
// start-of-frame header; other formats are decoded.
cv::Size read_image_size(const std::filesystem::path& path);
// Writes `image` encoded by the extension of `path` (.png, .jpg, ...) with
// write_file_atomic: never a half-written file. Throws core::Error naming the
// file when the encoder or the write fails.
void write_image(const std::filesystem::path& path, const cv::Mat& image);
// 8-bit, 3-channel BGR for display: other depths stretched from their value
// range to 0..255, grey and alpha converted. An 8-bit BGR image is returned
// as is (shared, not copied).
cv::Mat to_display_bgr8(const cv::Mat& image);

}  // namespace vantage::core
