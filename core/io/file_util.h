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

// The one way Vantage writes a user file. Writes `content` to a temporary
// file in the same folder (so the rename never crosses file systems), fsyncs
// it, gives it the mode of the file it replaces, renames it over `path` and
// fsyncs the folder. Readers see the old file or the new one, never a mix; a
// crash or a failed step at any point leaves the old file intact and no
// temporary file behind. A symbolic link at `path` is written through: the
// file it points to is replaced and the link stays. Throws core::Error naming
// the file, the step that failed and why; a failure after the rename (the
// folder fsync) says the new file is in place but may not be durable.
// A failed fsync is never retried on the same data (Linux forgets the error:
// "fsyncgate"): callers keep their data and write a fresh file next time.
void write_file_atomic(const std::filesystem::path& path, std::string_view content,
                       const AtomicWriteOptions& options = {});

// --- Fault injection (tests) -------------------------------------------------
// Every I/O step of write_file_atomic and sync_folder (create, write, fsync,
// chmod, close, backup link, rename, folder open, folder fsync) is numbered
// from 1 since the last set_io_faults(). Tests make step `fail_at` fail with
// `error` (and, when `persistent`, every step after it too), as SQLite's
// I/O-error tests do: a loop over fail_at = 1, 2, ... reaches every failure
// point without privileges. Process-wide, for all threads; fail_at 0 = none.
struct IoFaultPlan {
  uint64_t fail_at = 0;
  bool persistent = false;
  int error = 5;  // EIO
};
void set_io_faults(const IoFaultPlan& plan);
// Steps counted since the last set_io_faults().
uint64_t io_steps();

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
