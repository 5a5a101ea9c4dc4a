#pragma once
// Thin RAII over libgit2 for core/dataset's .cpp files (not a public API:
// the dataset headers speak std types). Every libgit2 call goes through
// check(), which throws core::Error with libgit2's own message.

#include <git2.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/util/error.h"

namespace vantage::core::git {

// Initialises libgit2 once per process and registers the in-process merge
// driver (merge_driver.h) before any merge can run: libgit2's driver
// registry is not thread-safe.
void ensure_init();

// Throws Error("<what>: <libgit2 message>") when rc < 0; returns rc.
int check(int rc, const std::string& what);

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const {
    if (p) Free(p);
  }
};
template <class T, void (*Free)(T*)>
using Ptr = std::unique_ptr<T, Deleter<T, Free>>;

using Repository = Ptr<git_repository, git_repository_free>;
using Commit = Ptr<git_commit, git_commit_free>;
using Tree = Ptr<git_tree, git_tree_free>;
using TreeEntry = Ptr<git_tree_entry, git_tree_entry_free>;
using Blob = Ptr<git_blob, git_blob_free>;
using Index = Ptr<git_index, git_index_free>;
using Object = Ptr<git_object, git_object_free>;
using Reference = Ptr<git_reference, git_reference_free>;
using Signature = Ptr<git_signature, git_signature_free>;
using Revwalk = Ptr<git_revwalk, git_revwalk_free>;
using Remote = Ptr<git_remote, git_remote_free>;
using AnnotatedCommit = Ptr<git_annotated_commit, git_annotated_commit_free>;
using Config = Ptr<git_config, git_config_free>;
using Tag = Ptr<git_tag, git_tag_free>;
using StatusList = Ptr<git_status_list, git_status_list_free>;

struct BufGuard {
  git_buf buf = GIT_BUF_INIT;
  ~BufGuard() { git_buf_dispose(&buf); }
};

std::string oid_text(const git_oid& id);
std::string short_oid(const git_oid& id);

Repository open(const std::filesystem::path& path);
// The repository whose work tree contains `path`, or null.
Repository discover(const std::filesystem::path& path);
std::filesystem::path workdir(git_repository* repo);

// The commit a revision text names ("HEAD", "v1", "main~2", an id). Throws
// Error naming the revision when there is none.
Commit resolve_commit(git_repository* repo, const std::string& revision);
Tree commit_tree(git_commit* commit);
// The blob at `path` in `tree`; nullopt when the path is not there.
std::optional<std::string> read_blob(git_repository* repo, git_tree* tree, const std::string& path);
std::string read_blob(git_repository* repo, const git_oid& id);
// The id `git hash-object FILE` prints, without storing anything.
std::string hash_file(const std::filesystem::path& file);

// The checked-out branch name ("main"), empty when HEAD is detached or unborn.
std::string current_branch(git_repository* repo);
bool head_is_unborn(git_repository* repo);

}  // namespace vantage::core::git
