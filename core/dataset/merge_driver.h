#pragma once
// The semantic merge of a dataset's files, one file at a time, as git's merge
// driver: annotations.json (annotation_merge.h), schema.json (schema_merge.h)
// and dataset.json (manifest_merge.h). It runs two ways:
// - in-process, registered with libgit2 as driver "vantage" (libgit2 never
//   runs external drivers). A driver that returns GIT_EMERGECONFLICT has its
//   output discarded and the file gets text conflict markers, so ours always
//   returns the merged file with its conflicts recorded inside and reports
//   them through a MergeReportScope;
// - as `vantage merge-driver %O %A %B %P` for plain git (.gitattributes plus
//   the merge.vantage.driver config, which git never clones: see
//   install_merge_driver_config).

#include <optional>
#include <string>
#include <vector>

#include "core/model/schema.h"

struct git_repository;

namespace vantage::core {

enum class MergeFileKind { Other, Annotations, Schema, Manifest };
// By file name: annotations.json, schema.json, dataset.json.
MergeFileKind merge_file_kind(const std::string& path);

struct FileMergeResult {
  std::string content;                 // the merged file (valid, canonical)
  std::vector<std::string> conflicts;  // one line each, naming object and frame
  std::vector<std::string> notes;      // resolved but worth saying (renumbered ids)
  bool clean() const { return conflicts.empty(); }
};

struct FileMergeOptions {
  std::string ours_label = "ours";
  std::string theirs_label = "theirs";
  // Annotations: the newest schema, when known; every side is migrated to it
  // before merging (a class renamed on one side meets new objects of the old
  // name on the other).
  std::optional<Schema> schema;
  // Parse and merge every object even in files in the canonical layout
  // (normally objects whose text is equal on the sides are taken as text).
  bool whole_files = false;
};

// Merges one file's three versions (no base: added on both sides). Throws
// FileError when a side is not a valid file of its kind.
FileMergeResult merge_file(MergeFileKind kind, const std::optional<std::string>& base,
                           const std::string& ours, const std::string& theirs,
                           const std::string& path, const FileMergeOptions& options = {});

// What the in-process driver did during one merge, per path.
struct DriverReport {
  std::string path;
  FileMergeResult result;  // content cleared to save memory
  std::string error;       // the driver fell back to git's text merge
};

// Collects the in-process driver's reports on this thread while alive, and
// passes it the merge options (labels, schema).
class MergeReportScope {
 public:
  explicit MergeReportScope(FileMergeOptions options = {});
  ~MergeReportScope();
  MergeReportScope(const MergeReportScope&) = delete;
  MergeReportScope& operator=(const MergeReportScope&) = delete;
  const std::vector<DriverReport>& reports() const { return reports_; }

 private:
  friend struct DriverAccess;
  FileMergeOptions options_;
  std::vector<DriverReport> reports_;
  MergeReportScope* previous_;
};

inline constexpr const char* kMergeDriverName = "vantage";

// Registers the in-process driver (git::ensure_init calls this once).
void register_libgit2_merge_driver();

// Writes merge.vantage.name/.driver into the repository's config, pointing at
// this vantage executable: `"<path>" merge-driver %O %A %B %P`.
void install_merge_driver_config(git_repository* repo);
// The command line written there.
std::string merge_driver_command();

}  // namespace vantage::core
