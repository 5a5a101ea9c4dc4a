#pragma once
// Linking per-frame 3D detections into tracks, so a sequence arrives
// pre-tracked: one object per physical thing, not one per frame.
//
// Tracks live in the world frame (through the ego poses; the vehicle frame
// when there are none) with a constant-velocity model: each frame every
// track is predicted forward, detections are assigned to the nearest
// prediction within a gate (greedy nearest neighbour, closest pairs first;
// vehicles only match vehicles, people and riders only each other), and the
// track is corrected with an alpha-beta filter. A track ends after
// max_misses frames without a detection. Afterwards each track gets one
// class (score-weighted vote), headings that agree with its motion (a moving
// object faces where it goes; a parked one keeps one consistent heading,
// which for a box parallel to the ego is the traffic's on its side of the
// road: right-hand traffic by default, so the ego's heading on its right and
// the opposite on its left),
// its gaps of up to fill_gaps frames filled by interpolation, and a score
// that rewards being seen in several frames.

#include <optional>
#include <string>
#include <vector>

#include "core/model/math.h"
#include "core/models/detection.h"

namespace vantage::core {

struct TrackerOptions {
  double gate_vehicle = 3.0;  // metres between prediction and detection
  double gate_person = 1.5;
  double alpha = 0.7, beta = 0.3;
  int max_misses = 3;
  int fill_gaps = 3;
  // Seen in fewer frames than this: score scaled down (sequences of fewer
  // frames than this are not penalised).
  int confirm_hits = 3;
  // Static objects parallel to the ego face the traffic on their side of the
  // road (false: left-hand traffic).
  bool right_hand_traffic = true;
};

struct TrackerFrame {
  int frame = 0;
  double time_s = 0;
  std::optional<Transform> ego_pose;  // vehicle -> world
  std::vector<Detection3D> detections;
};

struct TrackedShape {
  int frame = 0;
  Detection3D detection;       // cuboid in that frame's vehicle frame
  bool interpolated = false;   // filled gap
};

struct TrackedObject {
  std::string class_name;
  double score = 0;  // track confidence
  std::vector<TrackedShape> shapes;  // by frame
};

// Frames in time order.
std::vector<TrackedObject> track_objects(const std::vector<TrackerFrame>& frames,
                                         const TrackerOptions& options = {});

}  // namespace vantage::core
