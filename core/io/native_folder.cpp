// Loading and saving a whole native sequence folder.
#include <fmt/format.h>

#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "core/io/path_policy.h"
#include "core/segmentation/segmentation_io.h"
#include "core/util/embedded_assets.h"
#include "core/util/error.h"

namespace vantage::core {

namespace fs = std::filesystem;

Sequence load_sequence_file(const fs::path& path) {
  return sequence_from_json(parse_json_file(path), path.string());
}

Schema load_schema_file(const fs::path& path) {
  return schema_from_json(parse_json_file(path), path.string());
}

Annotations load_annotations_file(const fs::path& path) {
  return read_annotations_file(path);
}

bool is_native_folder(const fs::path& folder) {
  std::error_code ec;
  return fs::is_regular_file(folder / kSequenceFileName, ec);
}

Schema default_schema() {
  const std::string_view text = assets::embedded_file("default_schema.json");
  if (text.empty()) throw Error("the default schema is missing from this build");
  return schema_from_json(parse_json_text(std::string(text), "<built-in default_schema.json>"),
                          "<built-in default_schema.json>");
}

Document load_native(const fs::path& folder, const NativeLoadOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    throw FileError(folder.string(), "", "is not a folder (expected a native sequence folder)");
  if (!is_native_folder(folder))
    throw FileError(folder.string(), "", fmt::format("no {} here: not a native sequence folder", kSequenceFileName));
  Document doc;
  doc.folder = folder;
  doc.sequence = load_sequence_file(folder / kSequenceFileName);
  if (!options.allow_outside)
    check_files_inside(doc.sequence, folder, (folder / kSequenceFileName).string());
  const fs::path schema_path = folder / kSchemaFileName;
  doc.schema = fs::exists(schema_path, ec) ? load_schema_file(schema_path) : default_schema();
  const fs::path ann_path = folder / kAnnotationsFileName;
  if (fs::exists(ann_path, ec)) {
    doc.annotations = load_annotations_file(ann_path);
    if (doc.annotations.metadata.schema_version > doc.schema.version)
      throw FileError(ann_path.string(), "/metadata/schema_version",
                      fmt::format("annotations use schema version {}, but {} is version {}",
                                  doc.annotations.metadata.schema_version, schema_path.string(),
                                  doc.schema.version));
    migrate_annotations(doc.schema, doc.annotations);
  } else {
    doc.annotations.metadata.schema_version = doc.schema.version;
  }
  return doc;
}

void save_annotations_file(const Annotations& annotations, const fs::path& path) {
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  save_segmentation_files(annotations.segmentation, folder);
  write_file_atomic(path, annotations_to_json(annotations, folder));
  collect_segmentation_garbage(annotations.segmentation, folder);
}

void save_native(const Document& doc, const fs::path& folder) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw Error(fmt::format("{}: cannot create folder: {}", folder.string(), ec.message()));
  // Serialise everything first: a failure (a non-finite number, say) must not
  // leave a folder with one new file and two old ones.
  // Segmentation sidecars go first: they have new names, so until
  // annotations.json is replaced the folder still reads as the old save.
  save_segmentation_files(doc.annotations.segmentation, folder);
  const std::string seq = sequence_to_json(doc.sequence);
  const std::string schema = schema_to_json(doc.schema);
  const std::string ann = annotations_to_json(doc.annotations, folder);
  write_file_atomic(folder / kSequenceFileName, seq);
  write_file_atomic(folder / kSchemaFileName, schema);
  write_file_atomic(folder / kAnnotationsFileName, ann);
  collect_segmentation_garbage(doc.annotations.segmentation, folder);
}

void rebase_file_paths(Sequence& sequence, const fs::path& from, const fs::path& to) {
  std::error_code ec;
  const fs::path from_abs = fs::absolute(from, ec);
  const fs::path to_abs = fs::weakly_canonical(fs::absolute(to, ec), ec);
  for (Frame& f : sequence.frames) {
    for (auto& [sensor, file] : f.files) {
      const fs::path p(file);
      if (p.is_absolute()) continue;
      const fs::path target = fs::weakly_canonical(from_abs / p, ec);
      const fs::path rel = target.lexically_relative(to_abs);
      file = rel.empty() ? target.string() : rel.string();
    }
  }
}

Document save_native_as(const Document& doc, const fs::path& folder) {
  Document out = doc;
  if (!doc.folder.empty()) rebase_file_paths(out.sequence, doc.folder, folder);
  out.folder = folder;
  save_native(out, folder);
  // The copy names its data where it was: the user's own act, so that data
  // stays readable from the new folder (path_policy.h).
  trust_data_outside(out.sequence, folder, doc.folder);
  return out;
}

}  // namespace vantage::core
