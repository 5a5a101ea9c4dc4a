// Window, GL context and ImGui setup of the App, and the screenshot capture.
#include <glad/gl.h>
// glad must come before GLFW so GLFW does not pull in the system GL header.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <fmt/format.h>
#include <imgui.h>

#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "app/gui/app.h"
#include "app/gui/views/view_set.h"
#include "app/gui/workspace.h"
#include "core/io/image_io.h"

namespace vantage::gui {

bool App::init_window() {
  glfwSetErrorCallback(
      [](int code, const char* msg) { fmt::print(stderr, "GLFW error {}: {}\n", code, msg); });
  if (!glfwInit()) {
    fmt::print(stderr, "vantage: cannot initialise GLFW (is a display available? try xvfb-run)\n");
    return false;
  }
  // Someone else in this process (gui_tests' offscreen context) may already
  // use GLFW: hand their context back and leave GLFW running at shutdown.
  prev_gl_context_ = glfwGetCurrentContext();
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  window_ = glfwCreateWindow(options_.width, options_.height, "Vantage", nullptr, nullptr);
  if (!window_) {
    fmt::print(stderr, "vantage: cannot create an OpenGL 3.3 core window\n");
    if (!prev_gl_context_) glfwTerminate();
    return false;
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(options_.screenshot.empty() ? 1 : 0);
  if (!gladLoadGL(glfwGetProcAddress)) {
    fmt::print(stderr, "vantage: cannot load OpenGL functions\n");
    glfwDestroyWindow(window_);
    if (!prev_gl_context_) glfwTerminate();
    window_ = nullptr;
    return false;
  }
  glfwSetWindowUserPointer(window_, this);
  // Closing with unsaved changes asks first: keep the window open and let the
  // quit prompt decide.
  glfwSetWindowCloseCallback(window_, [](GLFWwindow* w) {
    auto* app = static_cast<App*>(glfwGetWindowUserPointer(w));
    glfwSetWindowShouldClose(w, GLFW_FALSE);
    app->request_quit();
  });
  IMGUI_CHECKVERSION();
  prev_imgui_ = ImGui::GetCurrentContext();
  imgui_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(imgui_);
  ImGuiIO& io = ImGui::GetIO();
  if (options_.screenshot.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(config_dir(), ec);
    ini_path_ = (config_dir() / "imgui.ini").string();
    io.IniFilename = ini_path_.c_str();
  } else {
    io.IniFilename = nullptr;  // a screenshot run must not change the user's layout
  }
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0;
  style.ChildRounding = 2;
  style.FrameRounding = 2;
  style.WindowPadding = ImVec2(6, 6);
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  views_ = std::make_unique<ViewSet>();
  return true;
}

void App::shutdown_window() {
  if (!window_) return;
  views_.reset();  // GL resources need the context
  ws_.reset();     // the frame cache's workers post to GLFW
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext(imgui_);
  ImGui::SetCurrentContext(prev_imgui_);
  glfwDestroyWindow(window_);
  window_ = nullptr;
  if (prev_gl_context_)
    glfwMakeContextCurrent(prev_gl_context_);
  else
    glfwTerminate();
}

bool App::capture_screenshot() {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  cv::Mat img(h, w, CV_8UC3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_BGR, GL_UNSIGNED_BYTE, img.data);
  cv::Mat flipped;
  cv::flip(img, flipped, 0);
  try {
    core::write_image(options_.screenshot, flipped);  // atomic
    return true;
  } catch (const std::exception& e) {
    fmt::print(stderr, "vantage: cannot write screenshot: {}\n", e.what());
  }
  return false;
}

}  // namespace vantage::gui
