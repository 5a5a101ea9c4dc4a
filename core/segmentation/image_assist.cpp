#include "core/segmentation/image_assist.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>
#include <opencv2/ximgproc/slic.hpp>

#include "core/util/error.h"

namespace vantage::core {

namespace {

cv::Mat to_bgr(const cv::Mat& image) {
  if (image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3))
    throw Error("the image assistants need an 8-bit grey or colour image");
  if (image.channels() == 3) return image;
  cv::Mat bgr;
  cv::cvtColor(image, bgr, cv::COLOR_GRAY2BGR);
  return bgr;
}

cv::Mat to_grey(const cv::Mat& image) {
  if (image.channels() == 1) return image;
  cv::Mat g;
  cv::cvtColor(image, g, cv::COLOR_BGR2GRAY);
  return g;
}

void paint_seeds(cv::Mat& gc, const MaskSeeds& seeds, const cv::Point& offset) {
  for (const cv::Point& p : seeds.background)
    cv::circle(gc, p - offset, seeds.radius, cv::Scalar(cv::GC_BGD), cv::FILLED);
  for (const cv::Point& p : seeds.foreground)
    cv::circle(gc, p - offset, seeds.radius, cv::Scalar(cv::GC_FGD), cv::FILLED);
}

// Runs GrabCut on the `roi` of the image with initial labels `gc` (roi
// size), returns the full-size 0/1 mask.
cv::Mat run_grabcut(const cv::Mat& bgr, const cv::Rect& roi, cv::Mat gc, int iterations) {
  cv::Mat out(bgr.rows, bgr.cols, CV_8U, cv::Scalar(0));
  const bool has_fg = cv::countNonZero((gc == cv::GC_FGD) | (gc == cv::GC_PR_FGD)) > 0;
  const bool has_bg = cv::countNonZero((gc == cv::GC_BGD) | (gc == cv::GC_PR_BGD)) > 0;
  if (!has_fg) return out;
  if (has_bg) {
    cv::Mat bgd, fgd;
    cv::Mat sub = bgr(roi).clone();
    try {
      cv::grabCut(sub, gc, cv::Rect(), bgd, fgd, iterations, cv::GC_INIT_WITH_MASK);
    } catch (const cv::Exception&) {
      // Degenerate colour models (a flat region): keep the initial labels.
    }
  }
  cv::Mat fg = (gc == cv::GC_FGD) | (gc == cv::GC_PR_FGD);
  out(roi).setTo(1, fg);
  return out;
}

}  // namespace

// --- Superpixels ----------------------------------------------------------------

Superpixels compute_superpixels(const cv::Mat& image, const SuperpixelOptions& o) {
  const cv::Mat bgr = to_bgr(image);
  cv::Mat lab;
  cv::cvtColor(bgr, lab, cv::COLOR_BGR2Lab);
  auto slic = cv::ximgproc::createSuperpixelSLIC(lab, cv::ximgproc::SLICO, o.region_size, o.ruler);
  slic->iterate(o.iterations);
  slic->enforceLabelConnectivity(25);
  Superpixels sp;
  slic->getLabels(sp.labels);
  sp.count = slic->getNumberOfSuperpixels();
  sp.bounds.assign(static_cast<size_t>(sp.count), PixelRect{});
  for (int y = 0; y < sp.labels.rows; ++y) {
    const int32_t* row = sp.labels.ptr<int32_t>(y);
    for (int x = 0; x < sp.labels.cols; ++x) {
      const int l = row[x];
      if (l < 0 || l >= sp.count) continue;
      sp.bounds[static_cast<size_t>(l)].extend({x, y, x + 1, y + 1});
    }
  }
  return sp;
}

cv::Mat superpixel_mask(const Superpixels& sp, int x, int y, PixelRect& rect) {
  rect = {};
  if (x < 0 || y < 0 || x >= sp.labels.cols || y >= sp.labels.rows) return {};
  const int l = sp.labels.at<int32_t>(y, x);
  if (l < 0 || l >= sp.count) return {};
  rect = sp.bounds[static_cast<size_t>(l)];
  const cv::Rect r(rect.x0, rect.y0, rect.width(), rect.height());
  cv::Mat m = sp.labels(r) == l;
  return m / 255;
}

SuperpixelCache::~SuperpixelCache() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& [k, e] : entries_)
    if (e.result.valid()) e.result.wait();
}

std::shared_ptr<const Superpixels> SuperpixelCache::get(const std::string& key,
                                                        const cv::Mat& image,
                                                        const SuperpixelOptions& options) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    if (image.empty()) return nullptr;
    if (entries_.size() >= capacity_) {
      // Drop the least recently used finished entry.
      auto victim = entries_.end();
      for (auto e = entries_.begin(); e != entries_.end(); ++e)
        if (e->second.result.wait_for(std::chrono::seconds(0)) == std::future_status::ready &&
            (victim == entries_.end() || e->second.used < victim->second.used))
          victim = e;
      if (victim != entries_.end()) entries_.erase(victim);
    }
    const cv::Mat copy = image.clone();
    Entry e;
    e.result = std::async(std::launch::async, [copy, options] {
                 return std::shared_ptr<const Superpixels>(
                     std::make_shared<Superpixels>(compute_superpixels(copy, options)));
               }).share();
    it = entries_.emplace(key, std::move(e)).first;
  }
  it->second.used = ++clock_;
  if (it->second.result.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    return nullptr;
  return it->second.result.get();
}

std::shared_ptr<const Superpixels> SuperpixelCache::wait(const std::string& key) {
  std::shared_future<std::shared_ptr<const Superpixels>> f;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    f = it->second.result;
  }
  return f.get();
}

// --- GrabCut --------------------------------------------------------------------

cv::Mat grabcut_box(const cv::Mat& image, const Box2D& box, const MaskSeeds& seeds,
                    const GrabCutRefineOptions& o) {
  const cv::Mat bgr = to_bgr(image);
  const cv::Rect full(0, 0, bgr.cols, bgr.rows);
  const cv::Rect inner = cv::Rect(cv::Point(static_cast<int>(std::floor(box.x1)),
                                            static_cast<int>(std::floor(box.y1))),
                                  cv::Point(static_cast<int>(std::ceil(box.x2)),
                                            static_cast<int>(std::ceil(box.y2)))) &
                         full;
  if (inner.area() <= 0) return cv::Mat(bgr.rows, bgr.cols, CV_8U, cv::Scalar(0));
  const cv::Rect roi =
      cv::Rect(inner.x - o.margin_px, inner.y - o.margin_px, inner.width + 2 * o.margin_px,
               inner.height + 2 * o.margin_px) &
      full;
  cv::Mat gc(roi.size(), CV_8U, cv::Scalar(cv::GC_BGD));
  gc(cv::Rect(inner.tl() - roi.tl(), inner.size())).setTo(cv::GC_PR_FGD);
  paint_seeds(gc, seeds, roi.tl());
  return run_grabcut(bgr, roi, gc, o.iterations);
}

cv::Mat grabcut_mask(const cv::Mat& image, const cv::Mat& rough, const MaskSeeds& seeds,
                     const GrabCutRefineOptions& o, const cv::Mat& sure_fg) {
  const cv::Mat bgr = to_bgr(image);
  const cv::Rect full(0, 0, bgr.cols, bgr.rows);
  cv::Mat fg = rough != 0;
  for (const cv::Point& p : seeds.foreground)
    cv::circle(fg, p, seeds.radius, cv::Scalar(255), cv::FILLED);
  const cv::Rect bb = cv::boundingRect(fg);
  if (bb.area() <= 0) return cv::Mat(bgr.rows, bgr.cols, CV_8U, cv::Scalar(0));
  const int pad = o.margin_px + o.band_px;
  const cv::Rect roi =
      cv::Rect(bb.x - pad, bb.y - pad, bb.width + 2 * pad, bb.height + 2 * pad) & full;
  const cv::Mat sub = fg(roi);
  const cv::Mat k = cv::getStructuringElement(cv::MORPH_ELLIPSE,
                                              cv::Size(2 * o.band_px + 1, 2 * o.band_px + 1));
  cv::Mat grown;
  cv::dilate(sub, grown, k);
  cv::Mat gc(roi.size(), CV_8U, cv::Scalar(cv::GC_BGD));
  gc.setTo(cv::GC_PR_BGD, grown);
  gc.setTo(cv::GC_PR_FGD, sub);
  if (!sure_fg.empty()) gc.setTo(cv::GC_FGD, sure_fg(roi) != 0);
  paint_seeds(gc, seeds, roi.tl());
  return run_grabcut(bgr, roi, gc, o.iterations);
}

// --- Propagation ----------------------------------------------------------------

cv::Mat backward_flow(const cv::Mat& from, const cv::Mat& to, const PropagationOptions& o) {
  const cv::Mat a = to_grey(to_bgr(to)), b = to_grey(to_bgr(from));
  auto dis = cv::DISOpticalFlow::create(o.preset == 0   ? cv::DISOpticalFlow::PRESET_ULTRAFAST
                                        : o.preset == 2 ? cv::DISOpticalFlow::PRESET_MEDIUM
                                                        : cv::DISOpticalFlow::PRESET_FAST);
  cv::Mat flow;
  dis->calc(a, b, flow);
  return flow;
}

cv::Mat warp_mask(const cv::Mat& mask, const cv::Mat& flow) {
  cv::Mat map(flow.size(), CV_32FC2);
  for (int y = 0; y < flow.rows; ++y) {
    const cv::Vec2f* f = flow.ptr<cv::Vec2f>(y);
    cv::Vec2f* m = map.ptr<cv::Vec2f>(y);
    for (int x = 0; x < flow.cols; ++x)
      m[x] = cv::Vec2f(static_cast<float>(x) + f[x][0], static_cast<float>(y) + f[x][1]);
  }
  cv::Mat out;
  cv::remap(mask, out, map, cv::noArray(), cv::INTER_NEAREST, cv::BORDER_CONSTANT, cv::Scalar(0));
  return out;
}

Box2D mask_box(const cv::Mat& mask) {
  const cv::Rect r = cv::boundingRect(mask != 0);
  if (r.area() <= 0) return {};
  return {static_cast<double>(r.x), static_cast<double>(r.y), static_cast<double>(r.x + r.width),
          static_cast<double>(r.y + r.height)};
}

cv::Mat reanchor_mask(const cv::Mat& mask, const Box2D& anchor) {
  const Box2D b = mask_box(mask);
  cv::Mat out(mask.size(), CV_8U, cv::Scalar(0));
  if (b.area() <= 0 || anchor.area() <= 0) return out;
  const double sx = anchor.width() / b.width(), sy = anchor.height() / b.height();
  const cv::Matx23d m(sx, 0, anchor.x1 - sx * b.x1, 0, sy, anchor.y1 - sy * b.y1);
  cv::warpAffine(mask, out, m, mask.size(), cv::INTER_NEAREST, cv::BORDER_CONSTANT,
                 cv::Scalar(0));
  return out;
}

}  // namespace vantage::core
