#include "core/segmentation/click_eval.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/geometry/camera_model.h"
#include "core/geometry/cuboid_geometry.h"
#include "core/geometry/cuboid_projection.h"
#include "core/segmentation/mask_tools.h"
#include "core/segmentation/point_tools.h"
#include "core/segmentation/seg_eval.h"
#include "core/tracking/frame_image.h"

namespace vantage::core {

namespace {

cv::Rect to_rect(const Box2D& b, const cv::Size& size) {
  const cv::Rect r(cv::Point(static_cast<int>(std::floor(b.x1)), static_cast<int>(std::floor(b.y1))),
                   cv::Point(static_cast<int>(std::ceil(b.x2)), static_cast<int>(std::ceil(b.y2))));
  return r & cv::Rect(0, 0, size.width, size.height);
}

// Each superpixel touching `roi` takes the majority label of `mask`;
// clicked superpixels keep their click's label.
cv::Mat snap_to_superpixels(const cv::Mat& mask, const Superpixels& sp, const cv::Rect& roi,
                            const std::vector<std::pair<int, bool>>& forced) {
  std::vector<int> on(static_cast<size_t>(sp.count), 0), total(static_cast<size_t>(sp.count), 0);
  for (int y = roi.y; y < roi.y + roi.height; ++y) {
    const int32_t* l = sp.labels.ptr<int32_t>(y);
    const uint8_t* m = mask.ptr<uint8_t>(y);
    for (int x = roi.x; x < roi.x + roi.width; ++x) {
      ++total[static_cast<size_t>(l[x])];
      on[static_cast<size_t>(l[x])] += m[x] != 0;
    }
  }
  std::vector<int8_t> force(static_cast<size_t>(sp.count), -1);
  for (const auto& [label, positive] : forced) force[static_cast<size_t>(label)] = positive ? 1 : 0;
  cv::Mat out = mask.clone();
  for (int y = roi.y; y < roi.y + roi.height; ++y) {
    const int32_t* l = sp.labels.ptr<int32_t>(y);
    uint8_t* o = out.ptr<uint8_t>(y);
    for (int x = roi.x; x < roi.x + roi.width; ++x) {
      const size_t k = static_cast<size_t>(l[x]);
      o[x] = force[k] >= 0 ? static_cast<uint8_t>(force[k]) : 2 * on[k] > total[k] ? 1 : 0;
    }
  }
  return out;
}

}  // namespace

const char* to_string(ClickMethod m) {
  switch (m) {
    case ClickMethod::Brush:
      return "brush";
    case ClickMethod::GrabCut:
      return "grabcut";
    case ClickMethod::SuperpixelGrabCut:
      return "superpixels+grabcut";
  }
  return "?";
}

std::optional<RobotClick> robot_click(const cv::Mat& pred, const cv::Mat& truth) {
  const cv::Mat fn = (truth != 0) & (pred == 0);
  const cv::Mat fp = (truth == 0) & (pred != 0);
  // RITM pads the error masks so the image border counts as outside them.
  auto deepest = [](const cv::Mat& err, cv::Point& at) {
    cv::Mat padded;
    cv::copyMakeBorder(err, padded, 1, 1, 1, 1, cv::BORDER_CONSTANT, 0);
    cv::Mat dt;
    cv::distanceTransform(padded, dt, cv::DIST_L2, cv::DIST_MASK_PRECISE);
    double mx = 0;
    cv::Point p;
    cv::minMaxLoc(dt(cv::Rect(1, 1, err.cols, err.rows)), nullptr, &mx, nullptr, &p);
    at = p;
    return mx;
  };
  cv::Point pfn, pfp;
  const double dfn = cv::countNonZero(fn) ? deepest(fn, pfn) : 0.0;
  const double dfp = cv::countNonZero(fp) ? deepest(fp, pfp) : 0.0;
  if (dfn <= 0 && dfp <= 0) return std::nullopt;
  if (dfn > dfp) return RobotClick{pfn, true, dfn};
  return RobotClick{pfp, false, dfp};
}

std::vector<double> run_clicks(const ClickTarget& t, ClickMethod method, int max_clicks,
                               double stop_iou) {
  std::vector<double> ious;
  const cv::Size size = t.truth.size();
  cv::Mat pred(size, CV_8U, cv::Scalar(0));
  MaskSeeds seeds;
  seeds.radius = 4;
  std::vector<std::pair<int, bool>> forced;  // superpixel label, positive
  const Box2D box = method == ClickMethod::SuperpixelGrabCut && t.cuboid_box ? *t.cuboid_box : t.box;
  const cv::Rect box_rect = to_rect(box, size);
  GrabCutRefineOptions go;
  go.iterations = 4;
  go.margin_px = 16;
  cv::Rect roi = box_rect;
  // Superpixel method: LiDAR returns are sure foreground, their hull
  // probable foreground; the rest of the box probable background.
  cv::Mat sure_fg, hull;
  if (method == ClickMethod::SuperpixelGrabCut) {
    sure_fg = cv::Mat::zeros(size, CV_8U);
    hull = cv::Mat::zeros(size, CV_8U);
    std::vector<cv::Point> in;
    for (const cv::Point& p : t.lidar_pixels)
      if (box_rect.contains(p)) {
        in.push_back(p);
        cv::circle(sure_fg, p, 1, cv::Scalar(1), cv::FILLED);
      }
    if (in.size() >= 3) {
      std::vector<cv::Point> h;
      cv::convexHull(in, h);
      cv::fillConvexPoly(hull, h, cv::Scalar(1));
    }
  }
  auto predict = [&]() {
    switch (method) {
      case ClickMethod::Brush:
        break;  // edited in place
      case ClickMethod::GrabCut:
        pred = grabcut_box(t.image, box, seeds, go);
        break;
      case ClickMethod::SuperpixelGrabCut: {
        if (cv::countNonZero(hull) >= 20) {
          cv::Mat rough = hull.clone();
          for (const cv::Point& p : seeds.foreground)
            cv::circle(rough, p, seeds.radius, cv::Scalar(1), cv::FILLED);
          cv::Mat fg = sure_fg.clone();
          for (const auto& [label, positive] : forced)
            if (positive) fg.setTo(1, t.superpixels->labels == label);
          // Outside the box is background unless a click says otherwise.
          cv::Mat clipped = cv::Mat::zeros(size, CV_8U);
          const cv::Rect grown =
              cv::Rect(box_rect.x - 4, box_rect.y - 4, box_rect.width + 8, box_rect.height + 8) &
              cv::Rect(0, 0, size.width, size.height);
          rough(grown).copyTo(clipped(grown));
          pred = grabcut_mask(t.image, clipped, seeds, go, fg);
          cv::Mat keep = cv::Mat::zeros(size, CV_8U);
          keep(grown).setTo(1);
          for (const cv::Point& p : seeds.foreground)
            cv::circle(keep, p, 40, cv::Scalar(1), cv::FILLED);
          cv::bitwise_and(pred, keep, pred);
        } else {
          pred = grabcut_box(t.image, box, seeds, go);
        }
        if (t.superpixels) {
          roi = box_rect;
          for (const cv::Point& p : seeds.foreground) roi |= cv::Rect(p.x - 20, p.y - 20, 40, 40);
          roi &= cv::Rect(0, 0, size.width, size.height);
          pred = snap_to_superpixels(pred, *t.superpixels, roi, forced);
        }
        break;
      }
    }
  };
  if (method == ClickMethod::Brush) pred(box_rect).setTo(1);
  else predict();
  ious.push_back(mask_iou(pred, t.truth));
  for (int c = 1; c <= max_clicks && ious.back() < stop_iou; ++c) {
    const auto click = robot_click(pred, t.truth);
    if (!click) break;
    switch (method) {
      case ClickMethod::Brush:
        cv::circle(pred, click->at, std::max(1, static_cast<int>(click->depth - 0.5)),
                   cv::Scalar(click->positive ? 1 : 0), cv::FILLED);
        break;
      case ClickMethod::GrabCut:
        (click->positive ? seeds.foreground : seeds.background).push_back(click->at);
        predict();
        break;
      case ClickMethod::SuperpixelGrabCut:
        if (t.superpixels)
          forced.emplace_back(t.superpixels->labels.at<int32_t>(click->at), click->positive);
        (click->positive ? seeds.foreground : seeds.background).push_back(click->at);
        predict();
        break;
    }
    ious.push_back(mask_iou(pred, t.truth));
  }
  return ious;
}

double number_of_clicks(const std::vector<std::vector<double>>& runs, double threshold,
                        int max_clicks) {
  if (runs.empty()) return 0;
  double sum = 0;
  for (const auto& r : runs) {
    int n = max_clicks;
    for (size_t c = 0; c < r.size(); ++c)
      if (r[c] >= threshold) {
        n = static_cast<int>(c);
        break;
      }
    sum += n;
  }
  return sum / static_cast<double>(runs.size());
}

std::vector<ClickTarget> click_targets(const Document& doc, const Annotations& gt,
                                       const std::string& camera, const std::vector<int>& frames,
                                       int min_area) {
  std::vector<ClickTarget> out;
  const auto lidars = doc.sequence.lidar_names();
  for (const int f : frames) {
    const SegLayer* layer = gt.segmentation.find(camera, f);
    const Camera* cam = doc.sequence.camera(f, camera);
    if (!layer || !cam) continue;
    const cv::Mat image = read_frame_image(doc, f, camera);
    if (image.empty()) continue;
    const auto labels = gt.segmentation.labels({camera, f});
    const CameraModel model(*cam);
    PointCloud cloud;
    const Lidar* lidar = lidars.empty() ? nullptr : doc.sequence.rig(f).lidar(lidars.front());
    const bool have_cloud = lidar && read_sweep(doc, lidar->name, f, cloud);
    auto sp = std::make_shared<const Superpixels>(compute_superpixels(image));
    for (const Segment& s : layer->segments) {
      if (s.object < 0 || s.area < static_cast<uint64_t>(min_area)) continue;
      const Object* o = gt.find(s.object);
      if (!o) continue;
      const Shape* box = o->shape(f, camera, ShapeKind::Box2D);
      if (!box) continue;
      ClickTarget t;
      t.frame = f;
      t.object = s.object;
      t.image = image;
      t.truth = label_mask(*labels, s.id);
      t.box = *box->as<Box2D>();
      t.superpixels = sp;
      if (const Shape* c = o->shape(f, kSceneSensor, ShapeKind::Cuboid)) {
        const Cuboid& cub = *c->as<Cuboid>();
        t.cuboid_box = project_cuboid(model, cub).box;
        if (have_cloud)
          for (const uint32_t i : select_in_cuboid(cloud, lidar->lidar_to_vehicle, cub, 0.05)) {
            const Vec3 p = lidar->lidar_to_vehicle.apply(
                Vec3(cloud.points[i].x, cloud.points[i].y, cloud.points[i].z));
            if (const auto uv = model.project(p); uv && model.in_image(*uv))
              t.lidar_pixels.push_back({static_cast<int>(uv->x), static_cast<int>(uv->y)});
          }
      }
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace vantage::core
