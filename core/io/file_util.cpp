#include "core/io/file_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <fmt/format.h>
#include <unistd.h>

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

void sync_folder(const fs::path& folder) {
  const int dfd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
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


void write_file_atomic(const fs::path& path, std::string_view content,
                       const AtomicWriteOptions& options) {
  const fs::path folder = path.parent_path();
  const fs::path tmp = path.string() + ".tmp-" + random_suffix();
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    throw Error(fmt::format("{}: cannot create temporary file: {}", tmp.string(), std::strerror(errno)));
  size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      throw Error(fmt::format("{}: write failed: {}", path.string(), std::strerror(err)));
    }
    written += static_cast<size_t>(n);
  }
  if (options.sync && ::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    throw Error(fmt::format("{}: fsync failed: {}", path.string(), std::strerror(err)));
  }
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    throw Error(fmt::format("{}: close failed: {}", path.string(), std::strerror(err)));
  }
  if (options.keep_backup && fs::exists(path)) {
    // Hard-link the current file as a temporary backup name, then rename it
    // over the old backup: the live file exists at every instant.
    const fs::path bak = path.string() + ".bak";
    const fs::path bak_tmp = bak.string() + ".tmp-" + random_suffix();
    std::error_code ec;
    fs::create_hard_link(path, bak_tmp, ec);
    if (ec) fs::copy_file(path, bak_tmp, fs::copy_options::overwrite_existing, ec);
    if (!ec) fs::rename(bak_tmp, bak, ec);
    if (ec) fs::remove(bak_tmp, ec);  // a failed backup must not block the save
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    throw Error(fmt::format("{}: rename failed: {}", path.string(), std::strerror(err)));
  }
  if (options.sync) sync_folder(folder);
}

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace vantage::core
