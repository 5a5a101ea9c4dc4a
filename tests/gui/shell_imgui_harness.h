#pragma once
// Runs Dear ImGui frames without a window or renderer, with mouse input set
// the way the GLFW backend sets it, so panels are driven through the same
// code paths a real click takes.

#include <imgui.h>

#include <functional>

namespace vantage::test {

class ImGuiHarness {
 public:
  explicit ImGuiHarness(ImVec2 size = ImVec2(1280, 720)) {
    ctx_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = size;
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas
  }
  ~ImGuiHarness() { ImGui::DestroyContext(ctx_); }
  ImGuiHarness(const ImGuiHarness&) = delete;
  ImGuiHarness& operator=(const ImGuiHarness&) = delete;

  // One frame with `draw` inside a full-screen window; mouse state applies
  // from this frame on.
  void frame(const std::function<void()>& draw) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("harness", nullptr, ImGuiWindowFlags_NoDecoration);
    draw();
    ImGui::End();
    ImGui::Render();
  }
  void mouse(ImVec2 pos, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = pos;
    io.MouseDown[0] = down;
  }
  // Moves there, presses, releases: three frames.
  void click(ImVec2 pos, const std::function<void()>& draw) {
    mouse(pos, false);
    frame(draw);
    mouse(pos, true);
    frame(draw);
    mouse(pos, false);
    frame(draw);
  }

 private:
  ImGuiContext* ctx_ = nullptr;
};

}  // namespace vantage::test
