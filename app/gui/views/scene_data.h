#pragma once
// The GPU side of a frame's LiDAR data, shared by the 3D view and the cuboid
// detail views: one PointSweep per (frame, LiDAR), uploaded once when that
// frame's data arrives and kept while it is among the last N accumulated
// frames; per-point class colours recomputed (points_in_cuboids on the CPU)
// only when the annotations change while colour-by-class is on.

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/geometry/points_in_cuboids.h"
#include "core/io/frame_cache.h"
#include "render/point_renderer.h"

namespace vantage::gui {

class Workspace;

class SceneData {
 public:
  struct Sweep {
    int frame = -1;
    std::string lidar;
    std::weak_ptr<const core::FrameData> source;
    const core::FrameData* source_ptr = nullptr;
    render::PointSweep gpu;
    core::Transform lidar_to_vehicle;  // of the sweep's own frame
    uint64_t colors_revision = UINT64_MAX;
    bool has_colors = false;
  };
  struct DrawItem {
    Sweep* sweep;
    core::Mat4 model;  // sweep's LiDAR frame -> vehicle frame of the current frame
    bool current;      // false: an older accumulated sweep
  };

  // Brings the GPU buffers up to date for the current frame of `ws` (uploads
  // only what changed) and returns what to draw.
  const std::vector<DrawItem>& update(Workspace& ws);
  // What the last update() returned.
  const std::vector<DrawItem>& update_items() const { return items_; }
  // Points drawn for the current frame with accumulation.
  size_t total_points() const { return total_points_; }
  // Ground height near the ego vehicle in the current frame (a low
  // percentile of the current sweep's z), 0 without points.
  double ground_z() const { return ground_z_; }
  // The current frame's data (null while loading).
  const std::shared_ptr<const core::FrameData>& current() const { return current_; }
  // Why the current frame shows no points ("loading", "no LiDAR", error).
  const std::string& status() const { return status_; }
  size_t uploads() const { return uploads_; }
  // Changes whenever what update() returns would draw differently (uploads,
  // colours, the set of sweeps): the 3D view's accumulated image is stale.
  uint64_t revision() const { return revision_; }
  // The active object's cuboid's points of the current sweep (with a 20 cm
  // margin), drawn in full whatever the level of detail; empty when no
  // cuboid is active. In the current sweep's LiDAR frame (model: focus_model).
  render::PointSweep& focus() { return focus_; }
  const core::Mat4& focus_model() const { return focus_model_; }

 private:
  Sweep& sweep_for(int frame, const std::string& lidar);
  void recolor(Workspace& ws, Sweep& s, const core::PointCloud& cloud);
  void update_focus(Workspace& ws);

  std::map<std::pair<int, std::string>, std::unique_ptr<Sweep>> sweeps_;
  std::vector<DrawItem> items_;
  std::shared_ptr<const core::FrameData> current_;
  std::vector<std::shared_ptr<const core::FrameData>>
      held_;  // keeps accumulated frames' data alive
  size_t total_points_ = 0;
  double ground_z_ = 0.0;
  std::string status_;
  size_t uploads_ = 0;
  core::PointCuboidMembership membership_;
  std::vector<uint32_t> colors_;
  uint64_t revision_ = 0;
  uint64_t items_key_ = 0;
  render::PointSweep focus_;
  core::Mat4 focus_model_{1.0};
  uint64_t focus_key_ = UINT64_MAX;
  std::vector<uint32_t> focus_colors_;
};

}  // namespace vantage::gui
