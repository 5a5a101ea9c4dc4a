#pragma once
// Consensus between annotators (`vantage qa consensus A B [C...]`): the same
// sequence annotated two or more times, compared frame by frame. Shapes are
// paired by optimal assignment on IoU (image IoU per camera for 2D, BEV IoU
// for cuboids; shape_matching.h) for every pair of annotators. The report
// gives per-class agreement and lists every disagreement so a reviewer can
// step through them; merge_consensus() builds one file from all of them.
// An unpaired 2D shape lying mostly inside an ignore region of either file
// (KITTI DontCare, COCO crowds) is not a disagreement: it is left out of
// the counts and tallied in `ignored`.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/model/document.h"
#include "core/tracking/interpolator.h"

namespace vantage::core {

struct ConsensusOptions {
  double match_iou = 0.3;  // shapes overlapping less are not the same object
  double low_iou = 0.7;    // matched pairs below this are listed as low-IoU disagreements
  InterpolationOptions interpolation;
};

// Agreement of one class and shape kind, summed over every annotator pair.
struct ClassAgreement {
  std::string class_name;
  std::string kind;       // "box2d", "polygon", "cuboid"
  size_t shapes = 0;      // shapes of this class, both sides of every pair
  size_t matched = 0;     // same-class pairs
  double sum_iou = 0;     // over matched pairs
  double sum_center = 0;  // metres (cuboids) or pixels (2D)
  double sum_yaw = 0;     // radians (cuboids)
  double match_rate() const { return shapes ? 2.0 * double(matched) / double(shapes) : 0.0; }
  double mean_iou() const { return matched ? sum_iou / double(matched) : 0.0; }
  double mean_center_difference() const { return matched ? sum_center / double(matched) : 0.0; }
  double mean_yaw_difference() const { return matched ? sum_yaw / double(matched) : 0.0; }
};

struct Disagreement {
  enum class Kind : uint8_t { Unmatched, ClassMismatch, LowIou };
  Kind kind = Kind::Unmatched;
  int frame = 0;
  std::string sensor;  // camera, or "" for cuboids
  std::string shape_kind;
  int annotator_a = 0, annotator_b = 0;  // input indices
  std::optional<ObjectId> object_a, object_b;
  std::string class_a, class_b;
  double iou = 0;
};
const char* to_string(Disagreement::Kind k);

struct ConsensusReport {
  std::vector<std::string> inputs;
  int frames = 0;
  std::vector<ClassAgreement> classes;      // sorted by class, then kind
  std::vector<Disagreement> disagreements;  // by frame
  std::array<size_t, 10> iou_histogram{};   // matched same-class pairs, IoU bins of 0.1
  ClassAgreement overall;
  size_t class_mismatches = 0, unmatched = 0, low_iou = 0;
  size_t ignored = 0;  // unpaired shapes inside an ignore region
};

// Compares every pair of documents on the first document's frames (the
// others must be the same sequence; frames they lack count as empty).
ConsensusReport compute_consensus(const std::vector<const Document*>& docs,
                                  const ConsensusOptions& options = {});

// One annotation set from all inputs: shapes are clustered per frame (input
// order: each input's shapes are matched to the clusters so far), each
// cluster becomes one shape with the averaged geometry (box corners, cuboid
// centre and size averaged, yaw averaged on the circle; polygons from the
// first input that has them) and the majority class of its object. Shapes
// are written as pre-labels for a reviewer to confirm: source Model, score =
// the share of inputs that had the shape, annotator "consensus". Objects
// first seen in the first input keep its ids.
Annotations merge_consensus(const std::vector<const Document*>& docs,
                            const ConsensusOptions& options = {});

// Circular mean of angles (radians), in (-pi, pi].
double mean_angle(const std::vector<double>& angles);

}  // namespace vantage::core
