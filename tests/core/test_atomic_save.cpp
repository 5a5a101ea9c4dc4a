// write_file_atomic under injected I/O failures: every step of the save path
// (create, write, chmod, fsync, close, backup link, rename, folder fsync) is
// made to fail in turn, once and from then on (SQLite's I/O-error loop). After
// each failure the previous file is intact, no temporary file is left, and
// the error names the file and the step.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cerrno>
#include <filesystem>
#include <string>

#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "core/util/error.h"
#include "tests/support/fixtures.h"
#include "tests/support/test_support.h"

using namespace vantage::core;
namespace fs = std::filesystem;
using vantage::test::read_text;
using vantage::test::TempDir;
using vantage::test::write_text;

namespace {

// Names in `dir` that contain ".tmp-" (left-over temporaries), space-separated.
std::string temporaries(const fs::path& dir) {
  std::string names;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().filename().string().find(".tmp-") != std::string::npos)
      names += (names.empty() ? "" : " ") + e.path().filename().string();
  return names;
}

// Resets the plan when a test ends, whatever happens.
struct FaultScope {
  explicit FaultScope(const IoFaultPlan& plan) { set_io_faults(plan); }
  ~FaultScope() { set_io_faults({}); }
};

// The number of I/O steps one save of this kind takes.
uint64_t steps_of_one_save(const fs::path& path, const std::string& content,
                           const AtomicWriteOptions& options) {
  FaultScope none({});
  write_file_atomic(path, content, options);
  return io_steps();
}

}  // namespace

TEST_CASE("Atomic save: every failed step leaves the previous file intact", "[atomic_save]") {
  for (const bool backup : {false, true}) {
    for (const bool persistent : {false, true}) {
      TempDir dir;
      const fs::path file = dir / "annotations.json";
      const AtomicWriteOptions options{backup, true};
      write_text(file, "old content\n");
      ::chmod(file.c_str(), 0640);
      const std::string fresh = "new content, longer than the old one\n";
      // Measure on a twin file so `file` keeps its old content.
      write_text(dir / "twin.json", "old content\n");
      const uint64_t steps = steps_of_one_save(dir / "twin.json", fresh, options);
      fs::remove(dir / "twin.json");
      fs::remove(dir / "twin.json.bak");
      CAPTURE(backup, persistent, steps);
      REQUIRE(steps >= 6);  // create, write, chmod, fsync, close, rename, folder open + fsync
      int failures = 0;
      for (uint64_t at = 1; at <= steps; ++at) {
        CAPTURE(at);
        write_text(file, "old content\n");
        ::chmod(file.c_str(), 0640);
        std::string message;
        {
          FaultScope faults({at, persistent, EIO});
          try {
            write_file_atomic(file, fresh, options);
          } catch (const Error& e) {
            message = e.what();
          }
        }
        const std::string now = read_text(file);
        CHECK(temporaries(dir.path()) == "");
        if (message.empty()) {
          // Only the backup steps may fail without failing the save.
          CHECK(backup);
          CHECK(now == fresh);
          continue;
        }
        ++failures;
        CHECK(message.find(file.string()) != std::string::npos);
        CHECK(message.find("Input/output error") != std::string::npos);
        if (message.find("saved, but") != std::string::npos) {
          // The folder fsync after the rename: the new file is in place.
          CHECK(now == fresh);
        } else {
          CHECK(message.find("the previous file is unchanged") != std::string::npos);
          CHECK(now == "old content\n");
        }
        struct stat st {};
        REQUIRE(::stat(file.c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0640);
      }
      // Every step but the backup's can fail the save.
      CHECK(failures >= static_cast<int>(steps) - (backup ? 2 : 0));
      // With the faults gone the same save succeeds (from the old content: the
      // last failure point may have left the new file in place).
      write_text(file, "old content\n");
      write_file_atomic(file, fresh, options);
      CHECK(read_text(file) == fresh);
      if (backup) CHECK(read_text(dir / "annotations.json.bak") == "old content\n");
    }
  }
}

TEST_CASE("Atomic save: a new file is created whole or not at all", "[atomic_save]") {
  TempDir dir;
  const fs::path file = dir / "new.json";
  const uint64_t steps = steps_of_one_save(dir / "probe.json", "x", {});
  for (uint64_t at = 1; at <= steps; ++at) {
    CAPTURE(at);
    fs::remove(file);
    bool failed = false;
    {
      FaultScope faults({at, false, ENOSPC});
      try {
        write_file_atomic(file, "content", {});
      } catch (const Error& e) {
        failed = true;
        CHECK(std::string(e.what()).find("No space left on device") != std::string::npos);
      }
    }
    CHECK(temporaries(dir.path()) == "");
    if (failed && fs::exists(file)) {
      CHECK(read_text(file) == "content");  // failed only at the folder fsync
    } else if (!failed) {
      CHECK(read_text(file) == "content");
    }
  }
}

TEST_CASE("Atomic save keeps the mode and writes through symbolic links", "[atomic_save]") {
  TempDir dir;
  const fs::path real = dir / "real.json";
  write_text(real, "one");
  ::chmod(real.c_str(), 0600);
  fs::create_symlink(real, dir / "link.json");
  write_file_atomic(dir / "link.json", "two", {false, true});
  CHECK(fs::is_symlink(dir / "link.json"));
  CHECK(read_text(real) == "two");
  struct stat st {};
  REQUIRE(::stat(real.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("Atomic save into a missing folder or over a folder fails clearly", "[atomic_save]") {
  TempDir dir;
  try {
    write_file_atomic(dir / "missing" / "a.json", "x");
    FAIL("no error");
  } catch (const Error& e) {
    const std::string m = e.what();
    CHECK(m.find("a.json") != std::string::npos);
    CHECK(m.find("No such file or directory") != std::string::npos);
  }
  fs::create_directory(dir / "folder");
  CHECK_THROWS_WITH(write_file_atomic(dir / "folder", "x"), Catch::Contains("it is a folder"));
}

TEST_CASE("Native save under injected failures: the folder always loads, each file old or new",
          "[atomic_save]") {
  vantage::test::SyntheticOptions o;
  o.frames = 4;
  o.objects = 3;
  const Document before = vantage::test::make_synthetic_document(o);
  Document after = before;
  after.annotations.objects.pop_back();
  after.sequence.name += " (renamed)";
  TempDir probe;
  save_native(before, probe.path());
  const uint64_t steps = [&] {
    FaultScope none({});
    save_native(after, probe.path());
    return io_steps();
  }();
  REQUIRE(steps >= 18);  // three files
  for (uint64_t at = 1; at <= steps; ++at) {
    CAPTURE(at);
    TempDir dir;
    save_native(before, dir.path());
    {
      FaultScope faults({at, true, EIO});
      CHECK_THROWS_AS(save_native(after, dir.path()), Error);
    }
    CHECK(temporaries(dir.path()) == "");
    const Document back = load_native(dir.path());
    CHECK((back.sequence == before.sequence || back.sequence == after.sequence));
    CHECK((back.schema == before.schema || back.schema == after.schema));
    CHECK((back.annotations == before.annotations || back.annotations == after.annotations));
  }
}
