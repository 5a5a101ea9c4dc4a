#include "app/gui/views/ignore_overlay.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "app/gui/views/class_colors.h"
#include "app/gui/workspace.h"
#include "core/formats/coco_rle.h"

namespace vantage::gui {

namespace {

constexpr uint32_t kDontCareRgb = 0xb0b0b0;

// The region's outline rings in image coordinates (a mask: its contours).
std::vector<std::vector<core::Vec2>> region_rings(const core::IgnoreRegion& r) {
  if (const auto* b = std::get_if<core::Box2D>(&r.geometry))
    return {{{b->x1, b->y1}, {b->x2, b->y1}, {b->x2, b->y2}, {b->x1, b->y2}}};
  if (const auto* p = std::get_if<core::Polygon>(&r.geometry)) {
    std::vector<std::vector<core::Vec2>> out{p->points};
    for (const auto& h : p->holes) out.push_back(h);
    return out;
  }
  const core::RleMask& m = std::get<core::RleMask>(r.geometry);
  std::vector<std::vector<core::Vec2>> out;
  if (!m.valid() || m.height <= 0 || m.width <= 0) return out;
  for (core::Polygon& p : core::mask_to_polygons(core::rle_decode(m.counts, m.height, m.width))) {
    out.push_back(std::move(p.points));
    for (auto& h : p.holes) out.push_back(std::move(h));
  }
  return out;
}

bool inside_rings(const core::Vec2& p, const std::vector<std::vector<core::Vec2>>& rings) {
  bool inside = false;
  for (const auto& ring : rings)
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const core::Vec2& a = ring[i];
      const core::Vec2& b = ring[j];
      if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
        inside = !inside;
    }
  return inside;
}

}  // namespace

std::vector<std::pair<ImVec2, ImVec2>> hatch_segments(
    const std::vector<std::vector<ImVec2>>& rings, float spacing) {
  std::vector<std::pair<ImVec2, ImVec2>> out;
  float lo = std::numeric_limits<float>::max(), hi = std::numeric_limits<float>::lowest();
  for (const auto& ring : rings)
    for (const ImVec2& p : ring) {
      lo = std::min(lo, p.x - p.y);
      hi = std::max(hi, p.x - p.y);
    }
  if (!(spacing > 0) || lo > hi) return out;
  // Lines x - y = c, parametrised by y; crossings with every edge, paired
  // in order (even-odd).
  std::vector<float> ys;
  for (float c = std::ceil(lo / spacing) * spacing; c <= hi; c += spacing) {
    ys.clear();
    for (const auto& ring : rings)
      for (size_t i = 0, n = ring.size(); i < n; ++i) {
        const ImVec2 a = ring[i], b = ring[(i + 1) % n];
        const float da = a.x - a.y - c, db = b.x - b.y - c;
        if ((da < 0) == (db < 0)) continue;  // half-open: a vertex on the line counts once
        const float t = da / (da - db);
        ys.push_back(a.y + t * (b.y - a.y));
      }
    std::sort(ys.begin(), ys.end());
    for (size_t i = 0; i + 1 < ys.size(); i += 2)
      out.push_back({{c + ys[i], ys[i]}, {c + ys[i + 1], ys[i + 1]}});
  }
  return out;
}

void draw_ignore_regions(Workspace& ws, const ImageViewport& vp) {
  if (!vp.draw_list) return;
  const auto& regions = ws.doc().annotations.ignore_regions_at(ws.view().frame);
  if (regions.empty()) return;
  ImDrawList* dl = vp.draw_list;
  dl->PushClipRect(vp.view_min, vp.view_max, true);
  for (const core::IgnoreRegion& r : regions) {
    if (r.sensor != vp.camera) continue;
    const uint32_t rgb = r.class_name.empty() || r.class_name == "DontCare"
                             ? kDontCareRgb
                             : class_rgb(ws.doc().schema, r.class_name);
    std::vector<std::vector<ImVec2>> rings;
    for (const auto& ring : region_rings(r)) {
      std::vector<ImVec2> s;
      s.reserve(ring.size());
      for (const core::Vec2& p : ring) s.push_back(vp.to_screen(p));
      rings.push_back(std::move(s));
    }
    // Darkened and hatched: unmistakably "nothing to label here", readable
    // on bright and dark images alike.
    if (std::holds_alternative<core::Box2D>(r.geometry) && !rings.empty() && rings[0].size() == 4)
      dl->AddRectFilled(rings[0][0], rings[0][2], IM_COL32(0, 0, 0, 90));
    const auto hatch = hatch_segments(rings, 7.0f);
    for (const auto& [a, b] : hatch) dl->AddLine(a, b, IM_COL32(0, 0, 0, 150), 3.0f);
    for (const auto& [a, b] : hatch) dl->AddLine(a, b, im_rgb(rgb, 210), 1.2f);
    for (const auto& ring : rings)
      if (ring.size() >= 2) {
        dl->AddPolyline(ring.data(), int(ring.size()), IM_COL32(0, 0, 0, 160), ImDrawFlags_Closed, 3.5f);
        dl->AddPolyline(ring.data(), int(ring.size()), im_rgb(rgb, 255), ImDrawFlags_Closed, 1.5f);
      }
    if (ws.view().show_labels) {
      const core::Box2D b = r.bounds();
      const ImVec2 at = vp.to_screen({b.x1, b.y1});
      const std::string text = r.class_name.empty() ? std::string("ignore") : r.class_name;
      const ImVec2 size = ImGui::CalcTextSize(text.c_str());
      dl->AddRectFilled({at.x, at.y - size.y - 2}, {at.x + size.x + 6, at.y}, IM_COL32(0, 0, 0, 170));
      dl->AddText({at.x + 3, at.y - size.y - 1}, im_rgb(rgb, 255), text.c_str());
    }
  }
  dl->PopClipRect();
}

int pick_ignore_region(const Workspace& ws, const ImageViewport& vp, ImVec2 s) {
  const auto& regions = ws.doc().annotations.ignore_regions_at(ws.view().frame);
  const core::Vec2 p = vp.to_image(s);
  int best = -1;
  double best_area = std::numeric_limits<double>::max();
  for (size_t i = 0; i < regions.size(); ++i) {
    const core::IgnoreRegion& r = regions[i];
    if (r.sensor != vp.camera) continue;
    const core::Box2D b = r.bounds();
    if (p.x < b.x1 || p.y < b.y1 || p.x > b.x2 || p.y > b.y2) continue;
    if (!std::holds_alternative<core::Box2D>(r.geometry) && !inside_rings(p, region_rings(r))) continue;
    if (b.area() < best_area) best_area = b.area(), best = int(i);
  }
  return best;
}

}  // namespace vantage::gui
