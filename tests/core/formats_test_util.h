#pragma once
// Helpers for the format tests: comparing annotations within a tolerance
// (formats print numbers; "equal within float printing precision"), and
// documents that share a sequence but start with no annotations.

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "core/model/document.h"

namespace vantage::test {

inline bool near(double a, double b, double tol) {
  return std::abs(a - b) <= tol * std::max(1.0, std::abs(a));
}

inline bool near_vec(const std::vector<core::Vec2>& a, const std::vector<core::Vec2>& b,
                     double tol) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!near(a[i].x, b[i].x, tol) || !near(a[i].y, b[i].y, tol)) return false;
  return true;
}

inline bool near_geometry(const core::Geometry& a, const core::Geometry& b, double tol) {
  using namespace core;
  if (a.index() != b.index()) return false;
  if (auto x = std::get_if<Box2D>(&a)) {
    const Box2D& y = std::get<Box2D>(b);
    return near(x->x1, y.x1, tol) && near(x->y1, y.y1, tol) && near(x->x2, y.x2, tol) &&
           near(x->y2, y.y2, tol);
  }
  if (auto x = std::get_if<Polygon>(&a)) {
    const Polygon& y = std::get<Polygon>(b);
    if (!near_vec(x->points, y.points, tol) || x->holes.size() != y.holes.size()) return false;
    for (size_t i = 0; i < x->holes.size(); ++i)
      if (!near_vec(x->holes[i], y.holes[i], tol)) return false;
    return true;
  }
  if (auto x = std::get_if<Polyline>(&a))
    return near_vec(x->points, std::get<Polyline>(b).points, tol);
  if (auto x = std::get_if<Keypoints>(&a)) {
    const Keypoints& y = std::get<Keypoints>(b);
    if (x->points.size() != y.points.size()) return false;
    for (size_t i = 0; i < x->points.size(); ++i)
      if (x->points[i].visibility != y.points[i].visibility ||
          !near(x->points[i].position.x, y.points[i].position.x, tol) ||
          !near(x->points[i].position.y, y.points[i].position.y, tol))
        return false;
    return true;
  }
  const Cuboid& x = std::get<Cuboid>(a);
  const Cuboid& y = std::get<Cuboid>(b);
  for (int i = 0; i < 3; ++i)
    if (!near(x.center[i], y.center[i], tol) || !near(x.size[i], y.size[i], tol)) return false;
  return near(x.yaw, y.yaw, tol) && near(x.pitch, y.pitch, tol) && near(x.roll, y.roll, tol);
}

// Everything of two shapes, numbers within `tol` (relative above 1).
inline std::string shape_difference(const core::Shape& a, const core::Shape& b, double tol) {
  if (!near_geometry(a.geometry, b.geometry, tol)) return "geometry";
  if (a.keyframe != b.keyframe) return "keyframe";
  if (a.occlusion != b.occlusion) return "occlusion";
  if (!near(a.truncation, b.truncation, tol)) return "truncation";
  if (a.source != b.source) return "source";
  if (!near(a.score, b.score, tol)) return "score";
  if (a.annotator != b.annotator) return "annotator";
  if (a.created_ms != b.created_ms || a.modified_ms != b.modified_ms) return "times";
  if (a.attributes != b.attributes) return "attributes";
  return {};
}

// Compares objects, tracks and shapes; returns "" when equal, else what
// differs first (for a readable failure).
inline std::string annotations_difference(const core::Annotations& a, const core::Annotations& b,
                                          double tol) {
  if (a.objects.size() != b.objects.size())
    return "object count " + std::to_string(a.objects.size()) + " vs " +
           std::to_string(b.objects.size());
  for (size_t i = 0; i < a.objects.size(); ++i) {
    const core::Object& x = a.objects[i];
    const core::Object& y = b.objects[i];
    const std::string where = "object " + std::to_string(x.id) + ": ";
    if (x.id != y.id) return where + "id vs " + std::to_string(y.id);
    if (x.class_name != y.class_name)
      return where + "class " + x.class_name + " vs " + y.class_name;
    if (x.attributes != y.attributes) return where + "attributes";
    if (x.outside != y.outside) return where + "outside spans";
    if (x.tracks.size() != y.tracks.size()) return where + "track count";
    for (const core::Track& t : x.tracks) {
      const core::Track* u = y.track(t.sensor, t.kind);
      if (!u) return where + "no track " + t.sensor + "/" + core::to_string(t.kind);
      if (t.shapes.size() != u->shapes.size())
        return where + "shape count in " + t.sensor + "/" + core::to_string(t.kind);
      for (size_t k = 0; k < t.shapes.size(); ++k) {
        if (t.shapes[k].frame != u->shapes[k].frame) return where + "frames differ";
        const std::string d = shape_difference(t.shapes[k].shape, u->shapes[k].shape, tol);
        if (!d.empty())
          return where + d + " at frame " + std::to_string(t.shapes[k].frame) + " in " + t.sensor +
                 "/" + core::to_string(t.kind);
      }
    }
  }
  if (a.frame_tags != b.frame_tags) return "frame tags";
  return {};
}

// "" when both have the same ignore regions, frame by frame and in order,
// with geometry within `tol` (formats like OpenLABEL's centre-form boxes
// round-trip to the last bit only up to rounding).
inline std::string ignore_regions_difference(const core::Annotations& a,
                                             const core::Annotations& b, double tol) {
  using namespace core;
  if (a.ignore_regions.size() != b.ignore_regions.size()) return "frames with ignore regions";
  for (const auto& [f, list] : a.ignore_regions) {
    const auto it = b.ignore_regions.find(f);
    if (it == b.ignore_regions.end() || it->second.size() != list.size())
      return "ignore regions at frame " + std::to_string(f);
    for (size_t i = 0; i < list.size(); ++i) {
      const IgnoreRegion& x = list[i];
      const IgnoreRegion& y = it->second[i];
      const std::string where = "ignore region " + std::to_string(i) + " at frame " + std::to_string(f);
      if (x.sensor != y.sensor || x.class_name != y.class_name || x.reason != y.reason ||
          x.geometry.index() != y.geometry.index())
        return where;
      if (const auto* m = std::get_if<RleMask>(&x.geometry)) {
        if (!(*m == std::get<RleMask>(y.geometry))) return where + " (mask)";
      } else {
        const Geometry gx = x.geometry.index() == 0 ? Geometry(std::get<Box2D>(x.geometry))
                                                    : Geometry(std::get<Polygon>(x.geometry));
        const Geometry gy = y.geometry.index() == 0 ? Geometry(std::get<Box2D>(y.geometry))
                                                    : Geometry(std::get<Polygon>(y.geometry));
        if (!near_geometry(gx, gy, tol)) return where;
      }
    }
  }
  return {};
}

// The same sequence and schema with no annotations (an import target).
inline core::Document empty_like(const core::Document& doc) {
  core::Document d;
  d.folder = doc.folder;
  d.sequence = doc.sequence;
  d.schema = doc.schema;
  d.annotations.metadata = doc.annotations.metadata;
  return d;
}

}  // namespace vantage::test
