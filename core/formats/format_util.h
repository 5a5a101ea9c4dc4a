#pragma once
// Small helpers the format readers and writers share: exact number text,
// strict token parsing, export file writing, image size probing.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/formats/format.h"

namespace vantage::core {

// Shortest decimal text that reads back to the same double ("12", "0.1").
void append_double(std::string& out, double v);
std::string format_double(double v);
// Fixed-point text with `decimals` digits ("%.6f"), "-0.000000" written as
// "0.000000".
void append_fixed(std::string& out, double v, int decimals);

// Whole-token parses; false on trailing characters, overflow or non-finite.
bool parse_double(std::string_view s, double& out);
bool parse_int(std::string_view s, int64_t& out);

// Whitespace-separated tokens of a line (views into `line`).
void split_ws(std::string_view line, std::vector<std::string_view>& out);
// Splits a text into lines (without the line break; a trailing '\r' is
// dropped).
std::vector<std::string_view> split_lines(std::string_view text);

std::string line_location(size_t line_number);

// Whether a box's coordinates are garbage rather than an object partly out
// of view: not finite, or more than 64 image sizes beyond an edge. Real
// files hold boxes far past the edges: VCD's OpenLABEL of KITTI projects
// cuboids passing beside the right camera to boxes 36 image widths wide, so
// only coordinates in a wrong unit (pixels read as normalised, 1000x) are
// refused. Unknown sizes (0) never make a box far outside.
bool far_outside_image(const Box2D& box, int width, int height);

// Writes an export file atomically (no .bak, no fsync: exports can be
// redone) and records it in the report.
void write_export_file(const std::filesystem::path& path, std::string_view content,
                       FormatReport& report);

// Puts a copy of `src` at `dst` (a hard link when the file system allows).
// Reports a missing source instead of failing.
void copy_export_image(const std::filesystem::path& src, const std::filesystem::path& dst,
                       FormatReport& report);

// Width and height of an image file without keeping its pixels; nullopt when
// it cannot be read.
std::optional<std::pair<int, int>> probe_image_size(const std::filesystem::path& path);

// The image file of a camera at a frame, resolved against the document's
// folder; empty when the frame has none.
std::filesystem::path image_path(const Document& doc, int frame, const std::string& camera);

// Relative file stem of per-image label files.
// "CAMERA/000042" with several cameras, else "000042"; the camera name is made
// a safe file name first.
std::string image_label_stem(int frame, const std::string& camera, bool several_cameras);
// `name` as one file name that cannot leave its folder: '/', '\\' and control
// characters become '_', as does a leading '.' ("..", hidden files); empty
// gives "_".
std::string safe_file_name(std::string name);

// Files under `dir` (recursively) whose extension is `ext` (".xml"),
// sorted by path.
std::vector<std::filesystem::path> files_with_extension(const std::filesystem::path& dir,
                                                        const std::string& ext);

// Year and ISO-8601 date of a Unix time in milliseconds (UTC).
std::string iso_date(int64_t unix_ms);

}  // namespace vantage::core
