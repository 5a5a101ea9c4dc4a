#pragma once
// The workstation's views: camera images with overlays, the 3D / bird's-eye
// point cloud view and the cuboid detail views. Owns their GL resources
// (create it with a current GL context). Each draw_* fills the current ImGui
// window's remaining content region, handles pan/zoom/orbit and picking, and
// offers pointer events to `tool` first (may be null).

#include <memory>
#include <string>

namespace vantage::gui {

class Workspace;
class Tool;
class CameraView;
class SceneView;
class CuboidDetailView;

class ViewSet {
 public:
  ViewSet();
  ~ViewSet();
  ViewSet(const ViewSet&) = delete;
  ViewSet& operator=(const ViewSet&) = delete;

  void draw_cameras(Workspace& ws, Tool* tool);
  void draw_scene(Workspace& ws, Tool* tool);
  void draw_cuboid_detail(Workspace& ws, Tool* tool);
  // One camera filling the region, without tabs or toolbar (`vantage render`).
  void draw_camera(Workspace& ws, Tool* tool, const std::string& camera);

  // The small control rows above the views (tabs, fit, BEV, colours). Off
  // for offscreen renders.
  void set_toolbars(bool on);
  // The views themselves, for tests and the render command (null until drawn).
  CameraView* camera_view(const std::string& camera);
  SceneView* scene_view();
  CuboidDetailView* detail_view();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vantage::gui
