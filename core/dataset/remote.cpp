// clone, pull and push through git remotes (libgit2).
#include "core/dataset/remote.h"

#include <fmt/format.h>

#include "core/dataset/git_util.h"
#include "core/dataset/merge_driver.h"
#include "core/dataset/schema_merge.h"
#include "core/dataset/versions.h"
#include "core/io/json_reader.h"
#include "core/io/native_format.h"
#include "core/version.h"

namespace vantage::core {

namespace fs = std::filesystem;

namespace {

git::Repository open_repo(const Dataset& d) {
  git::ensure_init();
  git_repository* r = nullptr;
  if (git_repository_open_ext(&r, d.root().c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) < 0)
    throw Error(fmt::format("{}: the dataset is not a git repository", d.root().string()));
  return git::Repository(r);
}

int credentials(git_credential** out, const char*, const char* username, unsigned int allowed, void*) {
  if (allowed & GIT_CREDENTIAL_SSH_KEY) return git_credential_ssh_key_from_agent(out, username ? username : "git");
  return GIT_PASSTHROUGH;
}

int certificate_check(git_cert*, int valid, const char* host, void*) {
  // Let libgit2 verify (known_hosts for ssh, the CA store for https); refuse
  // what it marks invalid.
  if (valid) return 0;
  git_error_set_str(GIT_ERROR_SSL, fmt::format("the certificate or host key of {} could not be verified", host ? host : "?").c_str());
  return GIT_ECERTIFICATE;
}

git_remote_callbacks callbacks() {
  git_remote_callbacks cb = GIT_REMOTE_CALLBACKS_INIT;
  cb.credentials = credentials;
  cb.certificate_check = certificate_check;
  return cb;
}

git::Remote lookup_remote(git_repository* repo, const std::string& name) {
  git_remote* r = nullptr;
  if (git_remote_lookup(&r, repo, name.c_str()) < 0)
    throw Error(fmt::format("the dataset has no remote '{}' (clone it from one, or add one with "
                            "`vantage dataset init-remote PATH`)",
                            name));
  return git::Remote(r);
}

void fetch(git_remote* remote) {
  git_fetch_options fo = GIT_FETCH_OPTIONS_INIT;
  fo.callbacks = callbacks();
  git::check(git_remote_fetch(remote, nullptr, &fo, "vantage: fetch"),
             fmt::format("fetching from {}", git_remote_url(remote)));
}

std::string branch_or_throw(git_repository* repo, const std::string& wanted) {
  if (!wanted.empty()) return wanted;
  const std::string b = git::current_branch(repo);
  if (b.empty()) throw Error("HEAD is detached: check out a branch first");
  return b;
}

// A local path (or file:// URL) that is a repository with a work tree.
std::optional<fs::path> non_bare_local(const std::string& url) {
  std::string path = url;
  if (path.rfind("file://", 0) == 0) path = path.substr(7);
  else if (path.find("://") != std::string::npos || (path.find(':') != std::string::npos && path.find('/') > path.find(':')))
    return std::nullopt;  // ssh/https or scp-like user@host:path
  git_repository* r = nullptr;
  if (git_repository_open_ext(&r, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) < 0) return std::nullopt;
  git::Repository repo(r);
  if (git_repository_is_bare(r)) return std::nullopt;
  return fs::path(path);
}

std::string author_name(git_commit* c) {
  const git_signature* s = git_commit_author(c);
  return s && s->name ? s->name : "";
}

}  // namespace

const char* to_string(PullResult::Outcome o) {
  switch (o) {
    case PullResult::Outcome::UpToDate:
      return "up to date";
    case PullResult::Outcome::FastForward:
      return "fast-forward";
    case PullResult::Outcome::Merged:
      return "merged";
    case PullResult::Outcome::Conflicted:
      return "conflicted";
  }
  return "?";
}

void install_merge_driver(const Dataset& d) {
  git::Repository repo = open_repo(d);
  install_merge_driver_config(repo.get());
}

Dataset clone_dataset(const std::string& remote, const fs::path& dir) {
  git::ensure_init();
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
    throw Error(fmt::format("{}: exists and is not empty", dir.string()));
  git_clone_options o = GIT_CLONE_OPTIONS_INIT;
  o.fetch_opts.callbacks = callbacks();
  git_repository* r = nullptr;
  git::check(git_clone(&r, remote.c_str(), dir.c_str(), &o), fmt::format("cloning {}", remote));
  git::Repository repo(r);
  install_merge_driver_config(r);
  if (!Dataset::find_root(dir) || !fs::exists(dir / kDatasetFileName, ec))
    throw Error(fmt::format("{}: cloned, but it holds no {} (not a Vantage dataset)", dir.string(), kDatasetFileName));
  return Dataset::open(dir);
}

void init_remote(const Dataset& d, const fs::path& path, const std::string& name) {
  git::Repository repo = open_repo(d);
  std::error_code ec;
  if (fs::exists(path, ec) && !fs::is_empty(path, ec))
    throw Error(fmt::format("{}: exists and is not empty", path.string()));
  git_repository_init_options io = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  io.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_BARE;
  const std::string branch = branch_or_throw(repo.get(), "");
  io.initial_head = branch.c_str();
  git_repository* bare = nullptr;
  git::check(git_repository_init_ext(&bare, path.c_str(), &io), fmt::format("{}: cannot create the remote", path.string()));
  git::Repository remote_repo(bare);
  git_remote* existing = nullptr;
  if (git_remote_lookup(&existing, repo.get(), name.c_str()) == 0) {
    git_remote_free(existing);
  } else {
    git_remote* created = nullptr;
    const std::string url = fs::absolute(path, ec).string();
    git::check(git_remote_create(&created, repo.get(), name.c_str(), url.c_str()), "adding the remote");
    git_remote_free(created);
  }
  PushOptions po;
  po.remote = name;
  push_dataset(d, po);
  // Plain `git pull`/`git push` in this clone know their upstream too.
  git_reference* local = nullptr;
  if (git_branch_lookup(&local, repo.get(), branch.c_str(), GIT_BRANCH_LOCAL) == 0) {
    git::Reference l(local);
    git_branch_set_upstream(local, (name + "/" + branch).c_str());
  }
}

PullResult pull_dataset(Dataset& d, const PullOptions& options) {
  git::Repository repo = open_repo(d);
  git_repository* r = repo.get();
  const std::string branch = branch_or_throw(r, options.branch);
  if (git_repository_state(r) != GIT_REPOSITORY_STATE_NONE)
    throw Error("a merge is in progress: resolve it and commit (`vantage dataset commit`) first");
  const WorkTreeStatus st = work_tree_status(d);
  if (!st.clean()) {
    std::vector<std::string> files = st.modified;
    files.insert(files.end(), st.added.begin(), st.added.end());
    files.insert(files.end(), st.deleted.begin(), st.deleted.end());
    throw Error(fmt::format("uncommitted changes ({}{}): commit them (`vantage dataset commit -m ...`) before pulling",
                            files.front(), files.size() > 1 ? fmt::format(" and {} more", files.size() - 1) : ""));
  }
  git::Remote remote = lookup_remote(r, options.remote);
  fetch(remote.get());
  const std::string upstream = fmt::format("refs/remotes/{}/{}", options.remote, branch);
  git_reference* ref = nullptr;
  if (git_reference_lookup(&ref, r, upstream.c_str()) < 0)
    throw Error(fmt::format("remote '{}' has no branch '{}'", options.remote, branch));
  git::Reference upstream_ref(ref);
  git_annotated_commit* ac = nullptr;
  git::check(git_annotated_commit_from_ref(&ac, r, ref), "reading the fetched branch");
  git::AnnotatedCommit theirs(ac);
  const git_annotated_commit* heads[] = {ac};
  git_merge_analysis_t analysis;
  git_merge_preference_t pref;
  git::check(git_merge_analysis(&analysis, &pref, r, heads, 1), "merge analysis");

  PullResult result;
  const git_oid* their_id = git_annotated_commit_id(ac);
  if (analysis & GIT_MERGE_ANALYSIS_UP_TO_DATE) {
    result.outcome = PullResult::Outcome::UpToDate;
    result.head = git::oid_text(*their_id);
    if (!git::head_is_unborn(r)) result.head = git::oid_text(*git_commit_id(git::resolve_commit(r, "HEAD").get()));
    return result;
  }
  git_commit* tc = nullptr;
  git::check(git_commit_lookup(&tc, r, their_id), "reading the fetched commit");
  git::Commit their_commit(tc);
  if ((analysis & GIT_MERGE_ANALYSIS_FASTFORWARD) || (analysis & GIT_MERGE_ANALYSIS_UNBORN)) {
    git_checkout_options co = GIT_CHECKOUT_OPTIONS_INIT;
    co.checkout_strategy = GIT_CHECKOUT_SAFE;
    git::check(git_checkout_tree(r, reinterpret_cast<git_object*>(tc), &co), "checking out the fast-forward");
    const std::string local = "refs/heads/" + branch;
    git_reference* out = nullptr;
    git::check(git_reference_create(&out, r, local.c_str(), their_id, 1, "vantage: pull (fast-forward)"),
               "moving the branch");
    git_reference_free(out);
    if (git::head_is_unborn(r) || git::current_branch(r) != branch)
      git::check(git_repository_set_head(r, local.c_str()), "setting HEAD");
    result.outcome = PullResult::Outcome::FastForward;
    result.head = git::oid_text(*their_id);
    d.reload();
    return result;
  }

  // A real merge: the semantic driver merges annotations, schema and manifest.
  git::Commit ours = git::resolve_commit(r, "HEAD");
  FileMergeOptions fo;
  fo.ours_label = fmt::format("{} ({})", branch, author_name(ours.get()));
  fo.theirs_label = fmt::format("{}/{} ({})", options.remote, branch, author_name(their_commit.get()));
  try {
    // The newest schema, so every side's annotations are migrated first.
    git_oid base_id;
    std::optional<Schema> base_schema;
    const std::string schema_file = d.manifest().schema_file;
    if (git_merge_base(&base_id, r, git_commit_id(ours.get()), their_id) == 0) {
      git_commit* bc = nullptr;
      git::check(git_commit_lookup(&bc, r, &base_id), "reading the merge base");
      git::Commit base_commit(bc);
      git::Tree bt = git::commit_tree(bc);
      if (auto text = git::read_blob(r, bt.get(), schema_file))
        base_schema = schema_from_json(parse_json_text(*text, schema_file), schema_file);
    }
    git::Tree ot = git::commit_tree(ours.get()), tt = git::commit_tree(tc);
    auto os = git::read_blob(r, ot.get(), schema_file), ts = git::read_blob(r, tt.get(), schema_file);
    if (os && ts)
      fo.schema = merge_schemas(base_schema ? &*base_schema : nullptr,
                                schema_from_json(parse_json_text(*os, schema_file), schema_file),
                                schema_from_json(parse_json_text(*ts, schema_file), schema_file))
                      .merged;
  } catch (const Error&) {
    fo.schema.reset();  // a broken schema file: the driver reports it per file
  }
  MergeReportScope scope(fo);
  git_merge_options mo = GIT_MERGE_OPTIONS_INIT;
  mo.default_driver = kMergeDriverName;
  mo.file_favor = GIT_MERGE_FILE_FAVOR_NORMAL;
  git_checkout_options co = GIT_CHECKOUT_OPTIONS_INIT;
  co.checkout_strategy = GIT_CHECKOUT_SAFE | GIT_CHECKOUT_ALLOW_CONFLICTS;
  git::check(git_merge(r, heads, 1, &mo, &co), "merging");
  for (const DriverReport& rep : scope.reports()) {
    if (!rep.error.empty()) result.notes.push_back(fmt::format("{}: semantic merge failed ({}); git's text merge was used", rep.path, rep.error));
    for (const auto& c : rep.result.conflicts) result.conflicts.push_back(c);
    for (const auto& n : rep.result.notes) result.notes.push_back(n);
  }
  git_index* idx = nullptr;
  git::check(git_repository_index(&idx, r), "opening the index");
  git::Index index(idx);
  if (git_index_has_conflicts(idx)) {
    git_index_conflict_iterator* it = nullptr;
    git::check(git_index_conflict_iterator_new(&it, idx), "listing conflicts");
    const git_index_entry *a, *o, *t;
    while (git_index_conflict_next(&a, &o, &t, it) == 0)
      result.unmerged.push_back(o ? o->path : t ? t->path : a->path);
    git_index_conflict_iterator_free(it);
    result.outcome = PullResult::Outcome::Conflicted;
    result.head = git::oid_text(*git_commit_id(ours.get()));
    d.reload();
    return result;
  }
  CommitOptions cm;
  cm.message = fmt::format("Merge {}/{} into {}", options.remote, branch, branch);
  if (!result.conflicts.empty())
    cm.message += fmt::format("\n\n{} conflict{} kept in the files for review.", result.conflicts.size(),
                              result.conflicts.size() == 1 ? "" : "s");
  cm.author = options.author;
  cm.index_as_is = true;
  cm.allow_empty = true;
  const auto commit = commit_dataset(d, cm);
  result.outcome = PullResult::Outcome::Merged;
  result.head = commit ? commit->id : std::string();
  d.reload();
  return result;
}

void push_dataset(const Dataset& d, const PushOptions& options) {
  git::Repository repo = open_repo(d);
  git_repository* r = repo.get();
  const std::string branch = branch_or_throw(r, options.branch);
  git::Remote remote = lookup_remote(r, options.remote);
  const std::string url = git_remote_url(remote.get()) ? git_remote_url(remote.get()) : "";
  if (auto p = non_bare_local(url))
    throw Error(fmt::format("{}: is a repository with a work tree; libgit2 cannot push to a non-bare "
                            "local repository. Share a bare one instead (`vantage dataset init-remote "
                            "PATH` or `git init --bare PATH`) and push there",
                            p->string()));
  // Refuse a push that would drop the remote's commits (pull first).
  fetch(remote.get());
  const std::string upstream = fmt::format("refs/remotes/{}/{}", options.remote, branch);
  git_reference* ref = nullptr;
  if (git_reference_lookup(&ref, r, upstream.c_str()) == 0) {
    git::Reference up(ref);
    const git_oid* theirs = git_reference_target(ref);
    git::Commit mine = git::resolve_commit(r, "refs/heads/" + branch);
    const git_oid* ours = git_commit_id(mine.get());
    if (theirs && !git_oid_equal(theirs, ours) && git_graph_descendant_of(r, ours, theirs) != 1)
      throw Error(fmt::format("the remote's {} has commits this dataset lacks: run `vantage dataset pull` first",
                              branch));
  }
  std::vector<std::string> specs{fmt::format("refs/heads/{0}:refs/heads/{0}", branch)};
  if (options.tags)
    for (const std::string& t : list_tags(d)) specs.push_back(fmt::format("refs/tags/{0}:refs/tags/{0}", t));
  std::vector<char*> ptrs;
  for (auto& s : specs) ptrs.push_back(s.data());
  git_strarray refspecs{ptrs.data(), ptrs.size()};
  struct Rejections {
    std::vector<std::string> lines;
  } rejected;
  git_push_options po = GIT_PUSH_OPTIONS_INIT;
  po.callbacks = callbacks();
  po.callbacks.payload = &rejected;
  po.callbacks.push_update_reference = [](const char* refname, const char* status, void* payload) {
    if (status) static_cast<Rejections*>(payload)->lines.push_back(fmt::format("{}: {}", refname, status));
    return 0;
  };
  const int rc = git_remote_push(remote.get(), &refspecs, &po);
  if (rc == GIT_EBAREREPO)
    throw Error(fmt::format("{}: libgit2 cannot push to a non-bare local repository; use a bare one", url));
  git::check(rc, fmt::format("pushing to {}", url));
  if (!rejected.lines.empty()) {
    std::string all;
    for (const auto& l : rejected.lines) all += (all.empty() ? "" : "; ") + l;
    throw Error(fmt::format("the remote refused: {}", all));
  }
  // Record the pushed branch as the remote's, like git push does.
  git_reference* out = nullptr;
  git::Commit mine = git::resolve_commit(r, "refs/heads/" + branch);
  if (git_reference_create(&out, r, upstream.c_str(), git_commit_id(mine.get()), 1, "vantage: push") == 0)
    git_reference_free(out);
}

}  // namespace vantage::core
