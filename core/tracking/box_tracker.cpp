#include "core/tracking/box_tracker.h"

#include <cmath>

#include <opencv2/tracking.hpp>

#include "core/geometry/cuboid_projection.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

cv::Ptr<cv::Tracker> make_tracker(BoxTrackerAlgorithm a) {
  if (a == BoxTrackerAlgorithm::KCF) return cv::TrackerKCF::create();
  return cv::TrackerCSRT::create();
}

}  // namespace

std::vector<FrameShape> propose_box_track(const FrameImageSource& images, int from,
                                          const Shape& start, const std::vector<int>& frames,
                                          const BoxTrackerOptions& options) {
  std::vector<FrameShape> out;
  const Box2D* b = start.as<Box2D>();
  if (!b) throw Error("the tracker follows 2D boxes only");
  if (frames.empty()) return out;
  cv::Mat first = images(from);
  if (first.empty()) return out;
  const auto clipped = clip_box(*b, first.cols, first.rows);
  if (!clipped) return out;
  // OpenCV rects are whole pixels; [x, x + w) in pixel indices covers
  // [x, x + w] in Vantage's continuous coordinates.
  const int x1 = static_cast<int>(std::floor(clipped->x1)),
            y1 = static_cast<int>(std::floor(clipped->y1));
  const int x2 = static_cast<int>(std::ceil(clipped->x2)),
            y2 = static_cast<int>(std::ceil(clipped->y2));
  if (x2 - x1 < 2 || y2 - y1 < 2) return out;
  cv::Ptr<cv::Tracker> tracker = make_tracker(options.algorithm);
  tracker->init(first, cv::Rect(x1, y1, x2 - x1, y2 - y1));
  if (options.algorithm == BoxTrackerAlgorithm::KCF) {
    // OpenCV 4.6's KCF learns its model on the first update(), not in init():
    // without this it trains on frame 1 at frame 0's box and lags a frame
    // behind for the rest of the run.
    cv::Rect primed;
    tracker->update(first, primed);
  }
  for (int f : frames) {
    cv::Mat img = images(f);
    if (img.empty()) break;
    cv::Rect r;
    if (!tracker->update(img, r) || r.width <= 0 || r.height <= 0) break;
    const Box2D box{double(r.x), double(r.y), double(r.x + r.width), double(r.y + r.height)};
    const auto inside = clip_box(box, img.cols, img.rows);
    if (!inside || inside->area() < options.min_inside * box.area()) break;
    Shape s = start;
    s.geometry = *inside;
    s.keyframe = false;
    s.source = ShapeSource::Tracker;
    s.score = -1.0;
    out.push_back({f, std::move(s)});
  }
  return out;
}

std::vector<FrameShape> propose_box_track(const Document& doc, const Interpolator& interp,
                                          const TrackRef& ref, int from, int n,
                                          const BoxTrackerOptions& options) {
  if (ref.kind != ShapeKind::Box2D) throw Error("the tracker follows 2D boxes only");
  const Object* o = doc.annotations.find(ref.object);
  if (!o) return {};
  auto start = interp.evaluate(*o, ref.sensor, ref.kind, from);
  if (!start) return {};
  return propose_box_track(frame_images(doc, ref.sensor), from, *start,
                           propagation_frames(doc, ref, from, n), options);
}

}  // namespace vantage::core
