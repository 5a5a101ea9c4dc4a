#include "render/mask_texture.h"

#include <algorithm>

namespace vantage::render {

void color_labels(const core::LabelRaster& labels, const core::PixelRect& rect,
                  const std::vector<uint32_t>& colors, bool outline, std::vector<uint16_t>& scratch,
                  std::vector<uint32_t>& out) {
  // Read one pixel of margin so outlines at the rectangle's edge are right.
  const core::PixelRect full{0, 0, labels.width(), labels.height()};
  const core::PixelRect pad =
      core::PixelRect{rect.x0 - 1, rect.y0 - 1, rect.x1 + 1, rect.y1 + 1}.intersect(full);
  const size_t pw = static_cast<size_t>(pad.width());
  scratch.resize(pw * static_cast<size_t>(pad.height()));
  labels.read_rect(pad, scratch.data(), pw);
  out.resize(static_cast<size_t>(rect.width()) * static_cast<size_t>(rect.height()));
  auto at = [&](int x, int y) {
    return scratch[static_cast<size_t>(y - pad.y0) * pw + static_cast<size_t>(x - pad.x0)];
  };
  for (int y = rect.y0; y < rect.y1; ++y) {
    uint32_t* o = out.data() + static_cast<size_t>(y - rect.y0) * static_cast<size_t>(rect.width());
    for (int x = rect.x0; x < rect.x1; ++x) {
      const uint16_t v = at(x, y);
      uint32_t c = v < colors.size() ? colors[v] : 0u;
      if (outline && c) {
        const bool edge = (x > 0 && at(x - 1, y) != v) || (x + 1 < full.x1 && at(x + 1, y) != v) ||
                          (y > 0 && at(x, y - 1) != v) || (y + 1 < full.y1 && at(x, y + 1) != v);
        if (!edge) c = 0;
        else c |= 0xff000000u;  // outlines opaque
      }
      o[x - rect.x0] = c;
    }
  }
}

core::PixelRect MaskTexture::update(const std::shared_ptr<const core::LabelRaster>& labels,
                                    const std::vector<uint32_t>& colors, uint64_t style,
                                    bool outline) {
  if (!labels) {
    shown_.reset();
    width_ = height_ = 0;
    return {};
  }
  core::PixelRect dirty;
  const bool full = !shown_ || !tex_ || style != style_ || labels->width() != width_ ||
                    labels->height() != height_;
  if (full) {
    dirty = {0, 0, labels->width(), labels->height()};
  } else if (labels != shown_) {
    // Tiles are shared until changed: differing pointers are the edit.
    for (size_t t = 0; t < labels->tile_count(); ++t)
      if (labels->tile(t) != shown_->tile(t)) dirty.extend(labels->tile_rect(t));
    if (outline && !dirty.empty())  // neighbours' outlines change too
      dirty = core::PixelRect{dirty.x0 - 1, dirty.y0 - 1, dirty.x1 + 1, dirty.y1 + 1}.intersect(
          {0, 0, labels->width(), labels->height()});
  }
  shown_ = labels;
  style_ = style;
  if (dirty.empty()) return {};
  color_labels(*labels, dirty, colors, outline, labels_, rgba_);
  if (!tex_) tex_ = make_texture();
  GLint prev = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &prev);
  glBindTexture(GL_TEXTURE_2D, tex_.id());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  if (full) {
    width_ = labels->width();
    height_ = labels->height();
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width_, height_, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 rgba_.data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, dirty.x0, dirty.y0, dirty.width(), dirty.height(), GL_RGBA,
                    GL_UNSIGNED_BYTE, rgba_.data());
  }
  glBindTexture(GL_TEXTURE_2D, GLuint(prev));
  uploaded_pixels_ += static_cast<size_t>(dirty.width()) * static_cast<size_t>(dirty.height());
  ++uploads_;
  return dirty;
}

}  // namespace vantage::render
