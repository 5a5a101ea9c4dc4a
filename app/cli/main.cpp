// `vantage`: the command-line entry point. Headless subcommands run here and
// link the core library only; `vantage` with no arguments, `vantage open` and
// `vantage render` hand over to vantage-gui.
#include <fmt/format.h>

#include <cstring>

#include "app/cli/cli_commands.h"
#include "core/util/error.h"
#include "core/version.h"

int main(int argc, char** argv) {
  using namespace vantage;
  if (argc < 2 || std::strcmp(argv[1], "open") == 0 || std::strcmp(argv[1], "render") == 0)
    return cli::run_gui(argc, argv);

  CLI::App app{fmt::format("Vantage {}: annotation workstation for camera and LiDAR driving data.\n"
                           "Run without arguments to open the workstation on the demo sequence.",
                           kVersion),
               "vantage"};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);
  // Given before or after the subcommand (fallthrough): every command that
  // opens a sequence honours it.
  bool allow_outside = false;
  app.add_flag("--allow-outside", allow_outside,
               "Open sequences whose files lie outside their folder (absolute paths, '..', "
               "links that lead out); refused by default, as such files may come from others")
      ->each([](const std::string&) { cli::set_allow_outside(true); });
  app.fallthrough();
  // Listed here so --help shows them; they are dispatched above.
  app.add_subcommand("open", "Open the workstation on PATH (native folder, KITTI, nuScenes, images)");
  app.add_subcommand("render", "Render one view of a frame offscreen to a PNG");
  cli::add_info_command(app);
  cli::add_validate_command(app);
  cli::add_eval_interp_command(app);
  cli::add_project_command(app);
  cli::add_fit_eval_command(app);
  cli::add_demo_command(app);
  cli::add_export_command(app);
  cli::add_import_command(app);
  cli::add_convert_command(app);
  cli::add_qa_command(app);
  cli::add_eval_seg_command(app);
  cli::add_bench_command(app);
  cli::add_dataset_command(app);
  cli::add_merge_driver_command(app);
  cli::add_prelabel_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const cli::ExitCode& e) {
    return e.code;
  } catch (const core::Error& e) {
    fmt::print(stderr, "vantage: {}\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "vantage: unexpected error: {}\n", e.what());
    return 2;
  }
  return 0;
}
