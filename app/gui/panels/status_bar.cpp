#include "app/gui/panels/status_bar.h"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>

#include "app/gui/workspace.h"

namespace vantage::gui {

void draw_status_bar(Workspace& ws, const StatusInfo& info) {
  const ViewState& v = ws.view();
  const auto& frames = ws.doc().sequence.frames;
  std::string s = fmt::format("Frame {} / {}", v.frame, std::max(0, int(frames.size()) - 1));
  if (v.frame >= 0 && v.frame < int(frames.size()))
    s += fmt::format("  t={:.3f}s", double(frames[size_t(v.frame)].timestamp_us) * 1e-6);
  ImGui::TextUnformatted(s.c_str());
  ImGui::SameLine(0, 24);
  if (!v.hover_camera.empty() && v.hover_image)
    ImGui::Text("%s (%.1f, %.1f)", v.hover_camera.c_str(), v.hover_image->x, v.hover_image->y);
  else
    ImGui::TextDisabled("-");
  if (v.hover_world) {
    ImGui::SameLine(0, 16);
    ImGui::Text("xyz %.2f %.2f %.2f m", v.hover_world->x, v.hover_world->y, v.hover_world->z);
  }
  ImGui::SameLine(0, 24);
  const core::FrameCacheStats cs = ws.cache().stats();
  ImGui::Text("%.1f ms  cache %zu fr %.0f MB%s", info.frame_ms, cs.frames, double(cs.bytes) / 1e6,
              cs.pending ? fmt::format(" ({} loading)", cs.pending).c_str() : "");
  ImGui::SameLine(0, 24);
  if (ws.editor().dirty())
    ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1), "* unsaved");
  else
    ImGui::TextDisabled("saved");
  ImGui::SameLine(0, 24);
  ImGui::TextDisabled("%s", ws.annotator().c_str());
  if (!info.message.empty()) {
    ImGui::SameLine(0, 24);
    if (info.message_is_error)
      ImGui::TextColored(ImVec4(1, 0.45f, 0.35f, 1), "%s", info.message.c_str());
    else
      ImGui::TextUnformatted(info.message.c_str());
  }
  if (!info.tool_hint.empty()) {
    ImGui::SameLine(0, 24);
    ImGui::TextDisabled("%s", info.tool_hint.c_str());
  }
}

}  // namespace vantage::gui
