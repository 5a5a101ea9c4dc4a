#pragma once
// Vantage's native, lossless sequence format: one folder per sequence with
//   sequence.json     sensors, calibration, frames and their data files
//   schema.json       label schema with its change history
//   annotations.json  objects and shapes, frame tags, review state, metadata
// Each file carries "format" and "format_version". Saves are atomic and keep
// the previous file as <name>.bak. Loads report the file and JSON pointer of
// any problem.

#include <filesystem>
#include <string>

#include "core/io/json_reader.h"
#include "core/model/document.h"

namespace vantage::core {

constexpr int kNativeFormatVersion = 1;
inline constexpr const char* kSequenceFileName = "sequence.json";
inline constexpr const char* kSchemaFileName = "schema.json";
inline constexpr const char* kAnnotationsFileName = "annotations.json";

std::string sequence_to_json(const Sequence& sequence);
Sequence sequence_from_json(const Json& json, const std::string& file_label);
std::string schema_to_json(const Schema& schema);
Schema schema_from_json(const Json& json, const std::string& file_label);
// Segmentation sidecars are referenced relative to `base` (the folder the
// file goes to) when they lie inside it, else by absolute path; every layer
// must already be in a file (save_segmentation_files).
std::string annotations_to_json(const Annotations& annotations);
std::string annotations_to_json(const Annotations& annotations, const std::filesystem::path& base);
// Relative sidecar paths are taken relative to `base` (by default the
// folder of `file_label`).
Annotations annotations_from_json(const Json& json, const std::string& file_label);
Annotations annotations_from_json(const Json& json, const std::string& file_label,
                                  const std::filesystem::path& base);
// annotations.json read with simdjson (what load_annotations_file uses):
// the same result and errors as annotations_from_json, much faster.
Annotations read_annotations_file(const std::filesystem::path& path);

Sequence load_sequence_file(const std::filesystem::path& path);
Schema load_schema_file(const std::filesystem::path& path);
Annotations load_annotations_file(const std::filesystem::path& path);

// True when `folder` holds a sequence.json.
bool is_native_folder(const std::filesystem::path& folder);

struct NativeLoadOptions {
  // Frame files may lie outside the folder (absolute paths, "..", links that
  // lead out). Off: such a sequence.json is refused with OutsideDataError
  // (core/io/path_policy.h), since it may come from someone else.
  bool allow_outside = false;
};

// Loads a native folder. A missing schema.json gives the default schema; a
// missing annotations.json gives empty annotations. Annotations saved against
// an older schema version are migrated.
Document load_native(const std::filesystem::path& folder, const NativeLoadOptions& options = {});

// Writes all three files atomically (each replaced in one rename), after
// the segmentation sidecars that are not in the folder yet (content-named,
// so the old annotations.json keeps pointing at complete files until the
// new one replaces it).
void save_native(const Document& doc, const std::filesystem::path& folder);
// Saves into a new folder (an imported KITTI/nuScenes/image folder, or "save
// as"): data file paths are rewritten relative to `folder` (absolute when no
// relative path exists) so they keep pointing at the same files. Returns the
// document as it now lives in `folder`.
Document save_native_as(const Document& doc, const std::filesystem::path& folder);
// Rewrites a sequence's relative data paths from `from` to `to`.
void rebase_file_paths(Sequence& sequence, const std::filesystem::path& from,
                       const std::filesystem::path& to);
// Writes annotations.json and the segmentation sidecars it needs into the
// file's folder.
void save_annotations_file(const Annotations& annotations, const std::filesystem::path& path);
// One shape as annotations.json writes it, on one line (merge-conflict
// records and semantic diffs carry shapes this way).
std::string shape_to_json(int frame, const Shape& shape);
Shape shape_from_json(const JsonReader& r, ShapeKind kind);

// The schema bundled as assets/default_schema.json.
Schema default_schema();

}  // namespace vantage::core
