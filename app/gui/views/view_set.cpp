// [SECTION] Cameras
// [SECTION] 3D view
// [SECTION] Cuboid detail
#include "app/gui/views/view_set.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "app/gui/views/camera_view.h"
#include "app/gui/views/cuboid_detail_view.h"
#include "app/gui/views/scene_renderer.h"
#include "app/gui/views/scene_view.h"
#include "app/gui/workspace.h"

namespace vantage::gui {

struct ViewSet::Impl {
  // GL objects are created on first use, with the caller's context current.
  std::unique_ptr<SceneRenderer> renderer;
  std::map<std::string, std::unique_ptr<CameraView>> cameras;
  std::unique_ptr<SceneView> scene;
  std::unique_ptr<CuboidDetailView> detail;
  bool toolbars = true;
  std::string last_active_camera;

  SceneRenderer& r() {
    if (!renderer) renderer = std::make_unique<SceneRenderer>();
    return *renderer;
  }
  CameraView& camera(const std::string& name) {
    auto& slot = cameras[name];
    if (!slot) slot = std::make_unique<CameraView>(name);
    return *slot;
  }
};

ViewSet::ViewSet() : impl_(std::make_unique<Impl>()) {}
ViewSet::~ViewSet() = default;

void ViewSet::set_toolbars(bool on) {
  impl_->toolbars = on;
}

CameraView* ViewSet::camera_view(const std::string& camera) {
  auto it = impl_->cameras.find(camera);
  return it == impl_->cameras.end() ? nullptr : it->second.get();
}
SceneView* ViewSet::scene_view() {
  return impl_->scene.get();
}
CuboidDetailView* ViewSet::detail_view() {
  return impl_->detail.get();
}

// ---------------------------------------------------------------------------
// [SECTION] Cameras
// ---------------------------------------------------------------------------

void ViewSet::draw_camera(Workspace& ws, Tool* tool, const std::string& camera) {
  impl_->camera(camera).draw(ws, tool, impl_->r(), ImGui::GetContentRegionAvail());
}

void ViewSet::draw_cameras(Workspace& ws, Tool* tool) {
  ViewState& v = ws.view();
  const std::vector<std::string> names = ws.doc().sequence.camera_names();
  if (names.empty()) {
    ImGui::TextDisabled("This sequence has no cameras.");
    return;
  }
  if (std::find(names.begin(), names.end(), v.active_camera) == names.end())
    v.active_camera = names.front();
  if (!impl_->toolbars) {
    if (v.camera_layout == CameraLayout::Tabs) {
      draw_camera(ws, tool, v.active_camera);
      return;
    }
  } else {
    // Controls row.
    ImageViewState& st = v.images[v.active_camera];
    if (ImGui::SmallButton("Fit")) st.zoom = 0.0;
    ImGui::SameLine();
    if (ImGui::SmallButton("1:1")) {
      if (st.zoom <= 0.0) {
        if (CameraView* cv = camera_view(v.active_camera))
          st.center = cv->viewport().to_image(
              {(cv->viewport().view_min.x + cv->viewport().view_max.x) * 0.5f,
               (cv->viewport().view_min.y + cv->viewport().view_max.y) * 0.5f});
      }
      st.zoom = 1.0;
    }
    // Layout, LiDAR overlay and labels are in the window's toolbar (shell).
    if (CameraView* cv = camera_view(v.active_camera)) {
      ImGui::SameLine();
      ImGui::TextDisabled("%.0f%%", cv->viewport().zoom * 100.0);
    }
  }
  if (v.camera_layout == CameraLayout::Tabs) {
    const bool external_change = v.active_camera != impl_->last_active_camera;
    if (ImGui::BeginTabBar("##cameras")) {
      for (const std::string& n : names) {
        const ImGuiTabItemFlags flags =
            external_change && n == v.active_camera ? ImGuiTabItemFlags_SetSelected : 0;
        if (ImGui::BeginTabItem(n.c_str(), nullptr, flags)) {
          if (!external_change) v.active_camera = n;
          ImGui::EndTabItem();
        }
      }
      ImGui::EndTabBar();
    }
    impl_->last_active_camera = v.active_camera;
    draw_camera(ws, tool, v.active_camera);
    return;
  }
  // Grid. A surround rig (cameras facing both ways) is laid out as the
  // driver would think of it: forward-facing cameras on the top row from
  // left to right, rear-facing ones below (BACK_LEFT, BACK, BACK_RIGHT).
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  std::vector<std::pair<int, int>> cell_of(names.size(), {0, 0});  // (row, col)
  int rows = 1, cols = 1;
  {
    std::vector<std::pair<double, size_t>> front, back;
    for (size_t i = 0; i < names.size(); ++i) {
      const core::Camera* cam = ws.doc().sequence.camera(v.frame, names[i]);
      const core::Vec3 axis =
          cam ? cam->camera_to_vehicle.apply_direction({0, 0, 1}) : core::Vec3(1, 0, 0);
      const double az = std::atan2(axis.y, axis.x);  // + left
      if (axis.x >= -1e-6)
        front.push_back({-az, i});
      else
        back.push_back({az < 0 ? az + 2 * core::kPi : az, i});
    }
    std::sort(front.begin(), front.end());
    std::sort(back.begin(), back.end());
    if (!front.empty() && !back.empty() && front.size() <= 4 && back.size() <= 4) {
      rows = 2;
      cols = int(std::max(front.size(), back.size()));
      for (size_t k = 0; k < front.size(); ++k)
        cell_of[front[k].second] = {0, int(k)};
      for (size_t k = 0; k < back.size(); ++k)
        cell_of[back[k].second] = {1, int(k)};
    } else {
      const int n = int(names.size());
      cols = std::clamp(
          int(std::ceil(std::sqrt(double(n) * avail.x / std::max(1.0f, avail.y) * 9.0 / 16.0))), 1,
          n);
      rows = (n + cols - 1) / cols;
      front.insert(front.end(), back.begin(), back.end());
      for (size_t k = 0; k < front.size(); ++k)
        cell_of[front[k].second] = {int(k) / cols, int(k) % cols};
    }
  }
  const ImVec2 cell{std::floor(avail.x / cols) - 2, std::floor(avail.y / rows) - 2};
  for (size_t i = 0; i < names.size(); ++i) {
    ImGui::SetCursorScreenPos(
        {origin.x + cell_of[i].second * (cell.x + 2), origin.y + cell_of[i].first * (cell.y + 2)});
    ImGui::PushID(int(i));
    impl_->camera(names[i]).draw(ws, tool, impl_->r(), cell);
    if (ImGui::IsItemClicked()) v.active_camera = names[i];
    ImGui::PopID();
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(avail);
}

// ---------------------------------------------------------------------------
// [SECTION] 3D view
// ---------------------------------------------------------------------------

void ViewSet::draw_scene(Workspace& ws, Tool* tool) {
  ViewState& v = ws.view();
  if (impl_->toolbars) {
    // BEV and sweep accumulation are in the window's toolbar (shell).
    ImGui::SetNextItemWidth(100);
    int mode = int(v.point_color);
    if (ImGui::Combo("##color", &mode, "Height\0Intensity\0Distance\0Class\0"))
      v.point_color = PointColor(mode);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(80);
    ImGui::SliderFloat("##size", &v.point_size, 1.0f, 6.0f, "%.0f px");
    ImGui::SameLine();
    if (ImGui::SmallButton("Reset")) {
      const bool bev = v.orbit.bev;
      v.orbit = OrbitState{};
      v.orbit.bev = bev;
    }
  }
  if (!impl_->scene) impl_->scene = std::make_unique<SceneView>();
  impl_->scene->draw(ws, tool, impl_->r(), ImGui::GetContentRegionAvail());
}

// ---------------------------------------------------------------------------
// [SECTION] Cuboid detail
// ---------------------------------------------------------------------------

void ViewSet::draw_cuboid_detail(Workspace& ws, Tool* tool) {
  if (!impl_->detail) impl_->detail = std::make_unique<CuboidDetailView>();
  impl_->detail->draw(ws, tool, impl_->r(), ImGui::GetContentRegionAvail());
}

}  // namespace vantage::gui
