#pragma once
// Helpers shared by the tests: the real sample data folder, scratch folders,
// and running the `vantage` CLI.

#include <filesystem>
#include <string>

namespace vantage::test {

// ../shared/data, from VANTAGE_SHARED_DATA (set by CTest only when present).
// Tests tagged [data] call this; it fails the test when the folder is absent.
std::filesystem::path shared_data();
bool has_shared_data();

// A fresh, empty folder removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// Runs the built `vantage` binary with `args` (shell-quoted by the caller).
CommandResult run_vantage(const std::string& args);
std::filesystem::path vantage_binary();

void write_text(const std::filesystem::path& path, const std::string& text);
std::string read_text(const std::filesystem::path& path);

}  // namespace vantage::test
