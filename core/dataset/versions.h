#pragma once
// Versions of a dataset on git (libgit2): commit, log, tag, a read-only view
// of a revision, and reading files as they were at a revision. The dataset
// folder is the repository's work tree.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/model/document.h"

namespace vantage::core {

// Creates a git repository in `root` (if there is none) and configures the
// merge driver for plain git in it (install_merge_driver_config).
void init_repository(const std::filesystem::path& root);

struct CommitOptions {
  std::string message;
  // "Name <email>"; default: git's user.name/user.email, else $VANTAGE_AUTHOR,
  // else $USER.
  std::string author;
  // Commit only these paths (relative to the root); empty: everything the
  // .gitignore lets in, deletions included.
  std::vector<std::string> only;
  bool allow_empty = false;
  // Commit the index as it is (after a merge) instead of staging the files.
  bool index_as_is = false;
};

struct CommitInfo {
  std::string id;
  std::string short_id;
  std::string author;
  std::string email;
  int64_t time_s = 0;       // seconds since the epoch
  int offset_minutes = 0;   // author's time zone
  std::string summary;      // first line of the message
  std::string message;
  std::string tool_version;  // from the "Vantage-Version:" trailer, empty if none
  std::vector<std::string> parents;
  std::vector<std::string> tags;
};

// Stages the dataset's files and commits them on the current branch. The
// message gets a "Vantage-Version: <version>" trailer. Returns the new
// commit, or nullopt when nothing changed (and allow_empty is off).
std::optional<CommitInfo> commit_dataset(const Dataset& dataset, const CommitOptions& options);

// Commits from `revision` (default HEAD) back, newest first; at most `limit`
// (0: all). Empty on a repository without commits.
std::vector<CommitInfo> dataset_log(const Dataset& dataset, const std::string& revision = "HEAD",
                                    size_t limit = 0);
CommitInfo describe_commit(const Dataset& dataset, const std::string& revision);

// Annotated tag NAME at `revision`. Throws when the tag exists.
CommitInfo tag_revision(const Dataset& dataset, const std::string& name,
                        const std::string& revision = "HEAD", const std::string& message = "",
                        const std::string& author = "");
std::vector<std::string> list_tags(const Dataset& dataset);

// Writes the dataset as it was at `revision` into `out` (created; must not
// exist or be a view of the same revision), read-only: files get mode 0444.
// Sequences' relative sensor paths are rewritten so they keep pointing at
// the data. A ".vantage-view.json" marker names the revision. Returns the
// commit written.
CommitInfo write_revision_view(const Dataset& dataset, const std::string& revision,
                               const std::filesystem::path& out);

// A file of the dataset (path relative to the root) at `revision`; an empty
// revision reads the work tree. nullopt when it does not exist there.
std::optional<std::string> read_dataset_file(const Dataset& dataset, const std::string& revision,
                                             const std::string& path);

// Paths of everything under `prefix` (a folder, relative) at `revision`
// (empty: work tree), relative to the root.
std::vector<std::string> list_dataset_files(const Dataset& dataset, const std::string& revision,
                                            const std::string& prefix);

// dataset.json as it was at `revision` (empty: the work tree).
DatasetManifest load_manifest_at(const Dataset& dataset, const std::string& revision);
// A sequence as it was at `revision` (empty: the work tree) with the schema it
// had then, annotations migrated to it; folder set to the sequence's folder
// in the dataset so relative sensor paths resolve.
Document load_sequence_at(const Dataset& dataset, const std::string& revision, const SequenceEntry& entry);

struct WorkTreeStatus {
  std::vector<std::string> modified, added, deleted, untracked;
  std::string branch;  // empty when detached
  bool merging = false;
  bool clean() const { return modified.empty() && added.empty() && deleted.empty(); }
};
WorkTreeStatus work_tree_status(const Dataset& dataset);

// "Name <email>" -> (name, email). Throws Error on malformed text.
std::pair<std::string, std::string> parse_author(const std::string& text);

}  // namespace vantage::core
