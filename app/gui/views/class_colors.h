#pragma once
// Colours of classes and objects as every view draws them: the schema's
// class colour, a stable fallback for classes the schema lacks, and the
// selected / interpolated / pre-label variants.

#include <cstdint>
#include <string>

#include <imgui.h>

#include "core/model/schema.h"

namespace vantage::gui {

// 0xRRGGBB of a class: the schema's colour, else a stable hue from the name.
uint32_t class_rgb(const core::Schema& schema, const std::string& class_name);
// Mixes towards white by `amount` (0..1); selected objects are drawn lighter.
uint32_t lighten_rgb(uint32_t rgb, double amount);
// ImGui colour (IM_COL32 layout) from 0xRRGGBB.
inline ImU32 im_rgb(uint32_t rgb, int alpha = 255) {
  return IM_COL32((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, alpha);
}
// Black or white, whichever reads better on `rgb` (label text on a chip).
ImU32 contrast_text(uint32_t rgb);

}  // namespace vantage::gui
