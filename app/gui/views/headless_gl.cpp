#include "app/gui/views/headless_gl.h"

#include <glad/gl.h>
// glad before GLFW so GLFW does not include the system GL header.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_opengl3.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

#include "render/render_target.h"

namespace vantage::gui {

namespace {
// GLFW is initialised once per process while any HeadlessGl lives: tests
// create several, and glfwTerminate would destroy the others' windows.
int g_glfw_users = 0;
}  // namespace

HeadlessGl::HeadlessGl() {
  if (g_glfw_users == 0 && !glfwInit())
    throw std::runtime_error("cannot initialise GLFW (no display? run under xvfb-run)");
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  window_ = glfwCreateWindow(64, 64, "vantage-offscreen", nullptr, nullptr);
  glfwDefaultWindowHints();
  if (!window_) {
    if (g_glfw_users == 0) glfwTerminate();
    throw std::runtime_error("cannot create an OpenGL 3.3 core context");
  }
  glfwMakeContextCurrent(window_);
  if (!gladLoadGL(glfwGetProcAddress)) {
    glfwDestroyWindow(window_);
    if (g_glfw_users == 0) glfwTerminate();
    throw std::runtime_error("cannot load OpenGL functions");
  }
  ++g_glfw_users;
}

HeadlessGl::~HeadlessGl() {
  glfwDestroyWindow(window_);
  if (--g_glfw_users == 0) glfwTerminate();
}

UiHarness::UiHarness(int width, int height) : width_(width), height_(height) {
  ctx_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(ctx_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  // Key codes are GLFW's, as with the GLFW backend.
  io.KeyMap[ImGuiKey_Space] = GLFW_KEY_SPACE;
  io.KeyMap[ImGuiKey_Escape] = GLFW_KEY_ESCAPE;
  ImGui::StyleColorsDark();
  ImGui_ImplOpenGL3_Init("#version 330 core");
  target_ = std::make_unique<render::RenderTarget>();
  target_->resize(width, height);
}

UiHarness::~UiHarness() {
  ImGui::SetCurrentContext(ctx_);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext(ctx_);
}

void UiHarness::resize(int width, int height) {
  width_ = width;
  height_ = height;
  target_->resize(width, height);
}

void UiHarness::begin(const UiInput& in) {
  ImGui::SetCurrentContext(ctx_);
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(float(width_), float(height_));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  io.DeltaTime = 1.0f / 30.0f;
  io.MousePos = in.mouse;
  for (int i = 0; i < 3; ++i)
    io.MouseDown[i] = in.down[i];
  io.MouseWheel = in.wheel;
  io.KeyCtrl = in.ctrl;
  io.KeyShift = in.shift;
  io.KeyAlt = in.alt;
  for (bool& k : io.KeysDown)
    k = false;
  if (in.key_down >= 0 && in.key_down < int(IM_ARRAYSIZE(io.KeysDown)))
    io.KeysDown[in.key_down] = true;
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::Begin("##offscreen", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar(2);
}

void UiHarness::end(bool render) {
  ImGui::End();
  ImGui::Render();
  if (!render) return;
  target_->begin();
  target_->clear(0.1f, 0.1f, 0.12f);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  target_->end();
}

cv::Mat UiHarness::read_bgr() const {
  return target_->read_bgr();
}

void reexec_under_xvfb_if_needed(const char* what, int width, int height) {
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if ((display && *display) || (wayland && *wayland)) return;
  if (std::getenv("VANTAGE_UNDER_XVFB")) return;  // already tried: do not loop
  std::ifstream f("/proc/self/cmdline", std::ios::binary);
  std::string all((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  for (size_t start = 0; start < all.size();) {
    const size_t end = all.find('\0', start);
    args.push_back(all.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (n <= 0 || args.empty()) return;
  self[n] = '\0';
  args[0] = self;
  const std::string screen =
      fmt::format("-screen 0 {}x{}x24", std::max(width, 1920), std::max(height, 1080));
  std::vector<std::string> full = {"xvfb-run", "-a", "-s", screen};
  full.insert(full.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& s : full)
    argv.push_back(s.data());
  argv.push_back(nullptr);
  setenv("VANTAGE_UNDER_XVFB", "1", 1);
  execvp("xvfb-run", argv.data());
  fmt::print(stderr,
             "{}: no display, and xvfb-run is not available to provide one (install xvfb or set "
             "DISPLAY)\n",
             what);
}

}  // namespace vantage::gui
