#pragma once
// `vantage render PATH --frame N --view camera:NAME|3d|bev --out FILE.png
// [--size WxH]`: one view of one frame rendered offscreen with the real
// renderer (hidden GLFW window; under Xvfb when there is no display).

#include <string>

namespace vantage::gui {

struct RenderRequest {
  std::string path;
  std::string sequence;        // KITTI tracking sequence id
  int frame = 0;
  std::string view = "3d";     // "camera:NAME", "camera" (first camera), "3d", "bev"
  std::string out;
  int width = 0, height = 0;   // 0: the camera's image size, or 1280x720
};

// Returns the process exit code; prints errors to stderr.
int run_render_command(const RenderRequest& request);

}  // namespace vantage::gui
