#include "core/models/label_classifier.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <cmath>
#include <map>
#include <set>

#include <opencv2/imgproc.hpp>
#include <opencv2/ml.hpp>

#include "core/geometry/camera_model.h"
#include "core/geometry/cuboid_iou.h"
#include "core/geometry/cuboid_projection.h"
#include "core/io/image_io.h"
#include "core/models/image_model.h"
#include "core/models/lidar_detector.h"
#include "core/tracking/interpolator.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

// A candidate is a positive when its box is one a person would keep (BEV
// IoU >= 0.5 with the accepted cuboid, or for people, whose boxes are too
// small for IoU, a centre within 0.4 m); one that overlaps an accepted
// cuboid less well is left out (neither the object nor background), so the
// forest learns to score well-fitted boxes high.
constexpr double kMatchBevIou = 0.5;
constexpr double kMatchCentre = 0.4;
constexpr double kAmbiguousBevIou = 0.1;
constexpr double kAmbiguousCentre = 1.5;

void crop_features(const cv::Mat& bgr, const Box2D& box, float* out) {
  const cv::Rect r(int(std::floor(box.x1)), int(std::floor(box.y1)),
                   std::max(1, int(std::ceil(box.x2) - std::floor(box.x1))),
                   std::max(1, int(std::ceil(box.y2) - std::floor(box.y1))));
  const cv::Rect inside = r & cv::Rect(0, 0, bgr.cols, bgr.rows);
  if (inside.area() < 16) return;
  const cv::Mat crop = bgr(inside);
  cv::Scalar mean, stddev;
  cv::meanStdDev(crop, mean, stddev);
  cv::Mat grey, gx, gy, mag;
  cv::cvtColor(crop, grey, cv::COLOR_BGR2GRAY);
  cv::Scalar gmean, gstd;
  cv::meanStdDev(grey, gmean, gstd);
  cv::Sobel(grey, gx, CV_32F, 1, 0);
  cv::Sobel(grey, gy, CV_32F, 0, 1);
  cv::magnitude(gx, gy, mag);
  out[0] = float(mean[0] / 255.0);
  out[1] = float(mean[1] / 255.0);
  out[2] = float(mean[2] / 255.0);
  out[3] = float(gstd[0] / 255.0);
  out[4] = float(cv::mean(mag)[0] / 255.0);
  out[5] = float(box.height() / std::max(1.0, box.width()));
  out[6] = 1.0f;
}

std::vector<Cuboid> accepted_cuboids(const Interpolator& interp, const Annotations& a, int frame,
                                     std::vector<std::string>* classes) {
  std::vector<Cuboid> out;
  for (const EvaluatedShape& e : interp.evaluate_frame(a, frame)) {
    if (e.track->kind != ShapeKind::Cuboid || e.shape.source == ShapeSource::Model) continue;
    const Cuboid* c = e.shape.as<Cuboid>();
    const Object* o = a.find(e.object);
    if (!c || !o) continue;
    out.push_back(*c);
    classes->push_back(o->class_name);
  }
  return out;
}

}  // namespace

void add_image_features(const Document& doc, int frame, std::vector<Detection3D>& dets) {
  for (Detection3D& d : dets)
    d.features.resize(size_t(kLidarFeatureCount + kImageFeatureCount), -1.0f);
  if (frame < 0 || frame >= doc.sequence.frame_count()) return;
  const Frame& fr = doc.sequence.frames[size_t(frame)];
  for (const Camera& cam : doc.sequence.rig(frame).cameras) {
    const auto it = fr.files.find(cam.name);
    if (it == fr.files.end()) continue;
    std::filesystem::path p = it->second;
    if (p.is_relative()) p = doc.folder / p;
    if (!std::filesystem::exists(p)) continue;
    const CameraModel model(cam);
    cv::Mat bgr;
    for (Detection3D& d : dets) {
      float* out = d.features.data() + kLidarFeatureCount;
      if (out[6] > 0) continue;  // already seen by an earlier camera
      const ProjectedCuboid pc = project_cuboid(model, d.cuboid);
      if (!pc.box || pc.box->area() < 64 || pc.truncation > 0.5) continue;
      if (bgr.empty()) bgr = to_display_bgr8(read_image(p));
      crop_features(bgr, *pc.box, out);
    }
  }
}

std::vector<int> labelled_frames(const Document& doc) {
  std::set<int> out;
  for (const auto& [frame, mark] : doc.annotations.review.frames)
    if (mark.status == ReviewStatus::Done || mark.status == ReviewStatus::Accepted)
      out.insert(frame);
  std::set<int> decided, pending;
  for (const PrelabelDecision& d : doc.annotations.review.prelabel_decisions)
    if (kind_of(d.proposed) == ShapeKind::Cuboid) decided.insert(d.frame);
  for (const Object& o : doc.annotations.objects)
    for (const Track& t : o.tracks)
      if (t.kind == ShapeKind::Cuboid)
        for (const FrameShape& fs : t.shapes)
          if (fs.shape.source == ShapeSource::Model) pending.insert(fs.frame);
  for (int f : decided)
    if (!pending.count(f)) out.insert(f);
  return {out.begin(), out.end()};
}

TrainingSet make_training_set(const Document& doc, const std::vector<int>& frames,
                              const std::vector<std::vector<Detection3D>>& candidates) {
  TrainingSet set;
  const Interpolator interp(doc.sequence);
  for (size_t i = 0; i < frames.size() && i < candidates.size(); ++i) {
    std::vector<std::string> classes;
    const std::vector<Cuboid> truth = accepted_cuboids(interp, doc.annotations, frames[i], &classes);
    bool any = false;
    for (const Detection3D& d : candidates[i]) {
      double best = 0;
      int match = -1;
      bool ambiguous = false;
      for (size_t k = 0; k < truth.size(); ++k) {
        double v = bev_iou(d.cuboid, truth[k]);
        const double dist = glm::length(Vec2(d.cuboid.center) - Vec2(truth[k].center));
        const bool small = std::max(truth[k].size.x, truth[k].size.y) < 1.2;
        if (small && dist < kMatchCentre) v = std::max(v, kMatchBevIou);
        if (v >= kMatchBevIou && v > best) best = v, match = int(k);
        if (v >= kAmbiguousBevIou || dist < kAmbiguousCentre) ambiguous = true;
      }
      if (match < 0 && ambiguous) continue;
      set.features.push_back(d.features);
      set.labels.push_back(match >= 0 ? classes[size_t(match)] : std::string());
      (match >= 0 ? set.positives : set.negatives)++;
      any = true;
    }
    if (any) set.frames.push_back(frames[i]);
  }
  return set;
}

struct LidarClassifier::Impl {
  cv::Ptr<cv::ml::RTrees> forest;
  size_t dims = 0;
};

LidarClassifier::~LidarClassifier() = default;

std::shared_ptr<LidarClassifier> LidarClassifier::train(const TrainingSet& set,
                                                        const ClassifierOptions& o) {
  if (set.features.empty())
    throw Error("nothing to train on: no detector candidates in the labelled frames");
  std::set<std::string> names(set.labels.begin(), set.labels.end());
  if (names.size() < 2)
    throw Error(fmt::format("nothing to tell apart: all {} training samples are {}",
                            set.labels.size(),
                            set.labels[0].empty() ? "background" : set.labels[0]));
  std::shared_ptr<LidarClassifier> c(new LidarClassifier());
  c->classes_.assign(names.begin(), names.end());  // "" (background) sorts first
  if (!c->classes_.front().empty()) c->classes_.insert(c->classes_.begin(), std::string());
  bool has_image = false;
  for (const auto& f : set.features)
    if (f.size() >= size_t(kLidarFeatureCount + kImageFeatureCount) &&
        f[size_t(kLidarFeatureCount + kImageFeatureCount - 1)] > 0)
      has_image = true;
  c->image_features_ = o.image_features && has_image;
  const size_t dims = size_t(kLidarFeatureCount) + (c->image_features_ ? size_t(kImageFeatureCount) : 0);
  cv::Mat X(int(set.features.size()), int(dims), CV_32F, cv::Scalar(-1));
  cv::Mat y(int(set.features.size()), 1, CV_32S);
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < set.features.size(); ++i) {
    const auto& f = set.features[i];
    for (size_t k = 0; k < dims && k < f.size(); ++k) {
      X.at<float>(int(i), int(k)) = f[k];
      uint32_t bits;
      std::memcpy(&bits, &f[k], 4);
      h = (h ^ bits) * 1099511628211ull;
    }
    const auto it = std::find(c->classes_.begin(), c->classes_.end(), set.labels[i]);
    y.at<int>(int(i)) = int(it - c->classes_.begin());
  }
  c->impl_ = std::make_unique<Impl>();
  c->impl_->dims = dims;
  c->impl_->forest = cv::ml::RTrees::create();
  auto& f = c->impl_->forest;
  f->setMaxDepth(o.max_depth);
  f->setMinSampleCount(o.min_samples);
  f->setCalculateVarImportance(false);
  f->setActiveVarCount(0);
  f->setTermCriteria(cv::TermCriteria(cv::TermCriteria::MAX_ITER, o.trees, 0));
  cv::Mat var_type(int(dims) + 1, 1, CV_8U, cv::Scalar(cv::ml::VAR_ORDERED));
  var_type.at<uint8_t>(int(dims)) = cv::ml::VAR_CATEGORICAL;
  f->train(cv::ml::TrainData::create(X, cv::ml::ROW_SAMPLE, y, cv::noArray(), cv::noArray(),
                                     cv::noArray(), var_type));
  c->samples_ = set.features.size();
  c->frames_ = set.frames.size();
  c->digest_ = fmt::format("{:08x}", uint32_t(h ^ (h >> 32)));
  return c;
}

void LidarClassifier::rescore(Detection3D& d) const {
  cv::Mat x(1, int(impl_->dims), CV_32F, cv::Scalar(-1));
  for (size_t k = 0; k < impl_->dims && k < d.features.size(); ++k)
    x.at<float>(0, int(k)) = d.features[k];
  cv::Mat votes;
  impl_->forest->getVotes(x, votes, 0);
  // Row 0 holds the class labels, row 1 the votes.
  double total = 0;
  std::vector<std::pair<double, int>> v;
  for (int k = 0; k < votes.cols; ++k) {
    const double n = votes.at<int>(1, k);
    total += n;
    v.emplace_back(n, votes.at<int>(0, k));
  }
  std::sort(v.rbegin(), v.rend());
  if (total <= 0 || v.empty()) return;
  const int best = v[0].second;
  d.class_name = best >= 0 && size_t(best) < classes_.size() ? classes_[size_t(best)] : "";
  d.score = v[0].first / total;
  d.runner_up = v.size() > 1 ? v[1].first / total : 0.0;
}

std::string LidarClassifier::model_id() const {
  return fmt::format("builtin:lidar-objects@trained-{}", digest_);
}

std::string LidarClassifier::describe() const {
  std::vector<std::string> named(classes_.begin() + 1, classes_.end());
  return fmt::format("lidar-objects candidates re-scored by random trees ({} trees) trained on {} "
                     "samples from {} labelled frames; classes: background, {}; features: cluster{}",
                     impl_->forest->getTermCriteria().maxCount, samples_, frames_,
                     fmt::join(named, ", "), image_features_ ? " + image crop" : "");
}

}  // namespace vantage::core
