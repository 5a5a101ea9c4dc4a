#pragma once
// Shared by the libFuzzer targets in tests/fuzz/ (built with -DVANTAGE_FUZZ=ON
// by clang; see docs/reliability.md).
//
// Rules every target follows (libFuzzer's and OSS-Fuzz's): any input is
// accepted, nothing exits, the result depends on the input alone. A reader
// may reject bad input only with core::Error (FileError and kin: the message
// names the file and position); any other exception escaping is a finding
// (an uncaught exception aborts, and libFuzzer reports it as a crash), as are
// sanitizer reports, allocations over -malloc_limit_mb, and inputs slower
// than -timeout.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/formats/format.h"
#include "core/model/document.h"
#include "core/util/error.h"

namespace vantage::fuzz {

// Inputs larger than this are rejected before parsing (the bugs worth
// finding need no more; bigger inputs only slow the search down).
inline constexpr size_t kMaxInput = 1 << 20;

// A per-process scratch folder under $TMPDIR (/tmp), emptied at exit. Readers
// that only take a path read the input from a file written here.
const std::filesystem::path& scratch_dir();
// Writes `data` to scratch_dir()/name (sub-folders created) and returns the
// path.
std::filesystem::path write_scratch(const std::string& name, std::string_view data);
// Removes everything in the scratch folder (between runs of targets that lay
// out whole folders).
void clear_scratch();

// Runs `f`; an expected rejection (core::Error) is swallowed. Returns true
// when `f` returned normally.
template <class F>
bool accepts(F&& f) {
  try {
    std::forward<F>(f)();
    return true;
  } catch (const core::Error&) {
    return false;
  }
}

// The input split at "\n----\n" into `parts` pieces (missing ones empty; the
// last takes the rest): targets that need several files (a label file and
// its calibration, data.yaml and a label file) take them from one input.
std::vector<std::string_view> split_parts(std::string_view data, size_t parts);

// A small document with one camera "CAM_FRONT" (1242x375), one LiDAR
// "LIDAR_TOP", 3 frames and a few objects of every shape kind: the
// document imports merge into.
const core::Document& fixture_document();

// Imports `input` (a file or folder in the scratch folder) in `format`
// into the fixture document or an empty one, with options picked from
// `flags` (both documents, strict or skip-invalid, pre-labels, unknown
// classes added or skipped). When the import succeeds the result is exported
// again in the same format, into scratch_dir()/out: the export must succeed
// or fail with core::Error, and write nothing outside that folder.
void import_and_export(core::FormatId format, const std::filesystem::path& input, uint32_t flags);
// Flags for import_and_export from the input's bytes (a cheap hash, so a
// real file used as a seed is taken as it is, with no control byte).
uint32_t flags_of(const uint8_t* data, size_t size);

// Aborts with `what` (a property the target checks was violated).
[[noreturn]] void fail(const char* what);

}  // namespace vantage::fuzz
