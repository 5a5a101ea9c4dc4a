#pragma once
// `vantage prelabel` and the workstation's "Run model": run a detector over
// a sequence and store what it finds as pre-labels (source Model, with a
// score and the model's provenance) for people to accept, correct or reject.
//
// Rules:
//   - never over accepted labels: a detection overlapping a label a person
//     made or accepted (any source but Model, interpolated ones included) at
//     that frame and sensor is dropped (2D: IoU >= 0.5; cuboids: BEV IoU >=
//     0.3) and counted;
//   - re-running a model replaces its own pending pre-labels in the frames
//     and sensors it ran on (same model name, any version); other
//     pre-labels and everything a person touched stay;
//   - excluded frames are skipped.
// Image models run per camera image in a worker pool (each worker with its
// own network); boxes of one class overlapping across consecutive frames
// (IoU >= 0.5) are linked into one object. builtin:lidar-objects runs per
// sweep in the pool, then links the sweeps' detections into tracks
// (object_tracker.h).
//
// compute_prelabels() only reads the document (the workstation runs it on a
// worker thread); apply_prelabels / make_apply_prelabels_command store the
// result.

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/commands/command.h"
#include "core/model/document.h"
#include "core/models/image_model.h"
#include "core/models/lidar_detector.h"
#include "core/models/object_tracker.h"

namespace vantage::core {

class LidarClassifier;

constexpr const char* kLidarModelSpec = "builtin:lidar-objects";

struct PrelabelOptions {
  std::string model;                   // FILE.onnx or builtin:NAME
  ImageModelOptions image;             // spec/decoder/input... (image.spec is set from model)
  std::filesystem::path classes;       // class map file (optional)
  double score = 0.3;                  // pre-labels below are not stored
  std::optional<FrameRange> frames;    // nullopt: all
  std::string camera;                  // image models: this camera only (empty: all)
  int workers = 0;                     // 0: one per hardware thread
  LidarDetectorOptions lidar;
  TrackerOptions tracker;
  // --train: re-scores and relabels the LiDAR detections before tracking;
  // frames the classifier learnt from are not run again.
  std::shared_ptr<const LidarClassifier> classifier;
  bool link_boxes = true;  // image models: link boxes across frames into objects
};

struct PrelabelSummary {
  std::string model_id;
  std::string model_text;  // input, classes: for the report
  int frames = 0;          // frames processed
  size_t images = 0, sweeps = 0, missing = 0;  // inputs read; frames without data for the model
  size_t detections = 0;        // raw detections (after NMS)
  size_t below_score = 0;       // dropped by --score
  size_t unmapped = 0;          // model classes with no schema class
  size_t kind_not_allowed = 0;  // the schema class does not allow the shape kind
  size_t over_accepted = 0;     // overlapping a label a person made or accepted
  size_t replaced = 0;          // this model's earlier pending pre-labels removed
  size_t objects = 0, shapes = 0;
  std::map<std::string, size_t> shapes_per_class;
  double seconds = 0;
};

struct PrelabelResult {
  std::vector<Object> objects;  // new objects (ids assigned from the document's next id)
  std::vector<std::pair<ObjectId, std::vector<std::pair<int, std::string>>>> replace;
  // replace: (object, [(frame, sensor)]) pending shapes of this model to remove
  PrelabelSummary summary;
  bool cancelled = false;
};

// (done, total) work units; return false to cancel. Called on the calling
// thread.
using PrelabelProgress = std::function<bool(size_t done, size_t total)>;

// Throws Error for bad options (unknown model, shape mismatch, unknown
// camera, empty frame range, class map problems).
PrelabelResult compute_prelabels(const Document& doc, const PrelabelOptions& options,
                                 const PrelabelProgress& progress = {});

void apply_prelabels(Annotations& annotations, const PrelabelResult& result);
CommandPtr make_apply_prelabels_command(const Document& doc, const PrelabelResult& result);

// LiDAR detection of a range of frames in the worker pool (also what
// training and the benchmarks use). Frames without a sweep get an empty
// entry with has_data false.
struct LidarFrameDetections {
  int frame = 0;
  bool has_data = false;
  std::vector<Detection3D> detections;
};
std::vector<LidarFrameDetections> detect_lidar_frames(const Document& doc,
                                                      const std::vector<int>& frames,
                                                      const LidarDetectorOptions& options,
                                                      int workers,
                                                      const PrelabelProgress& progress = {},
                                                      bool* cancelled = nullptr,
                                                      bool image_features = false);

// --train: fits a LidarClassifier (label_classifier.h) on the detector's
// candidates in the labelled frames (labelled_frames()) within the options'
// frame range. Throws Error when there is nothing to learn from.
struct TrainSummary {
  std::vector<int> frames;
  size_t positives = 0, negatives = 0;
  std::string text;
};
std::shared_ptr<const LidarClassifier> train_on_accepted(const Document& doc,
                                                         const PrelabelOptions& options,
                                                         TrainSummary* summary = nullptr,
                                                         const PrelabelProgress& progress = {});

// Labels a person made or accepted at a frame: every shape whose source is
// not Model, as the interpolator evaluates them.
bool overlaps_accepted(const Document& doc, int frame, const std::string& sensor,
                       const Shape& shape);

// Runs f(i) for i in [0, n) on `workers` threads (0: hardware), reporting
// progress on the calling thread; stops early when progress returns false
// (returns false then). Every started f(i) has finished when it returns.
bool run_in_pool(size_t n, int workers, const std::function<void(size_t)>& f,
                 const PrelabelProgress& progress);

}  // namespace vantage::core
