#pragma once
// File helpers every reader and writer shares: whole-file reads with clear
// errors, and atomic writes that never leave a half-written file behind.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace vantage::core {

// Reads a whole file; throws FileError when it cannot be opened or read.
std::string read_file_to_string(const std::filesystem::path& path);

struct AtomicWriteOptions {
  // Keep the file being replaced as `<name>.bak` (itself replaced atomically).
  bool keep_backup = true;
  // fsync the file and its folder. Off only for throwaway test output.
  bool sync = true;
};

// Writes `content` to a temporary file in the same folder, flushes it to disk,
// then renames it over `path`. Readers see the old file or the new one, never
// a mix; a crash mid-write leaves the old file intact. Throws core::Error.
void write_file_atomic(const std::filesystem::path& path, std::string_view content,
                       const AtomicWriteOptions& options = {});

// fsync of a folder (makes renames and new entries in it durable).
void sync_folder(const std::filesystem::path& folder);
// Flushes everything written to the file system holding `path` (syncfs):
// one call instead of an fsync per file for exports of many files.
void sync_filesystem(const std::filesystem::path& path);
// 16 random hex digits for temporary names.
std::string random_suffix();

// Milliseconds since the Unix epoch (for created/modified stamps).
int64_t now_ms();

}  // namespace vantage::core
