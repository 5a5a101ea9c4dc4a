// vantage-gui: the workstation window (GLFW + Dear ImGui + OpenGL 3.3).
// Started by `vantage` with no arguments (the bundled demo), `vantage open
// PATH` and `vantage render ...` (one view rendered offscreen to a PNG).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <regex>

#include "app/gui/app.h"
#include "app/gui/render_bench.h"
#include "app/gui/render_command.h"

int main(int argc, char** argv) {
  using namespace vantage::gui;
  CLI::App cli{"Vantage annotation workstation (no arguments: open the bundled demo)",
               "vantage-gui"};
  AppOptions opt;
  CLI::App* open = cli.add_subcommand("open", "Open a sequence");
  open->add_option(
          "path", opt.path,
          "Native folder, KITTI object/tracking folder, nuScenes info file or image folder")
      ->required();
  open->add_option("--sequence", opt.sequence, "KITTI tracking sequence id (0001)");
  open->add_option("--frame", opt.frame, "Frame to show first")->check(CLI::NonNegativeNumber);
  open->add_option("--select", opt.select, "Object id to select first");
  for (CLI::App* a : {&cli, open}) {
    a->add_option("--screenshot", opt.screenshot,
                  "Capture the whole UI to a PNG once the frame is loaded, then exit");
    a->add_option("--width", opt.width, "Window width")->check(CLI::Range(320, 16384));
    a->add_option("--height", opt.height, "Window height")->check(CLI::Range(240, 16384));
  }
  RenderRequest render;
  std::string size;
  CLI::App* rc = cli.add_subcommand("render", "Render one view of one frame offscreen to a PNG");
  rc->add_option("path", render.path, "Sequence to open")->required();
  rc->add_option("--sequence", render.sequence, "KITTI tracking sequence id");
  rc->add_option("--frame", render.frame, "Frame index")->check(CLI::NonNegativeNumber);
  rc->add_option("--view", render.view,
                 "camera:NAME, camera (the first), cameras (grid), 3d, bev or detail:ID");
  rc->add_option("--out", render.out, "PNG file to write")->required();
  rc->add_option("--size", size, "WxH in pixels (default: the camera's image size, or 1280x720)");
  rc->add_option("--color", render.point_color, "Point colours")
      ->check(CLI::IsMember({"height", "intensity", "distance", "class"}));
  rc->add_option("--accumulate", render.accumulate,
                 "LiDAR sweeps accumulated through the ego poses")
      ->check(CLI::Range(1, 100));
  rc->add_flag("--lidar-in-camera", render.lidar_in_camera,
               "Project the LiDAR points into camera views");
  bool bench_quick = false;
  CLI::App* bench = cli.add_subcommand(
      "bench-render", "Renderer figures for `vantage bench` (JSON lines on stdout)");
  bench->add_flag("--quick", bench_quick, "Fewer repetitions");
  CLI11_PARSE(cli, argc, argv);

  if (bench->parsed()) return run_render_bench(bench_quick);

  if (rc->parsed()) {
    if (!size.empty()) {
      std::smatch m;
      static const std::regex kSize(R"((\d+)[xX](\d+))");
      if (!std::regex_match(size, m, kSize)) {
        fmt::print(stderr, "vantage render: --size must be WxH (e.g. 1280x720), not '{}'\n", size);
        return 2;
      }
      render.width = std::stoi(m[1]);
      render.height = std::stoi(m[2]);
    }
    return run_render_command(render);
  }
  App app(opt);
  return app.run();
}
