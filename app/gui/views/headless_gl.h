#pragma once
// An OpenGL 3.3 core context in a hidden GLFW window, with an ImGui context
// driven by hand (no platform backend): `vantage render`, gui_tests and the
// render benchmark run the real views through it and read the pixels back
// from an offscreen target.

#include <memory>
#include <string>

#include <imgui.h>
#include <opencv2/core.hpp>

struct GLFWwindow;

namespace vantage::render {
class RenderTarget;
}

namespace vantage::gui {

class HeadlessGl {
 public:
  // Throws std::runtime_error when no context can be created (no display).
  HeadlessGl();
  ~HeadlessGl();
  HeadlessGl(const HeadlessGl&) = delete;
  HeadlessGl& operator=(const HeadlessGl&) = delete;
  GLFWwindow* window() const { return window_; }

 private:
  GLFWwindow* window_ = nullptr;
};

// Input for one hand-driven ImGui frame.
struct UiInput {
  ImVec2 mouse{-1, -1};
  bool down[3] = {false, false, false};
  float wheel = 0.0f;
  bool ctrl = false, shift = false, alt = false;
  int key_down = -1;  // one GLFW key held (e.g. GLFW_KEY_SPACE), -1 none
};

// Owns an ImGui context with the OpenGL3 renderer backend (needs a current
// context). frame() runs one UI frame of `draw` in a window filling the
// display, renders it into an offscreen target of the display size.
class UiHarness {
 public:
  UiHarness(int width, int height);
  ~UiHarness();
  UiHarness(const UiHarness&) = delete;
  UiHarness& operator=(const UiHarness&) = delete;

  template <class Draw>
  void frame(const UiInput& in, Draw&& draw) {
    begin(in);
    draw();
    end();
  }
  // The same frame without rendering it (ImGui draw lists are still built):
  // what the app costs on the CPU, for the benchmark.
  template <class Draw>
  void build_only(const UiInput& in, Draw&& draw) {
    begin(in);
    draw();
    end(false);
  }
  void resize(int width, int height);
  int width() const { return width_; }
  int height() const { return height_; }
  // What the last frame rendered, BGR, top row first.
  cv::Mat read_bgr() const;

 private:
  void begin(const UiInput& in);
  void end(bool render = true);
  ImGuiContext* ctx_ = nullptr;
  std::unique_ptr<render::RenderTarget> target_;
  int width_, height_;
};

// Re-executes this process under `xvfb-run -a` when there is no display and
// xvfb-run exists (returns only if it could not). `what` names the command
// for the error message.
void reexec_under_xvfb_if_needed(const char* what, int width, int height);

}  // namespace vantage::gui
