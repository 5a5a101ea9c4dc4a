#pragma once
// Image-based mask assistants (core, OpenCV, no GL):
//   superpixels  SLIC (OpenCV ximgproc), computed once per image; a click
//                takes the whole region under the cursor
//   GrabCut      refine a box or a rough mask, with optional clicked seeds
//   propagation  warp a mask to the next frame with dense optical flow
//                (OpenCV DIS) and re-anchor it on the object's box there
// Masks are CV_8U, 0 or 1, of the image's size.

#include <atomic>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/model/shape.h"
#include "core/segmentation/label_raster.h"

namespace vantage::core {

struct Superpixels {
  cv::Mat labels;  // CV_32S, region index per pixel
  int count = 0;
  // Region index -> bounding rectangle.
  std::vector<PixelRect> bounds;
};

struct SuperpixelOptions {
  int region_size = 16;  // pixels (average superpixel side)
  float ruler = 12.0f;   // compactness
  int iterations = 6;
};

// SLIC over an 8-bit BGR (or grey) image.
Superpixels compute_superpixels(const cv::Mat& image, const SuperpixelOptions& options = {});
// The region under (x, y) as a mask of its bounding rectangle (top-left
// returned in `rect`).
cv::Mat superpixel_mask(const Superpixels& sp, int x, int y, PixelRect& rect);

// Superpixels per image key ("CAM_FRONT/12"), computed on a worker thread
// the first time they are asked for; get() returns null until then.
class SuperpixelCache {
 public:
  explicit SuperpixelCache(size_t capacity = 12) : capacity_(capacity) {}
  ~SuperpixelCache();
  // Starts the computation when the key is new; returns the result when done.
  std::shared_ptr<const Superpixels> get(const std::string& key, const cv::Mat& image,
                                         const SuperpixelOptions& options = {});
  // Blocks until the key's computation (if any) is done (tests).
  std::shared_ptr<const Superpixels> wait(const std::string& key);

 private:
  struct Entry {
    std::shared_future<std::shared_ptr<const Superpixels>> result;
    uint64_t used = 0;
  };
  size_t capacity_;
  uint64_t clock_ = 0;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

struct GrabCutRefineOptions {
  int iterations = 4;
  int margin_px = 24;  // context around the region given as background
  // Pixels of a rough mask closer than this to its border are "probably"
  // (not surely) foreground or background.
  int band_px = 6;
};

// Seeds clicked by the user (image pixels).
struct MaskSeeds {
  std::vector<cv::Point> foreground;
  std::vector<cv::Point> background;
  int radius = 3;
};

// GrabCut inside `box` (outside it is background). Returns a full-size mask.
cv::Mat grabcut_box(const cv::Mat& image, const Box2D& box, const MaskSeeds& seeds = {},
                    const GrabCutRefineOptions& options = {});
// GrabCut from a rough mask: its eroded core probably foreground, a band
// around it probably background, beyond that background; `sure_fg` pixels
// (optional CV_8U mask) are certain foreground.
cv::Mat grabcut_mask(const cv::Mat& image, const cv::Mat& rough, const MaskSeeds& seeds = {},
                     const GrabCutRefineOptions& options = {}, const cv::Mat& sure_fg = {});

struct PropagationOptions {
  // DIS preset: 0 ultrafast, 1 fast, 2 medium.
  int preset = 1;
};

// Dense flow from `to` back to `from` (per pixel of `to`: where it came from).
cv::Mat backward_flow(const cv::Mat& from, const cv::Mat& to, const PropagationOptions& options = {});
// The mask warped by a backward flow (nearest neighbour).
cv::Mat warp_mask(const cv::Mat& mask, const cv::Mat& flow);
// Scales and moves a mask so its bounding box becomes `anchor` (a thing's
// box or projected cuboid in the new frame), clipped to the anchor.
cv::Mat reanchor_mask(const cv::Mat& mask, const Box2D& anchor);
// Mask bounds in continuous pixel coordinates (empty Box2D when empty).
Box2D mask_box(const cv::Mat& mask);

}  // namespace vantage::core
