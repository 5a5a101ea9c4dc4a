#include "app/gui/views/draw_helpers.h"

#include <algorithm>
#include <cmath>

namespace vantage::gui {

void draw_dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness, float dash,
                      float gap) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len < 1e-3f) return;
  // Cap the number of dashes so a line zoomed to kilometres stays cheap.
  const float period = std::max(dash + gap, len / 400.0f);
  const float on = period * dash / (dash + gap);
  for (float t = 0; t < len; t += period) {
    const float t1 = std::min(len, t + on);
    dl->AddLine({a.x + dx * t / len, a.y + dy * t / len},
                {a.x + dx * t1 / len, a.y + dy * t1 / len}, col, thickness);
  }
}

void draw_polyline(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 col, float thickness,
                   bool closed, float dash, float gap) {
  if (pts.size() < 2) return;
  if (dash <= 0.0f) {
    dl->AddPolyline(pts.data(), int(pts.size()), col, closed ? ImDrawFlags_Closed : 0, thickness);
    return;
  }
  for (size_t i = 0; i + 1 < pts.size(); ++i)
    draw_dashed_line(dl, pts[i], pts[i + 1], col, thickness, dash, gap);
  if (closed) draw_dashed_line(dl, pts.back(), pts.front(), col, thickness, dash, gap);
}

bool LabelPlacer::place(ImVec2 anchor, const std::string& text, ImU32 background, ImU32 text_color,
                        bool force) {
  const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
  const float pad = 2.0f;
  const float w = ts.x + 2 * pad, h = ts.y + 2 * pad;
  auto rect_at = [&](ImVec2 bl) {
    float x = std::clamp(bl.x, clip_min_.x, std::max(clip_min_.x, clip_max_.x - w));
    float y = std::clamp(bl.y - h, clip_min_.y, std::max(clip_min_.y, clip_max_.y - h));
    return ImVec4(x, y, x + w, y + h);
  };
  auto overlaps = [&](const ImVec4& r) {
    for (const ImVec4& o : placed_)
      if (r.x < o.z && o.x < r.z && r.y < o.w && o.y < r.w) return true;
    return false;
  };
  // The anchor first, then above, below, right and left of it.
  const ImVec2 tries[] = {anchor,
                          {anchor.x, anchor.y - h},
                          {anchor.x, anchor.y + h},
                          {anchor.x + w * 0.5f + 2, anchor.y},
                          {anchor.x - w * 0.5f - 2, anchor.y}};
  ImVec4 r = rect_at(anchor);
  bool found = false;
  for (const ImVec2& t : tries) {
    const ImVec4 c = rect_at(t);
    if (!overlaps(c)) {
      r = c;
      found = true;
      break;
    }
  }
  if (!found && !force) return false;
  placed_.push_back(r);
  dl_->AddRectFilled({r.x, r.y}, {r.z, r.w}, background, 2.0f);
  dl_->AddText({r.x + pad, r.y + pad}, text_color, text.c_str());
  return true;
}

void draw_handle(ImDrawList* dl, ImVec2 p, bool round, bool hot, ImU32 col) {
  const float r = hot ? 6.0f : 4.5f;
  if (round) {
    dl->AddCircleFilled(p, r, col);
    dl->AddCircle(p, r, IM_COL32(0, 0, 0, 255), 0, 1.5f);
  } else {
    dl->AddRectFilled({p.x - r, p.y - r}, {p.x + r, p.y + r}, col);
    dl->AddRect({p.x - r, p.y - r}, {p.x + r, p.y + r}, IM_COL32(0, 0, 0, 255), 0, 0, 1.5f);
  }
}

}  // namespace vantage::gui
