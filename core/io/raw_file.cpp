#include "core/io/raw_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "core/util/error.h"

namespace vantage::core {

RawFile::RawFile(const std::filesystem::path& path) : name_(path.string()) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw FileError(name_, "", fmt::format("cannot open: {}", std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    const int err = errno;
    ::close(fd_);
    throw FileError(name_, "", fmt::format("cannot stat: {}", std::strerror(err)));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd_);
    throw FileError(name_, "", "is a folder, expected a file");
  }
  size_ = static_cast<uint64_t>(st.st_size);
}

RawFile::~RawFile() {
  if (fd_ >= 0) ::close(fd_);
}

size_t RawFile::read_at(uint64_t offset, void* dst, size_t n) const {
  char* out = static_cast<char*>(dst);
  size_t done = 0;
  while (done < n) {
    const ssize_t r = ::pread(fd_, out + done, n - done, static_cast<off_t>(offset + done));
    if (r < 0) {
      if (errno == EINTR) continue;
      throw FileError(name_, fmt::format("byte {}", offset + done),
                      fmt::format("read failed: {}", std::strerror(errno)));
    }
    if (r == 0) break;
    done += static_cast<size_t>(r);
  }
  return done;
}

void RawFile::read_exact(uint64_t offset, void* dst, size_t n, const std::string& what) const {
  const size_t got = read_at(offset, dst, n);
  if (got != n)
    throw FileError(name_, fmt::format("byte {}", offset + got),
                    fmt::format("file ends early: {} needs {} bytes from byte {}, only {} there",
                                what, n, offset, got));
}

std::string RawFile::read_rest(uint64_t offset) const {
  std::string out;
  if (offset >= size_) return out;
  out.resize(static_cast<size_t>(size_ - offset));
  out.resize(read_at(offset, out.data(), out.size()));
  return out;
}

}  // namespace vantage::core
