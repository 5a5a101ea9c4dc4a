#include "core/io/file_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <random>

#include "core/util/error.h"

namespace vantage::core {

namespace fs = std::filesystem;

std::string read_file_to_string(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw FileError(path.string(), "", fmt::format("cannot open: {}", std::strerror(errno)));
  std::string out;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw FileError(path.string(), "", "is a folder, expected a file");
  }
  if (st.st_size > 0) out.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      throw FileError(path.string(), fmt::format("byte {}", out.size()),
                      fmt::format("read failed: {}", std::strerror(err)));
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

namespace {

// --- Fault injection ----------------------------------------------------------
std::atomic<uint64_t> g_steps{0};
std::atomic<uint64_t> g_fail_at{0};
std::atomic<bool> g_persistent{false};
std::atomic<int> g_error{EIO};

// Counts one I/O step; true (with errno set) when it is to fail.
bool inject_failure() {
  const uint64_t n = g_steps.fetch_add(1, std::memory_order_relaxed) + 1;
  const uint64_t at = g_fail_at.load(std::memory_order_relaxed);
  if (at == 0 || n < at || (n > at && !g_persistent.load(std::memory_order_relaxed))) return false;
  errno = g_error.load(std::memory_order_relaxed);
  return true;
}

// The system calls of the save path, each one a numbered step.
int step_open(const char* p, int flags, mode_t mode) {
  return inject_failure() ? -1 : ::open(p, flags, mode);
}
ssize_t step_write(int fd, const char* data, size_t n) {
  return inject_failure() ? -1 : ::write(fd, data, n);
}
int step_fsync(int fd) {
  return inject_failure() ? -1 : ::fsync(fd);
}
int step_fchmod(int fd, mode_t mode) {
  return inject_failure() ? -1 : ::fchmod(fd, mode);
}
int step_close(int fd) {
  if (inject_failure()) {
    const int err = errno;
    ::close(fd);  // the descriptor is released either way
    errno = err;
    return -1;
  }
  return ::close(fd);
}
int step_link(const char* from, const char* to) {
  return inject_failure() ? -1 : ::link(from, to);
}
int step_rename(const char* from, const char* to) {
  return inject_failure() ? -1 : ::rename(from, to);
}

// fsync of a folder; 0 or the errno of the failed step.
int sync_folder_checked(const fs::path& folder) {
  const int dfd = step_open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dfd < 0) return errno;
  const int r = step_fsync(dfd);
  const int err = errno;
  ::close(dfd);
  // EINVAL: the file system cannot sync folders (some FUSE and network
  // mounts); nothing more can be done there.
  return r == 0 || err == EINVAL ? 0 : err;
}

}  // namespace

void set_io_faults(const IoFaultPlan& plan) {
  g_fail_at.store(plan.fail_at);
  g_persistent.store(plan.persistent);
  g_error.store(plan.error);
  g_steps.store(0);
}

uint64_t io_steps() {
  return g_steps.load();
}

void sync_folder(const fs::path& folder) {
  (void)sync_folder_checked(folder);
}

void sync_filesystem(const fs::path& path) {
  const int fd = ::open(path.empty() ? "." : path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::syncfs(fd);
  ::close(fd);
}

std::string random_suffix() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:016x}", rng());
}

void write_file_atomic(const fs::path& path_in, std::string_view content,
                       const AtomicWriteOptions& options) {
  std::error_code ec;
  fs::path path = path_in;
  // A symbolic link is written through (rename would replace the link).
  if (fs::is_symlink(path, ec)) {
    const fs::path target = fs::weakly_canonical(path, ec);
    if (!ec && !target.empty()) path = target;
  }
  const fs::path folder = path.parent_path();
  struct stat old {};
  const bool replacing = ::stat(path.c_str(), &old) == 0;
  if (replacing && S_ISDIR(old.st_mode))
    throw Error(fmt::format("{}: cannot save: it is a folder", path.string()));
  const std::string unchanged =
      replacing ? " (the previous file is unchanged)" : " (nothing was written)";
  const fs::path tmp = path.string() + ".tmp-" + random_suffix();
  auto fail = [&](const char* step, int err, bool remove_tmp) {
    if (remove_tmp) ::unlink(tmp.c_str());
    throw Error(fmt::format("{}: cannot save: {} failed: {}{}", path.string(), step,
                            std::strerror(err), unchanged));
  };

  const int fd = step_open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int err = errno;
    throw Error(fmt::format("{}: cannot save: creating a temporary file in {} failed: {}{}",
                            path.string(), folder.empty() ? "." : folder.string(),
                            std::strerror(err), unchanged));
  }
  auto fail_open = [&](const char* step) {
    const int err = errno;
    ::close(fd);
    fail(step, err, true);
  };
  size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = step_write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail_open("write");
    }
    if (n == 0) {
      errno = EIO;
      fail_open("write");
    }
    written += static_cast<size_t>(n);
  }
  // The new file keeps the mode of the one it replaces (a fresh temporary
  // file has 0644 less the umask).
  if (replacing && step_fchmod(fd, old.st_mode & 07777) != 0) fail_open("chmod");
  if (options.sync && step_fsync(fd) != 0) fail_open("fsync");
  if (step_close(fd) != 0) fail("close", errno, true);
  if (options.keep_backup && replacing) {
    // Hard-link the current file as a temporary backup name, then rename it
    // over the old backup: the live file exists at every instant. A failed
    // backup does not block the save.
    const fs::path bak = path.string() + ".bak";
    const fs::path bak_tmp = bak.string() + ".tmp-" + random_suffix();
    bool staged = step_link(path.c_str(), bak_tmp.c_str()) == 0;
    if (!staged) {  // no hard links here (some FUSE mounts): a copy
      ec.clear();
      staged = fs::copy_file(path, bak_tmp, fs::copy_options::overwrite_existing, ec) && !ec;
    }
    if (staged && step_rename(bak_tmp.c_str(), bak.c_str()) != 0) staged = false;
    // Always: when the old backup is already a hard link to the live file (a
    // previous save failed after linking it), rename() of one link over another
    // of the same file succeeds without doing anything and leaves bak_tmp.
    ::unlink(bak_tmp.c_str());
  }
  if (step_rename(tmp.c_str(), path.c_str()) != 0) fail("rename", errno, true);
  if (options.sync) {
    if (const int err = sync_folder_checked(folder))
      throw Error(fmt::format("{}: saved, but syncing its folder failed: {} (the new file may not "
                              "survive a power loss; save again)",
                              path.string(), std::strerror(err)));
  }
}

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace vantage::core
