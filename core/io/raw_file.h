#pragma once
// Positioned reads from a file with errors that name the file and the byte
// offset. The point cloud and image readers read straight into their
// destination buffers through this (one read() per region, no stream layer).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace vantage::core {

class RawFile {
 public:
  // Throws FileError when the file cannot be opened or is a folder.
  explicit RawFile(const std::filesystem::path& path);
  ~RawFile();
  RawFile(const RawFile&) = delete;
  RawFile& operator=(const RawFile&) = delete;

  uint64_t size() const { return size_; }
  const std::string& name() const { return name_; }

  // Reads up to `n` bytes at `offset`; fewer only at the end of the file.
  size_t read_at(uint64_t offset, void* dst, size_t n) const;
  // Reads exactly `n` bytes at `offset`; throws FileError naming the offset
  // and `what` when the file ends first.
  void read_exact(uint64_t offset, void* dst, size_t n, const std::string& what) const;
  // The bytes from `offset` to the end of the file.
  std::string read_rest(uint64_t offset) const;

 private:
  int fd_ = -1;
  uint64_t size_ = 0;
  std::string name_;
};

}  // namespace vantage::core
