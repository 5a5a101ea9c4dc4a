#pragma once
// Accuracy of the cuboid auto-fit against ground-truth cuboids: for every
// labelled object, fit from a seed at the true centre, from seeds 0.5 m off
// it (four directions), and from the centre with a prior yaw 30 degrees off
// the true heading (as a rough box or the previous frame would give), and
// compare with the label: centre error, yaw error modulo pi, how often the
// heading had to be flipped, BEV and 3D IoU, per class. `vantage fit-eval`
// runs it over a sequence.

#include <map>
#include <string>
#include <vector>

#include "core/geometry/cuboid_fit.h"
#include "core/model/point_cloud.h"
#include "core/model/shape.h"

namespace vantage::core {

struct FitEvalOptions {
  double perturbation = 0.5;  // metres; 0 = no offset seeds
  // Error of the prior yaw given with the "prior" seed, degrees; < 0 = no such seed.
  double prior_yaw_error_deg = 30.0;
  bool class_prior = true;  // size prior from the class (default_size_prior)
  RectCriterion criterion = RectCriterion::Closeness;
  int min_truth_points = 10;  // labels with fewer returns inside are not scored
  GroundOptions ground;
};

struct FitEvalObject {
  std::string frame;
  int64_t object_id = 0;
  std::string class_name;
  Cuboid truth;
};

// One fit of one object from one seed.
struct FitEvalSample {
  std::string frame;
  int64_t object_id = 0;
  std::string class_name;
  std::string seed;  // "centre", "offset" or "prior" (centre with a prior yaw)
  uint32_t truth_points = 0;
  bool fitted = false;
  std::string failure;
  Cuboid fit;
  double centre_error = 0;      // 3D distance between centres, metres
  double centre_error_bev = 0;  // in the ground plane
  double yaw_error = 0;         // radians, modulo pi: [0, pi/2]
  bool flip_needed = false;     // the returned heading was the wrong way round
  bool heading_ambiguous = false;
  bool size_padded = false;
  double bev_iou = 0, iou_3d = 0;
};

// Statistics over a set of samples; failed fits count as IoU 0 and are left
// out of the error means.
struct FitEvalStats {
  int samples = 0;
  int fitted = 0;
  double mean_centre_error = 0, median_centre_error = 0;
  double mean_centre_error_bev = 0;
  double mean_yaw_error_deg = 0, median_yaw_error_deg = 0;
  double flip_rate = 0;  // among fitted
  double mean_bev_iou = 0, mean_iou_3d = 0;
  double bev_iou_over_05 = 0, iou_3d_over_05 = 0, bev_iou_over_07 = 0;  // shares of samples
};

struct FitEvalReport {
  int frames = 0;
  int objects = 0;         // labels seen
  int too_few_points = 0;  // labels not scored (fewer than min_truth_points returns)
  std::vector<FitEvalSample> samples;
  // By seed ("centre", "offset", "prior"), then by class ("" = all classes).
  std::map<std::string, std::map<std::string, FitEvalStats>> stats;
};

class FitEvaluator {
 public:
  explicit FitEvaluator(FitEvalOptions options = {}) : options_(std::move(options)) {}
  // One frame: its returns and labels in one frame (z up), the LiDAR position.
  void add_frame(const std::string& name, const PointCloud& cloud,
                 const std::vector<FitEvalObject>& objects, const Vec3& sensor);
  // Summaries over all frames added so far.
  FitEvalReport report() const;

 private:
  FitEvalOptions options_;
  int frames_ = 0, objects_ = 0, too_few_ = 0;
  std::vector<FitEvalSample> samples_;
};

FitEvalStats summarize_fit_samples(const std::vector<const FitEvalSample*>& samples);

}  // namespace vantage::core
