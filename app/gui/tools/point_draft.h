#pragma once
// The points of a polygon or polyline being clicked in one camera view at
// one frame, shared by the polygon and polyline tools.

#include <optional>
#include <string>
#include <vector>

#include "app/gui/viewport.h"
#include "core/model/math.h"

namespace vantage::gui::tools {

struct PointDraft {
  std::string camera;
  int frame = -1;
  std::vector<core::Vec2> points;
  std::optional<core::Vec2> hover;

  bool active() const { return !points.empty(); }
  void clear() { points.clear(); }
  void add(const std::string& cam, int f, core::Vec2 p) {
    if (!active()) {
      camera = cam;
      frame = f;
    }
    points.push_back(p);
  }
  // Whether screen position `s` is on the first point (closing click).
  bool on_first(const ImageViewport& vp, ImVec2 s, float tol = 8.0f) const {
    if (points.empty()) return false;
    const ImVec2 f = vp.to_screen(points.front());
    return (f.x - s.x) * (f.x - s.x) + (f.y - s.y) * (f.y - s.y) <= tol * tol;
  }
  void draw(const ImageViewport& vp, ImU32 col, bool closed_preview) const {
    ImDrawList* dl = vp.draw_list;
    if (!dl || points.empty() || vp.camera != camera) return;
    for (size_t i = 0; i + 1 < points.size(); ++i)
      dl->AddLine(vp.to_screen(points[i]), vp.to_screen(points[i + 1]), col, 2.0f);
    if (hover) {
      dl->AddLine(vp.to_screen(points.back()), vp.to_screen(*hover), col, 1.0f);
      if (closed_preview && points.size() >= 2)
        dl->AddLine(vp.to_screen(*hover), vp.to_screen(points.front()),
                    (col & 0x00ffffff) | 0x60000000, 1.0f);
    }
    for (size_t i = 0; i < points.size(); ++i)
      dl->AddCircleFilled(vp.to_screen(points[i]), i == 0 ? 5.0f : 3.5f, col);
  }
};

}  // namespace vantage::gui::tools
