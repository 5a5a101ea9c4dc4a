#pragma once
// `vantage prelabel --train`: a classifier fitted on the labels people have
// already accepted in this sequence, which then re-scores and relabels the
// LiDAR detector's candidates in the rest.
//
// Samples: the detector's candidates in labelled frames (review status done
// or accepted, or frames whose pre-labels have all been decided). A
// candidate whose box fits an accepted cuboid (BEV IoU >= 0.5; people: centre
// within 0.4 m) takes its class; one that overlaps an accepted cuboid less
// well is left out; the rest are background (what people rejected or never
// labelled: walls, trees, poles). Features: the cluster's (lidar_detector.h LidarFeature:
// shape, returns, and the size/shape rules' own class probabilities, so the
// forest starts from what the rules know) and,
// where the object is in a camera's view, its image crop's (colour, contrast,
// edges, aspect of the projected box). Model: OpenCV ml random trees; a
// candidate's class is the forest's vote, its score the vote share, the
// runner-up's share the margin. Background wins: the candidate is dropped.

#include <memory>
#include <string>
#include <vector>

#include "core/model/document.h"
#include "core/models/detection.h"

namespace vantage::core {

// Crop features appended to each detection's features (kImageFeatureCount
// values; -1 where the object is in no camera's view).
constexpr int kImageFeatureCount = 7;
void add_image_features(const Document& doc, int frame, std::vector<Detection3D>& detections);

// Frames whose labels count as complete for training.
std::vector<int> labelled_frames(const Document& doc);

struct TrainingSet {
  std::vector<std::vector<float>> features;
  std::vector<std::string> labels;  // class name, "" = background
  std::vector<int> frames;          // frames the samples came from
  size_t positives = 0, negatives = 0;
};

// Candidates of the given frames matched against the accepted cuboids there.
TrainingSet make_training_set(const Document& doc, const std::vector<int>& frames,
                              const std::vector<std::vector<Detection3D>>& candidates);

struct ClassifierOptions {
  int trees = 100;
  int max_depth = 12;
  int min_samples = 4;  // per leaf: a few labelled frames must not be memorised
  bool image_features = true;  // ignored (off) when no sample has them
};

class LidarClassifier {
 public:
  // Throws Error when the set cannot train a classifier (no samples, one
  // class only).
  static std::shared_ptr<LidarClassifier> train(const TrainingSet& set,
                                                const ClassifierOptions& options = {});
  ~LidarClassifier();

  // Sets class_name ("" when background wins), score and runner_up.
  void rescore(Detection3D& detection) const;
  bool uses_image_features() const { return image_features_; }
  // "builtin:lidar-objects@trained-1a2b3c4d": same model name as the
  // detector, so a trained run replaces its pending pre-labels.
  std::string model_id() const;
  std::string describe() const;
  const std::vector<std::string>& classes() const { return classes_; }

 private:
  LidarClassifier() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<std::string> classes_;  // index 0: background ("")
  bool image_features_ = false;
  size_t samples_ = 0, frames_ = 0;
  std::string digest_;
};

}  // namespace vantage::core
