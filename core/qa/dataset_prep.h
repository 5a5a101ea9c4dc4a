#pragma once
// Dataset preparation (`vantage qa prepare`): the checks before annotation
// starts, over every camera image of a sequence.
// - exact duplicates: identical decoded pixels (FNV-1a hash);
// - near duplicates: 64-bit DCT perceptual hash (pHash: 32x32 grey, DCT,
//   the 8x8 lowest frequencies against their median) within a Hamming
//   distance;
// - blurry: variance of the Laplacian below a share of the sequence median,
//   or below an absolute floor;
// - over/under-exposed: share of (nearly) white / black pixels;
// - mixed formats (file extensions) and image sizes.
// The later image of a duplicate pair is flagged, the first kept.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/formats/format.h"
#include "core/model/document.h"

namespace vantage::core {

struct PrepOptions {
  std::string camera;           // empty: every camera
  int near_duplicate_bits = 1;  // pHash Hamming distance for near duplicates (video frames 0.1 s
                                // apart are often 2-4 bits apart)
  double blur_ratio = 0.3;      // blurry below this share of the median Laplacian variance
  double blur_absolute = 15.0;  // ... or below this variance
  double dark_level = 10;       // grey <= this counts as black
  double bright_level = 245;    // grey >= this counts as white
  double exposure_share = 0.5;  // flagged when more than this share is black / white
  ProgressFn progress;
};

struct ImageStats {
  int frame = 0;
  std::string sensor;
  std::string path;
  bool readable = true;
  std::string error;
  int width = 0, height = 0;
  std::string format;  // lower-case extension
  uint64_t pixel_hash = 0;
  uint64_t phash = 0;
  double laplacian_variance = 0;
  double mean = 0;
  double dark_share = 0, bright_share = 0;
};

struct PrepFlag {
  int frame = 0;
  std::string sensor;
  std::string
      kind;  // exact_duplicate, near_duplicate, blurry, underexposed, overexposed, unreadable
  std::string message;
  int other_frame = -1;  // duplicates: the frame it duplicates
  double value = 0;      // Hamming distance, Laplacian variance or share
};

struct PrepReport {
  std::vector<ImageStats> images;
  std::vector<PrepFlag> flags;  // by frame
  std::map<std::string, size_t> formats;
  std::map<std::string, size_t> sizes;  // "1242x375"
  double median_laplacian = 0;
  std::set<int> flagged_frames;
  bool mixed_formats() const { return formats.size() > 1; }
  bool mixed_sizes() const { return sizes.size() > 1; }
};

// Per-image measures (grey conversion of any depth/channels).
uint64_t perceptual_hash(const cv::Mat& image);
double laplacian_variance(const cv::Mat& image);
int hamming_distance(uint64_t a, uint64_t b);

PrepReport prepare_dataset(const Document& doc, const PrepOptions& options = {});

}  // namespace vantage::core
