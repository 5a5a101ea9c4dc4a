#pragma once
// Teamwork through any git remote (a bare repository on a shared disk, ssh,
// https): clone, pull (libgit2 has none: fetch, merge analysis, then a
// fast-forward or a merge with the semantic driver) and push.

#include <filesystem>
#include <string>
#include <vector>

#include "core/dataset/dataset.h"

namespace vantage::core {

// Clones REMOTE into DIR and configures the merge driver there (git never
// copies config). Returns the opened dataset.
Dataset clone_dataset(const std::string& remote, const std::filesystem::path& dir);

// Creates a bare repository at `path` (the shared remote), adds it as remote
// `name` of the dataset when it has none of that name, and pushes the current
// branch and tags to it.
void init_remote(const Dataset& dataset, const std::filesystem::path& path, const std::string& name = "origin");

// Writes the merge driver config (merge.vantage.*) into the dataset's
// repository, for plain `git merge`/`git pull`.
void install_merge_driver(const Dataset& dataset);

struct PullOptions {
  std::string remote = "origin";
  std::string branch;  // default: the current branch
  std::string author;  // of the merge commit
};

struct PullResult {
  enum class Outcome { UpToDate, FastForward, Merged, Conflicted };
  Outcome outcome = Outcome::UpToDate;
  std::string head;  // the commit now checked out
  std::vector<std::string> conflicts;  // kept inside the files, listed here
  std::vector<std::string> notes;
  // Files git could not merge (left with conflict markers and index
  // stages): the merge is not committed.
  std::vector<std::string> unmerged;
};
const char* to_string(PullResult::Outcome o);

// Refuses when the work tree has uncommitted changes to tracked files.
PullResult pull_dataset(Dataset& dataset, const PullOptions& options = {});

struct PushOptions {
  std::string remote = "origin";
  std::string branch;  // default: the current branch
  bool tags = true;    // push every tag too
};

// Throws Error with a clear message when the remote is a local repository
// with a work tree (libgit2 cannot push there) or when the remote has commits
// this clone lacks (pull first).
void push_dataset(const Dataset& dataset, const PushOptions& options = {});

}  // namespace vantage::core
