#pragma once
// `vantage render PATH --frame N --view camera:NAME|camera|cameras|3d|bev|detail:ID
// --out FILE.png [--size WxH] [--color height|intensity|distance|class]
// [--accumulate N] [--lidar-in-camera]`: one view of one frame rendered
// offscreen with the real renderer and overlays (hidden GLFW window;
// re-executed under xvfb-run when there is no display).

#include <string>

namespace vantage::gui {

struct RenderRequest {
  std::string path;
  std::string sequence;  // KITTI tracking sequence id
  int frame = 0;
  std::string view = "3d";  // "camera:NAME", "camera" (first camera), "cameras" (all, grid),
                            // "3d", "bev", "detail:ID" (cuboid detail views of object ID)
  std::string out;
  int width = 0, height = 0;  // 0: the camera's image size, or 1280x720
  std::string point_color;    // "height" (default), "intensity", "distance", "class"
  int accumulate = 1;         // LiDAR sweeps accumulated through the ego poses
  bool lidar_in_camera = false;
  bool allow_outside = false;  // sequences naming data outside their folder
};

// Returns the process exit code; prints errors to stderr.
int run_render_command(const RenderRequest& request);

}  // namespace vantage::gui
