#pragma once
// Shapes: the geometry an object has in one frame and one sensor, plus the
// bookkeeping every annotation tool needs (keyframe, occlusion, who, when,
// where it came from).

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/model/attribute.h"
#include "core/model/math.h"

namespace vantage::core {

enum class ShapeKind : uint8_t { Box2D, Polygon, Polyline, Keypoints, Cuboid };
constexpr int kShapeKindCount = 5;

const char* to_string(ShapeKind k);  // "box2d", "polygon", ...
std::optional<ShapeKind> shape_kind_from_string(const std::string& s);
// Cuboids live in the 3D scene (vehicle frame); the rest in a camera image.
inline bool is_3d(ShapeKind k) { return k == ShapeKind::Cuboid; }

// Axis-aligned image box in pixels; (x1, y1) top-left, (x2, y2) bottom-right,
// pixel coordinates with (0,0) at the top-left corner of the first pixel.
struct Box2D {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width() const { return x2 - x1; }
  double height() const { return y2 - y1; }
  double area() const { return width() > 0 && height() > 0 ? width() * height() : 0.0; }
  bool operator==(const Box2D& o) const {
    return x1 == o.x1 && y1 == o.y1 && x2 == o.x2 && y2 == o.y2;
  }
  bool operator!=(const Box2D& o) const { return !(*this == o); }
};

struct Polygon {
  std::vector<Vec2> points;              // outer ring, not repeated at the end
  std::vector<std::vector<Vec2>> holes;  // optional inner rings
  bool operator==(const Polygon& o) const { return points == o.points && holes == o.holes; }
};

struct Polyline {
  std::vector<Vec2> points;
  bool operator==(const Polyline& o) const { return points == o.points; }
};

// Visibility follows COCO: 0 not labelled, 1 labelled but not visible, 2 visible.
struct Keypoint {
  Vec2 position{0.0};
  uint8_t visibility = 0;
  bool operator==(const Keypoint& o) const {
    return position == o.position && visibility == o.visibility;
  }
};

struct Keypoints {
  std::vector<Keypoint> points;  // in the order of the class's skeleton
  bool operator==(const Keypoints& o) const { return points == o.points; }
};

// 3D box in the vehicle frame. size = (length along heading, width, height).
// yaw about +z (0 = facing +x), pitch and roll kept for sloped objects.
struct Cuboid {
  Vec3 center{0.0};
  Vec3 size{0.0};
  double yaw = 0, pitch = 0, roll = 0;
  bool operator==(const Cuboid& o) const {
    return center == o.center && size == o.size && yaw == o.yaw && pitch == o.pitch &&
           roll == o.roll;
  }
  bool operator!=(const Cuboid& o) const { return !(*this == o); }
};

using Geometry = std::variant<Box2D, Polygon, Polyline, Keypoints, Cuboid>;

inline ShapeKind kind_of(const Geometry& g) { return static_cast<ShapeKind>(g.index()); }

enum class ShapeSource : uint8_t { Manual, Interpolated, Model, Imported, Tracker };
const char* to_string(ShapeSource s);
std::optional<ShapeSource> shape_source_from_string(const std::string& s);

struct Shape {
  Geometry geometry;
  bool keyframe = true;
  uint8_t occlusion = 0;    // 0 visible, 1 partly, 2 largely occluded, 3 unknown (KITTI levels)
  double truncation = 0.0;  // 0..1, share outside the image
  ShapeSource source = ShapeSource::Manual;
  double score = -1.0;  // model confidence; < 0 when not from a model
  std::string annotator;
  int64_t created_ms = 0;  // unix epoch milliseconds
  int64_t modified_ms = 0;
  AttributeMap attributes;  // per-frame attributes
  // Provenance: the model (and version) that proposed this shape, and the
  // class it proposed; kept when a person accepts or corrects it (then the
  // source is no longer Model: a person checked it). Empty for shapes no
  // model made.
  std::string model;
  std::string model_class;

  ShapeKind kind() const { return kind_of(geometry); }
  template <class T>
  const T* as() const { return std::get_if<T>(&geometry); }
  template <class T>
  T* as() { return std::get_if<T>(&geometry); }

  bool operator==(const Shape& o) const {
    return geometry == o.geometry && keyframe == o.keyframe && occlusion == o.occlusion &&
           truncation == o.truncation && source == o.source && score == o.score &&
           annotator == o.annotator && created_ms == o.created_ms &&
           modified_ms == o.modified_ms && attributes == o.attributes && model == o.model &&
           model_class == o.model_class;
  }
  bool operator!=(const Shape& o) const { return !(*this == o); }
};

}  // namespace vantage::core
