#pragma once
// Keyframe interpolation: the shape an object has at any frame, from the
// shapes stored in its tracks. The GUI (drawing, timeline), the exporters
// ("interpolated frames are exported by default") and QA all read tracks
// through this, so they agree on what is at a frame.
//
// The model
// - A track (one object, one sensor, one shape kind) stores shapes at some
//   frames. A stored shape is an *anchor* when it is a keyframe or when its
//   source is not Interpolated: keyframes, but also accepted tracker
//   proposals, pre-labels and imported shapes stored with keyframe = false
//   are data and are used as they are. Stored shapes with source Interpolated
//   and keyframe = false are a materialised cache (see bake.h) and are
//   ignored: they are recomputed, never trusted, so editing a keyframe can
//   never leave stale in-betweens behind.
// - At an anchor's frame the result is the stored shape, bit for bit.
// - Between two consecutive anchors a (frame fa) and b (frame fb) the shape is
//   blended with t = (f - fa) / (fb - fa), unless the two are not *bridged*:
//   an Object::outside span covers a frame strictly between them, or they are
//   more than options.max_gap frames apart. Nothing is produced before the
//   first anchor, after the last one or across an unbridged pair.
// - Blending rules (shape_blend.h): boxes, polygon/polyline vertices and
//   keypoints linearly (vertex count mismatch: hold a); cuboid centre
//   linearly or Catmull-Rom through the neighbouring anchors, yaw/pitch/roll
//   along the shortest arc, size held unless a and b differ.
// - Cuboids are blended in the world frame when the sequence has ego poses
//   (vehicle -> world) at fa, fb and f, so a parked car stays put while the
//   ego vehicle moves; otherwise in the vehicle frame.
// - Perspective-aware boxes: when the object also has a cuboid at fa, fb and
//   f and the box's camera sees it at all three, the box at f is the
//   projection of the interpolated cuboid plus the anchors' (box -
//   projection) residual blended linearly, clipped to the image. Exact on
//   anchors by construction. Falls back to linear otherwise.
// - Everything else steps: occlusion, truncation, per-frame attributes,
//   annotator and times come from a (the previous anchor).
// - Results carry source = Interpolated, keyframe = false, score = -1.
//
// The Interpolator copies what it needs from the sequence (camera models,
// frame -> rig, ego poses), so it never dangles; rebuild it when the
// sequence's calibration or poses change (not when annotations change: it
// holds no annotation state). All methods are const and thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "core/geometry/camera_model.h"
#include "core/model/annotations.h"
#include "core/model/sequence.h"

namespace vantage::core {

struct InterpolationOptions {
  enum class Center { Linear, CatmullRom };
  enum class Box { Linear, Perspective };
  Center center = Center::Linear;
  Box box = Box::Perspective;
  bool world_frame = true;  // blend cuboids in the world frame when ego poses allow
  int max_gap = 0;          // anchors further apart are not bridged; 0 = no limit
  // Samples per cuboid edge when projecting for perspective boxes; 0 = as
  // project_cuboid (1 without distortion, 16 with).
  int projection_edge_samples = 0;
};

// A stored shape that interpolation uses (see the model above).
inline bool is_anchor(const Shape& s) {
  return s.keyframe || s.source != ShapeSource::Interpolated;
}

struct EvaluatedShape {
  ObjectId object = 0;
  const Track* track = nullptr;  // points into the evaluated Annotations
  Shape shape;
  bool stored = false;  // the stored anchor as-is (false: interpolated)
};

class Interpolator {
 public:
  explicit Interpolator(const Sequence& sequence, InterpolationOptions options = {});

  const InterpolationOptions& options() const { return options_; }

  // The shape of `track` (a track of `object`) at `frame`, or nullopt.
  std::optional<Shape> evaluate(const Object& object, const Track& track, int frame) const;
  std::optional<Shape> evaluate(const Object& object, const std::string& sensor, ShapeKind kind,
                                int frame) const;
  // Just the cuboid geometry (the object's scene cuboid track), cheaper.
  std::optional<Cuboid> cuboid_at(const Object& object, int frame) const;

  // Every track of every object at one frame. Reuses `out`'s storage.
  void evaluate_frame(const Annotations& annotations, int frame,
                      std::vector<EvaluatedShape>& out) const;
  std::vector<EvaluatedShape> evaluate_frame(const Annotations& annotations, int frame) const;

  // Frame ranges where evaluate() gives a shape: runs of bridged anchors
  // (a lone anchor is a one-frame span). Sorted, disjoint.
  std::vector<FrameRange> spans(const Object& object, const Track& track) const;
  // Whether anchors at frames a < b may be interpolated between.
  bool bridged(const Object& object, int a, int b) const;

  // A cuboid at `from` re-expressed at `to` assuming it is static in the
  // world (copy/paste/propagate of parked objects). Unchanged without ego
  // poses at both frames or with world_frame off.
  Cuboid transfer(const Cuboid& cuboid, int from, int to) const;

  // Camera `name` as used at `frame` (nullptr when the rig lacks it).
  const CameraModel* camera(int frame, const std::string& name) const;

 private:
  struct Pose {
    Transform world_from_vehicle;
    Transform vehicle_from_world;
  };
  // The object's cuboid at the evaluated frame, computed at most once per
  // object (its cuboid track and every camera's perspective box need it),
  // with the cuboid anchors around the frame (the boxes' anchors are usually
  // at the same frames: no second search).
  struct FrameCuboid {
    bool known = false;
    std::optional<Cuboid> cuboid;
    const FrameShape* anchors[2] = {nullptr, nullptr};
  };
  struct Bracket {
    const FrameShape* exact = nullptr;  // an anchor at the frame itself
    const FrameShape* prev = nullptr;   // last anchor before the frame
    const FrameShape* next = nullptr;   // first anchor after it
  };

  Bracket bracket(const Track& track, int frame) const;
  void frame_cuboid(const Object& object, int frame, FrameCuboid& out) const;
  const Pose* pose(int frame) const;
  Cuboid blend_cuboids(const Object& object, const Track& track, const FrameShape& a,
                       const FrameShape& b, int frame) const;
  std::optional<Box2D> perspective_box(const Object& object, const Track& track,
                                       const FrameShape& a, const FrameShape& b, int frame,
                                       FrameCuboid& at_frame) const;
  Shape interpolate(const Object& object, const Track& track, const FrameShape& a,
                    const FrameShape& b, int frame, FrameCuboid& at_frame) const;

  InterpolationOptions options_;
  std::vector<std::vector<CameraModel>> cameras_;  // per rig
  std::vector<uint32_t> frame_rig_;
  std::vector<std::optional<Pose>> poses_;
};

}  // namespace vantage::core
