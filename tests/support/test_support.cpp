#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace vantage::test {

namespace fs = std::filesystem;

bool has_shared_data() {
  const char* d = std::getenv("VANTAGE_SHARED_DATA");
  return d && *d && fs::exists(fs::path(d) / "PROVENANCE.md");
}

fs::path shared_data() {
  if (!has_shared_data()) FAIL("VANTAGE_SHARED_DATA is not set to the sample data folder");
  return fs::path(std::getenv("VANTAGE_SHARED_DATA"));
}

TempDir::TempDir() {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("vantage-test-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path vantage_binary() {
  const char* d = std::getenv("VANTAGE_BIN_DIR");
  if (!d) FAIL("VANTAGE_BIN_DIR is not set (run the tests through ctest)");
  return fs::path(d) / "vantage";
}

CommandResult run_vantage(const std::string& args) {
  const std::string cmd = "'" + vantage_binary().string() + "' " + args + " 2>&1";
  CommandResult r;
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::array<char, 4096> buf{};
  size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

std::string read_text(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace vantage::test
