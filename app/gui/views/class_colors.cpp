#include "app/gui/views/class_colors.h"

#include <algorithm>
#include <cmath>

namespace vantage::gui {

uint32_t class_rgb(const core::Schema& schema, const std::string& class_name) {
  if (const core::ClassDef* c = schema.find_class(class_name)) return c->color;
  // FNV-1a of the name picks a hue; fixed saturation/value keep it readable
  // on dark backgrounds.
  uint32_t h = 2166136261u;
  for (unsigned char ch : class_name)
    h = (h ^ ch) * 16777619u;
  const double hue = (h % 360) / 60.0;
  const double s = 0.65, v = 0.95;
  const double c = v * s, x = c * (1 - std::abs(std::fmod(hue, 2.0) - 1)), m = v - c;
  double r = 0, g = 0, b = 0;
  switch (int(hue)) {
    case 0:
      r = c, g = x;
      break;
    case 1:
      r = x, g = c;
      break;
    case 2:
      g = c, b = x;
      break;
    case 3:
      g = x, b = c;
      break;
    case 4:
      r = x, b = c;
      break;
    default:
      r = c, b = x;
      break;
  }
  auto q = [&](double u) { return uint32_t(std::clamp((u + m) * 255.0 + 0.5, 0.0, 255.0)); };
  return (q(r) << 16) | (q(g) << 8) | q(b);
}

uint32_t lighten_rgb(uint32_t rgb, double amount) {
  auto ch = [&](int shift) {
    const double v = (rgb >> shift) & 0xff;
    return uint32_t(std::clamp(v + (255.0 - v) * amount, 0.0, 255.0)) << shift;
  };
  return ch(16) | ch(8) | ch(0);
}

ImU32 contrast_text(uint32_t rgb) {
  const double lum =
      0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
  return lum > 140 ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255);
}

}  // namespace vantage::gui
