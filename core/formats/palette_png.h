#pragma once
// 8-bit indexed ("palette") PNGs through libpng: Pascal VOC's
// SegmentationClass and SegmentationObject images store class or object
// indices with the devkit's colour map as the palette. OpenCV can neither
// write palette PNGs nor read back their indices (it expands them to
// colours), hence libpng.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

namespace vantage::core {

using PaletteColor = std::array<uint8_t, 3>;  // r, g, b

// The VOC devkit colour map (VOClabelcolormap.m): the bits of the index
// spread over the high bits of r, g and b. 0 -> (0,0,0), 1 -> (128,0,0),
// 255 -> (224,224,192).
PaletteColor voc_color(int index);
std::vector<PaletteColor> voc_palette();  // 256 entries

// A PNG of colour type PALETTE, bit depth 8, of a CV_8U index image.
std::string encode_palette_png(const cv::Mat& indices, const std::vector<PaletteColor>& palette);
// The indices of an 8-bit palette (or grey) PNG, unexpanded; the palette
// when `palette` is given. Throws FileError naming `source`.
cv::Mat decode_palette_png(std::string_view bytes, const std::string& source,
                           std::vector<PaletteColor>* palette = nullptr);

}  // namespace vantage::core
