#pragma once
// Headless harness for the annotation tools: an ImGui context with a frame
// begun (so overlays can draw), a Workspace over a small document with a
// KITTI-like camera, and hand-built viewports. Events go through the same
// Tool interface the views call.

#include <catch2/catch.hpp>

#include <imgui.h>
#include <glm/gtc/matrix_transform.hpp>

#include "app/gui/panels/tool_options_panel.h"
#include "app/gui/tools/tool_box.h"
#include "app/gui/workspace.h"
#include "core/commands/annotation_commands.h"
#include "core/io/native_format.h"
#include "tests/core/tracking_test_util.h"

namespace vantage::test {

struct ImGuiFrame {
  ImGuiFrame() {
    ctx = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1920, 1080);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ImGui::NewFrame();
  }
  ~ImGuiFrame() {
    ImGui::EndFrame();
    ImGui::DestroyContext(ctx);
  }
  ImGuiContext* ctx = nullptr;
};

inline core::Document tools_document(int frames = 10) {
  core::Document doc = tracking_document(frames);
  doc.schema = core::default_schema();
  return doc;
}

// Camera image_2 (1242x375) shown at zoom 2 with its corner at (100, 50).
inline gui::ImageViewport image_viewport() {
  gui::ImageViewport v;
  v.camera = "image_2";
  v.image_width = 1242;
  v.image_height = 375;
  v.origin = {100, 50};
  v.zoom = 2.0;
  v.view_min = {0, 0};
  v.view_max = {2700, 900};
  v.draw_list = ImGui::GetBackgroundDrawList();
  return v;
}

// Bird's-eye view: 200x100 px over 20 m x 10 m (10 px per metre) centred on
// (cx, cy), x right and y up on screen.
inline gui::SceneViewport bev_viewport(double cx = 5, double cy = 3, double half_w = 10,
                                       double half_h = 5, ImVec2 size = {200, 100}) {
  gui::SceneViewport v;
  v.view_min = {0, 0};
  v.view_max = size;
  v.orthographic = true;
  const core::Mat4 proj = glm::ortho(-half_w, half_w, -half_h, half_h, -200.0, 200.0);
  const core::Mat4 view =
      glm::lookAt(core::Vec3(cx, cy, 100), core::Vec3(cx, cy, 0), core::Vec3(0, 1, 0));
  v.view_proj = proj * view;
  v.draw_list = ImGui::GetBackgroundDrawList();
  return v;
}

inline gui::PointerEvent ev(gui::PointerEvent::Type t, ImVec2 s, int button = 0) {
  gui::PointerEvent e;
  e.type = t;
  e.screen = s;
  e.button = button;
  return e;
}

inline gui::KeyEvent key(int k, bool shift = false) {
  gui::KeyEvent e;
  e.key = k;
  e.shift = shift;
  return e;
}

// Press, drag in a few steps and release, as a view reports a mouse drag.
template <class Send>
void drag(Send&& send, ImVec2 a, ImVec2 b, int steps = 4) {
  send(ev(gui::PointerEvent::Type::Press, a));
  for (int i = 1; i <= steps; ++i) {
    const float t = float(i) / float(steps);
    send(ev(gui::PointerEvent::Type::Drag, {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}));
  }
  send(ev(gui::PointerEvent::Type::Release, b));
}

inline void run_action(gui::ActionList& actions, gui::Workspace& ws, const std::string& id) {
  const gui::Action* a = actions.find(id);
  REQUIRE(a);
  REQUIRE((!a->enabled || a->enabled(ws)));
  a->run(ws);
}

}  // namespace vantage::test
