#pragma once
// An annotated object: one physical thing across frames and sensors. Its
// shapes are grouped in tracks, one per (sensor, shape kind), each sorted by
// frame, so "the box of object 7 in CAM_FRONT at frame 120" is a binary search.

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/shape.h"

namespace vantage::core {

// Object ids are >= 0 (KITTI track ids start at 0) and stable for the life of
// the object.
using ObjectId = int64_t;

// Sensor name used by 3D shapes (cuboids), which live in the vehicle frame
// rather than in one sensor.
inline const std::string kSceneSensor;

struct FrameShape {
  int frame = 0;
  Shape shape;
  bool operator==(const FrameShape& o) const { return frame == o.frame && shape == o.shape; }
};

struct Track {
  std::string sensor;  // camera name for 2D kinds, kSceneSensor for cuboids
  ShapeKind kind = ShapeKind::Box2D;
  std::vector<FrameShape> shapes;  // sorted by frame, one per frame

  const Shape* at(int frame) const;
  Shape* at(int frame);
  // Inserts or replaces the shape at `frame`.
  void set(int frame, Shape shape);
  bool erase(int frame);
  bool empty() const { return shapes.empty(); }
  int first_frame() const { return shapes.empty() ? -1 : shapes.front().frame; }
  int last_frame() const { return shapes.empty() ? -1 : shapes.back().frame; }
  // Index of the first entry with frame >= `frame` (shapes.size() if none).
  size_t lower_bound(int frame) const;

  bool operator==(const Track& o) const {
    return sensor == o.sensor && kind == o.kind && shapes == o.shapes;
  }
};

// Inclusive frame range.
struct FrameRange {
  int first = 0;
  int last = 0;
  bool contains(int f) const { return f >= first && f <= last; }
  bool operator==(const FrameRange& o) const { return first == o.first && last == o.last; }
};

struct Object {
  ObjectId id = 0;
  std::string class_name;
  AttributeMap attributes;  // static attributes
  std::vector<Track> tracks;
  // Spans where the object is known to be out of view: nothing is
  // interpolated across them.
  std::vector<FrameRange> outside;

  const Track* track(const std::string& sensor, ShapeKind kind) const;
  Track* track(const std::string& sensor, ShapeKind kind);
  Track& track_or_create(const std::string& sensor, ShapeKind kind);
  const Shape* shape(int frame, const std::string& sensor, ShapeKind kind) const;
  // Frame span over every track (-1 when the object has no shapes).
  int first_frame() const;
  int last_frame() const;
  size_t shape_count() const;
  bool is_outside(int frame) const;
  // Drops empty tracks (after deletions).
  void prune_empty_tracks();

  bool operator==(const Object& o) const {
    return id == o.id && class_name == o.class_name && attributes == o.attributes &&
           tracks == o.tracks && outside == o.outside;
  }
  bool operator!=(const Object& o) const { return !(*this == o); }
};

}  // namespace vantage::core
