#include "core/dataset/git_util.h"

#include <fmt/format.h>

#include <mutex>

#include "core/dataset/merge_driver.h"

namespace vantage::core::git {

namespace fs = std::filesystem;

void ensure_init() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    register_libgit2_merge_driver();
  });
}

int check(int rc, const std::string& what) {
  if (rc >= 0) return rc;
  const git_error* e = git_error_last();
  throw Error(fmt::format("{}: {}", what, e && e->message ? e->message : fmt::format("libgit2 error {}", rc)));
}

std::string oid_text(const git_oid& id) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &id);
  return buf;
}

std::string short_oid(const git_oid& id) { return oid_text(id).substr(0, 10); }

Repository open(const fs::path& path) {
  ensure_init();
  git_repository* r = nullptr;
  check(git_repository_open_ext(&r, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr),
        fmt::format("{}: cannot open the git repository", path.string()));
  return Repository(r);
}

Repository discover(const fs::path& path) {
  ensure_init();
  git_repository* r = nullptr;
  if (git_repository_open_ext(&r, path.c_str(), 0, nullptr) < 0) return nullptr;
  return Repository(r);
}

fs::path workdir(git_repository* repo) {
  const char* w = git_repository_workdir(repo);
  return w ? fs::path(w) : fs::path();
}

Commit resolve_commit(git_repository* repo, const std::string& revision) {
  git_object* obj = nullptr;
  if (git_revparse_single(&obj, repo, revision.c_str()) < 0) {
    const git_error* e = git_error_last();
    throw Error(fmt::format("unknown revision '{}'{}", revision,
                            e && e->message ? fmt::format(" ({})", e->message) : ""));
  }
  Object o(obj);
  git_object* peeled = nullptr;
  check(git_object_peel(&peeled, o.get(), GIT_OBJECT_COMMIT),
        fmt::format("revision '{}' is not a commit", revision));
  return Commit(reinterpret_cast<git_commit*>(peeled));
}

Tree commit_tree(git_commit* commit) {
  git_tree* t = nullptr;
  check(git_commit_tree(&t, commit), "reading a commit's tree");
  return Tree(t);
}

std::string read_blob(git_repository* repo, const git_oid& id) {
  git_blob* b = nullptr;
  check(git_blob_lookup(&b, repo, &id), fmt::format("reading blob {}", oid_text(id)));
  Blob blob(b);
  return std::string(static_cast<const char*>(git_blob_rawcontent(b)),
                     static_cast<size_t>(git_blob_rawsize(b)));
}

std::optional<std::string> read_blob(git_repository* repo, git_tree* tree, const std::string& path) {
  git_tree_entry* e = nullptr;
  if (git_tree_entry_bypath(&e, tree, path.c_str()) < 0) return std::nullopt;
  TreeEntry entry(e);
  if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) return std::nullopt;
  return read_blob(repo, *git_tree_entry_id(e));
}

std::string hash_file(const fs::path& file) {
  ensure_init();
  git_oid id;
  check(git_odb_hashfile(&id, file.c_str(), GIT_OBJECT_BLOB), fmt::format("{}: cannot hash", file.string()));
  return oid_text(id);
}

std::string current_branch(git_repository* repo) {
  git_reference* ref = nullptr;
  if (git_repository_head(&ref, repo) < 0) {
    // Unborn branch: HEAD names it symbolically.
    git_reference* head = nullptr;
    if (git_reference_lookup(&head, repo, "HEAD") < 0) return {};
    Reference h(head);
    const char* target = git_reference_symbolic_target(head);
    if (!target) return {};
    std::string t = target;
    const std::string prefix = "refs/heads/";
    return t.rfind(prefix, 0) == 0 ? t.substr(prefix.size()) : std::string();
  }
  Reference r(ref);
  if (!git_reference_is_branch(ref)) return {};
  const char* name = nullptr;
  if (git_branch_name(&name, ref) < 0) return {};
  return name;
}

bool head_is_unborn(git_repository* repo) { return git_repository_head_unborn(repo) == 1; }

}  // namespace vantage::core::git
