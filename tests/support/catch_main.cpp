// Catch's main, with a state folder of the run's own: autosave sidecars and
// the trusted data folders (core/io/path_policy.h) written by one test must
// not change what another sees, nor touch the user's ~/.local/state.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

int main(int argc, char* argv[]) {
  namespace fs = std::filesystem;
  std::random_device rd;
  const fs::path state =
      fs::temp_directory_path() / ("vantage-test-state-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(state);
  ::setenv("XDG_STATE_HOME", state.c_str(), 1);
  const int rc = Catch::Session().run(argc, argv);
  std::error_code ec;
  fs::remove_all(state, ec);
  return rc;
}
