#include "core/qa/dataset_prep.h"

#include <fmt/format.h>

#include <algorithm>
#include <bitset>
#include <cctype>
#include <opencv2/imgproc.hpp>

#include "core/io/image_io.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

cv::Mat to_grey8(const cv::Mat& image) {
  const cv::Mat bgr = to_display_bgr8(image);
  cv::Mat grey;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  return grey;
}

uint64_t fnv1a(const cv::Mat& m) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](const unsigned char* p, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      h ^= p[i];
      h *= 1099511628211ull;
    }
  };
  const int dims[3] = {m.rows, m.cols, m.type()};
  mix(reinterpret_cast<const unsigned char*>(dims), sizeof(dims));
  const size_t row_bytes = m.cols * m.elemSize();
  for (int r = 0; r < m.rows; ++r)
    mix(m.ptr<unsigned char>(r), row_bytes);
  return h;
}

std::string resolve(const Document& doc, const std::string& file) {
  const std::filesystem::path p(file);
  return (p.is_absolute() || doc.folder.empty() ? p : doc.folder / p).string();
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
  return v[v.size() / 2];
}

}  // namespace

int hamming_distance(uint64_t a, uint64_t b) {
  return int(std::bitset<64>(a ^ b).count());
}

uint64_t perceptual_hash(const cv::Mat& image) {
  const cv::Mat grey = image.type() == CV_8UC1 ? image : to_grey8(image);
  cv::Mat small, f, dct;
  cv::resize(grey, small, cv::Size(32, 32), 0, 0, cv::INTER_AREA);
  small.convertTo(f, CV_64F);
  cv::dct(f, dct);
  std::vector<double> low;
  for (int y = 0; y < 8; ++y)
    for (int x = 0; x < 8; ++x)
      low.push_back(dct.at<double>(y, x));
  // The DC term is the mean brightness: leave it out of the median.
  const double med = median(std::vector<double>(low.begin() + 1, low.end()));
  uint64_t h = 0;
  for (size_t i = 0; i < 64; ++i)
    if (low[i] > med) h |= uint64_t(1) << i;
  return h;
}

double laplacian_variance(const cv::Mat& image) {
  const cv::Mat grey = image.type() == CV_8UC1 ? image : to_grey8(image);
  cv::Mat lap;
  cv::Laplacian(grey, lap, CV_64F);
  cv::Scalar mean, stddev;
  cv::meanStdDev(lap, mean, stddev);
  return stddev[0] * stddev[0];
}

PrepReport prepare_dataset(const Document& doc, const PrepOptions& o) {
  PrepReport r;
  std::vector<std::pair<int, std::string>> jobs;  // frame, camera
  for (int f = 0; f < doc.sequence.frame_count(); ++f)
    for (const auto& [sensor, file] : doc.sequence.frames[size_t(f)].files) {
      if (!doc.sequence.camera(f, sensor)) continue;
      if (!o.camera.empty() && sensor != o.camera) continue;
      jobs.push_back({f, sensor});
    }
  size_t done = 0;
  for (const auto& [f, sensor] : jobs) {
    ImageStats s;
    s.frame = f;
    s.sensor = sensor;
    s.path = resolve(doc, doc.sequence.frames[size_t(f)].files.at(sensor));
    std::string ext = std::filesystem::path(s.path).extension().string();
    for (auto& c : ext)
      c = char(std::tolower(static_cast<unsigned char>(c)));
    s.format = ext.empty() ? "(none)" : ext.substr(1);
    try {
      const cv::Mat img = read_image(s.path);
      s.width = img.cols;
      s.height = img.rows;
      s.pixel_hash = fnv1a(img);
      const cv::Mat grey = to_grey8(img);
      s.phash = perceptual_hash(grey);
      s.laplacian_variance = laplacian_variance(grey);
      s.mean = cv::mean(grey)[0];
      const double n = double(grey.total());
      s.dark_share = double(cv::countNonZero(grey <= o.dark_level)) / n;
      s.bright_share = double(cv::countNonZero(grey >= o.bright_level)) / n;
      ++r.formats[s.format];
      ++r.sizes[fmt::format("{}x{}", s.width, s.height)];
    } catch (const Error& e) {
      s.readable = false;
      s.error = e.what();
    } catch (const cv::Exception& e) {
      s.readable = false;
      s.error = e.what();
    }
    r.images.push_back(std::move(s));
    if (o.progress && !o.progress(++done, jobs.size())) throw Cancelled();
  }

  std::vector<double> vars;
  for (const auto& s : r.images)
    if (s.readable) vars.push_back(s.laplacian_variance);
  r.median_laplacian = median(vars);

  auto flag = [&](const ImageStats& s, const char* kind, std::string msg, double value,
                  int other = -1) {
    PrepFlag fl;
    fl.frame = s.frame;
    fl.sensor = s.sensor;
    fl.kind = kind;
    fl.message = std::move(msg);
    fl.value = value;
    fl.other_frame = other;
    r.flags.push_back(std::move(fl));
    r.flagged_frames.insert(s.frame);
  };
  for (size_t i = 0; i < r.images.size(); ++i) {
    const ImageStats& s = r.images[i];
    if (!s.readable) {
      flag(s, "unreadable", s.error, 0);
      continue;
    }
    // Duplicates of an earlier image of the same camera.
    for (size_t j = 0; j < i; ++j) {
      const ImageStats& e = r.images[j];
      if (!e.readable || e.sensor != s.sensor) continue;
      if (e.pixel_hash == s.pixel_hash && e.width == s.width && e.height == s.height) {
        flag(s, "exact_duplicate", fmt::format("same pixels as frame {}", e.frame), 0, e.frame);
        break;
      }
      const int d = hamming_distance(e.phash, s.phash);
      if (d <= o.near_duplicate_bits) {
        flag(s, "near_duplicate",
             fmt::format("perceptual hash {} bit{} from frame {}", d, d == 1 ? "" : "s", e.frame),
             d, e.frame);
        break;
      }
    }
    if (s.laplacian_variance < o.blur_absolute ||
        s.laplacian_variance < o.blur_ratio * r.median_laplacian)
      flag(s, "blurry",
           fmt::format("Laplacian variance {:.1f} (sequence median {:.1f})", s.laplacian_variance,
                       r.median_laplacian),
           s.laplacian_variance);
    if (s.dark_share > o.exposure_share)
      flag(s, "underexposed",
           fmt::format("{:.0f}% of pixels black (mean {:.0f})", 100 * s.dark_share, s.mean),
           s.dark_share);
    if (s.bright_share > o.exposure_share)
      flag(s, "overexposed",
           fmt::format("{:.0f}% of pixels white (mean {:.0f})", 100 * s.bright_share, s.mean),
           s.bright_share);
  }
  std::stable_sort(r.flags.begin(), r.flags.end(),
                   [](const PrepFlag& a, const PrepFlag& b) { return a.frame < b.frame; });
  return r;
}

}  // namespace vantage::core
