#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "app/cli/cli_commands.h"

namespace vantage::cli {

namespace fs = std::filesystem;

int run_gui(int argc, char** argv) {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  const fs::path gui = (ec ? fs::path(argv[0]).parent_path() : self.parent_path()) / "vantage-gui";
  if (!fs::exists(gui, ec)) {
    fmt::print(stderr,
               "vantage: the workstation (vantage-gui) is not built beside {}.\n"
               "Build it with the GUI enabled (cmake -DVANTAGE_BUILD_GUI=ON) or use the headless "
               "subcommands (vantage --help).\n",
               self.string());
    return 2;
  }
  std::vector<char*> args;
  std::string gui_str = gui.string();
  args.push_back(gui_str.data());
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  ::execv(gui_str.c_str(), args.data());
  fmt::print(stderr, "vantage: cannot start {}: {}\n", gui_str, std::strerror(errno));
  return 2;
}

}  // namespace vantage::cli
