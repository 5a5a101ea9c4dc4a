#pragma once
// Edit handles of the selected 2D shapes in a camera view: which handle is
// under the cursor and the geometry a handle drag produces. Pure geometry
// (image pixels), so tests check it without a view.

#include <optional>

#include "app/gui/viewport.h"
#include "core/model/shape.h"

namespace vantage::gui::tools {

struct Handle {
  enum class Type { Move, BoxEdges, Vertex, Keypoint };
  Type type = Type::Move;
  // BoxEdges: which edges move (a corner moves two).
  bool left = false, top = false, right = false, bottom = false;
  int ring = -1;   // Vertex: -1 outer ring / polyline, else hole index
  int index = -1;  // Vertex or Keypoint index
};

// The handle of `g` under screen position `s` (corners and vertices within
// `tol` screen pixels first, then edges, then the interior).
std::optional<Handle> find_handle(const core::Geometry& g, const ImageViewport& vp, ImVec2 s,
                                  float tol = 7.0f);

// `start` with handle `h` dragged by `delta` image pixels. Boxes stay
// normalised (x1 <= x2, y1 <= y2) when an edge is dragged over the other.
core::Geometry drag_handle(const core::Geometry& start, const Handle& h, const core::Vec2& delta);

// A polygon/polyline edge near `s`: (ring, index of the vertex the new one
// goes after, the point on the edge).
struct EdgePoint {
  int ring = -1;
  int after = 0;
  core::Vec2 point{0.0};
};
std::optional<EdgePoint> find_edge(const core::Geometry& g, const ImageViewport& vp, ImVec2 s,
                                   float tol = 7.0f);
// Inserts / deletes a vertex; false when the shape cannot take it (a
// polygon ring keeps 3 vertices, a polyline 2; a hole that would drop below
// 3 is removed).
bool insert_vertex(core::Geometry& g, const EdgePoint& e);
bool delete_vertex(core::Geometry& g, int ring, int index);

}  // namespace vantage::gui::tools
