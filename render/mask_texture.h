#pragma once
// A camera's segmentation labels as an RGBA texture drawn over the image.
// Labels are coloured on the CPU through a per-label colour table (class
// colour, opacity, hidden classes) and uploaded with glTexSubImage2D for the
// changed rectangle only: an edit replaces a few tiles of the copy-on-write
// raster, so comparing tile pointers with the raster shown last gives the
// dirty rectangle without any bookkeeping in the tools.

#include <cstdint>
#include <memory>
#include <vector>

#include "core/segmentation/label_raster.h"
#include "render/gl_objects.h"

namespace vantage::render {

class MaskTexture {
 public:
  // Shows `labels` coloured by `colors` (RGBA as 0xAABBGGRR, indexed by
  // label; labels beyond the table are transparent). `style` identifies the
  // colour table and outline mode: a new style recolours everything. With
  // `outline`, only pixels at a label boundary are drawn. Returns the
  // rectangle uploaded (empty when nothing changed).
  core::PixelRect update(const std::shared_ptr<const core::LabelRaster>& labels,
                         const std::vector<uint32_t>& colors, uint64_t style, bool outline);
  GLuint id() const { return tex_.id(); }
  bool valid() const { return bool(tex_) && width_ > 0; }
  void clear() { shown_.reset(); }
  size_t uploaded_pixels() const { return uploaded_pixels_; }  // since creation
  size_t uploads() const { return uploads_; }

 private:
  Texture tex_;
  std::shared_ptr<const core::LabelRaster> shown_;
  uint64_t style_ = 0;
  int width_ = 0, height_ = 0;
  std::vector<uint16_t> labels_;  // staging
  std::vector<uint32_t> rgba_;
  size_t uploaded_pixels_ = 0, uploads_ = 0;
};

// Colours of the changed rectangle (for tests and benchmarks without GL):
// `out` gets rect.width() * rect.height() RGBA values.
void color_labels(const core::LabelRaster& labels, const core::PixelRect& rect,
                  const std::vector<uint32_t>& colors, bool outline, std::vector<uint16_t>& scratch,
                  std::vector<uint32_t>& out);

}  // namespace vantage::render
