// vantage-gui: the workstation window (GLFW + Dear ImGui + OpenGL 3.3).
// Started by `vantage` with no arguments or `vantage open PATH`.
#include <glad/gl.h>
// glad must come before GLFW so GLFW does not pull in the system GL header.
#include <GLFW/glfw3.h>
#include <fmt/format.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <CLI/CLI.hpp>
#include <opencv2/imgcodecs.hpp>
#include <optional>

#include "core/io/sequence_opener.h"
#include "core/model/summary.h"
#include "core/util/error.h"
#include "core/version.h"

namespace {

struct GuiOptions {
  std::string path;
  std::string sequence;
  std::string screenshot;
  int width = 1600, height = 900;
};

void save_screenshot(const std::string& file, int w, int h) {
  cv::Mat img(h, w, CV_8UC3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_BGR, GL_UNSIGNED_BYTE, img.data);
  cv::Mat flipped;
  cv::flip(img, flipped, 0);
  if (!cv::imwrite(file, flipped)) throw std::runtime_error(fmt::format("cannot write screenshot {}", file));
}

}  // namespace

int main(int argc, char** argv) {
  using namespace vantage;
  CLI::App app{"Vantage workstation", "vantage"};
  GuiOptions opt;
  CLI::App* open = app.add_subcommand("open", "Open a sequence");
  open->add_option("path", opt.path, "Sequence folder")->required();
  open->add_option("--sequence", opt.sequence, "KITTI tracking sequence id");
  for (CLI::App* a : {&app, open}) {
    a->add_option("--screenshot", opt.screenshot, "Capture the UI to a PNG after the first frames and exit");
    a->add_option("--width", opt.width, "Window width");
    a->add_option("--height", opt.height, "Window height");
  }
  CLI11_PARSE(app, argc, argv);

  std::optional<core::Document> doc;
  std::string load_error;
  if (!opt.path.empty()) {
    try {
      core::OpenOptions oo;
      oo.sequence = opt.sequence;
      doc = core::open_document(opt.path, oo);
    } catch (const std::exception& e) {
      load_error = e.what();
      fmt::print(stderr, "vantage: {}\n", load_error);
    }
  }

  glfwSetErrorCallback([](int code, const char* msg) { fmt::print(stderr, "GLFW error {}: {}\n", code, msg); });
  if (!glfwInit()) {
    fmt::print(stderr, "vantage: cannot initialise GLFW (is a display available? try xvfb-run)\n");
    return 2;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(opt.width, opt.height, "Vantage", nullptr, nullptr);
  if (!window) {
    fmt::print(stderr, "vantage: cannot create an OpenGL 3.3 core window\n");
    glfwTerminate();
    return 2;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  if (!gladLoadGL(glfwGetProcAddress)) {
    fmt::print(stderr, "vantage: cannot load OpenGL functions\n");
    return 2;
  }
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui::StyleColorsDark();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  int frame_no = 0;
  int exit_code = 0;
  while (!glfwWindowShouldClose(window)) {
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("Vantage", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    ImGui::Text("Vantage %s", kVersion);
    if (doc) {
      const core::DocumentSummary s = core::summarize(*doc);
      ImGui::Text("%s: %d frames, %zu objects, %zu shapes", opt.path.c_str(), s.frames, s.objects, s.shapes);
    } else if (!load_error.empty()) {
      ImGui::TextWrapped("Could not open: %s", load_error.c_str());
    } else {
      ImGui::TextWrapped("No sequence open. Start with `vantage open PATH`.");
    }
    ImGui::End();
    ImGui::Render();
    int w = 0, h = 0;
    glfwGetFramebufferSize(window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.1f, 0.1f, 0.12f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!opt.screenshot.empty() && ++frame_no == 3) {
      try {
        save_screenshot(opt.screenshot, w, h);
      } catch (const std::exception& e) {
        fmt::print(stderr, "vantage: {}\n", e.what());
        exit_code = 2;
      }
      glfwSetWindowShouldClose(window, GLFW_TRUE);
    }
    glfwSwapBuffers(window);
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}
