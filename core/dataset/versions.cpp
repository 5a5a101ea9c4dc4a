// Commit, log, tag, read-only views and file reads at a revision (libgit2).
#include "core/dataset/versions.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>

#include "core/dataset/git_util.h"
#include "core/dataset/merge_driver.h"
#include "core/io/file_util.h"
#include "core/io/json_reader.h"
#include "core/io/json_writer.h"
#include "core/io/native_format.h"
#include "core/util/error.h"
#include "core/version.h"

namespace vantage::core {

namespace fs = std::filesystem;

namespace {

constexpr const char* kTrailer = "Vantage-Version: ";

git::Repository open_repo(const Dataset& d) {
  git::ensure_init();
  git_repository* r = nullptr;
  if (git_repository_open_ext(&r, d.root().c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) < 0)
    throw Error(fmt::format("{}: the dataset has no version history (not a git repository; "
                            "`vantage dataset init` creates one)",
                            d.root().string()));
  return git::Repository(r);
}

git::Signature make_signature(git_repository* repo, const std::string& author) {
  git_signature* s = nullptr;
  if (!author.empty()) {
    const auto [name, email] = parse_author(author);
    git::check(git_signature_now(&s, name.c_str(), email.c_str()), "author");
    return git::Signature(s);
  }
  if (git_signature_default(&s, repo) == 0) return git::Signature(s);
  if (const char* env = std::getenv("VANTAGE_AUTHOR"); env && *env) return make_signature(repo, env);
  const char* user = std::getenv("USER");
  const std::string name = user && *user ? user : "vantage";
  git::check(git_signature_now(&s, name.c_str(), (name + "@localhost").c_str()), "author");
  return git::Signature(s);
}

std::string tool_version_of(const std::string& message) {
  const size_t p = message.find(kTrailer);
  if (p == std::string::npos) return {};
  const size_t start = p + std::strlen(kTrailer);
  const size_t end = message.find('\n', start);
  return message.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::map<std::string, std::vector<std::string>> tags_by_commit(git_repository* repo) {
  std::map<std::string, std::vector<std::string>> out;
  git_strarray names{};
  if (git_tag_list(&names, repo) < 0) return out;
  for (size_t i = 0; i < names.count; ++i) {
    const std::string ref = std::string("refs/tags/") + names.strings[i];
    git_object* obj = nullptr;
    if (git_revparse_single(&obj, repo, ref.c_str()) < 0) continue;
    git::Object o(obj);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) continue;
    git::Object p(peeled);
    out[git::oid_text(*git_object_id(peeled))].push_back(names.strings[i]);
  }
  git_strarray_dispose(&names);
  return out;
}

CommitInfo info_of(git_commit* c, const std::map<std::string, std::vector<std::string>>& tags) {
  CommitInfo i;
  const git_oid* id = git_commit_id(c);
  i.id = git::oid_text(*id);
  i.short_id = git::short_oid(*id);
  const git_signature* a = git_commit_author(c);
  i.author = a->name ? a->name : "";
  i.email = a->email ? a->email : "";
  i.time_s = a->when.time;
  i.offset_minutes = a->when.offset;
  const char* msg = git_commit_message(c);
  i.message = msg ? msg : "";
  const char* summary = git_commit_summary(c);
  i.summary = summary ? summary : "";
  i.tool_version = tool_version_of(i.message);
  for (unsigned p = 0; p < git_commit_parentcount(c); ++p)
    i.parents.push_back(git::oid_text(*git_commit_parent_id(c, p)));
  if (auto t = tags.find(i.id); t != tags.end()) i.tags = t->second;
  return i;
}

struct MergeHeads {
  std::vector<git_oid> ids;
};

int collect_merge_head(const git_oid* id, void* payload) {
  static_cast<MergeHeads*>(payload)->ids.push_back(*id);
  return 0;
}

}  // namespace

std::pair<std::string, std::string> parse_author(const std::string& text) {
  const size_t lt = text.find('<'), gt = text.rfind('>');
  if (lt == std::string::npos || gt == std::string::npos || gt < lt)
    throw Error(fmt::format("author \"{}\": expected \"Name <email>\"", text));
  std::string name = text.substr(0, lt);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  const std::string email = text.substr(lt + 1, gt - lt - 1);
  if (name.empty()) throw Error(fmt::format("author \"{}\": the name is empty", text));
  return {name, email};
}

void init_repository(const fs::path& root) {
  git::ensure_init();
  git_repository* r = nullptr;
  git_repository_init_options o = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  o.flags = GIT_REPOSITORY_INIT_MKPATH;
  o.initial_head = "main";
  git::check(git_repository_init_ext(&r, root.c_str(), &o),
             fmt::format("{}: cannot create a git repository", root.string()));
  git::Repository repo(r);
  install_merge_driver_config(repo.get());
}

std::optional<CommitInfo> commit_dataset(const Dataset& d, const CommitOptions& options) {
  git::Repository repo = open_repo(d);
  git_repository* r = repo.get();
  if (options.message.empty()) throw Error("a commit needs a message (-m)");
  git_index* idx = nullptr;
  git::check(git_repository_index(&idx, r), "opening the index");
  git::Index index(idx);
  if (options.index_as_is) {
    // The merge staged its result.
  } else if (options.only.empty()) {
    char star[] = "*";
    char* paths[] = {star};
    git_strarray ps{paths, 1};
    git::check(git_index_add_all(idx, &ps, GIT_INDEX_ADD_DEFAULT, nullptr, nullptr), "staging");
    git::check(git_index_update_all(idx, &ps, nullptr, nullptr), "staging deletions");
  } else {
    for (const std::string& p : options.only) {
      std::error_code ec;
      if (fs::exists(d.root() / p, ec))
        git::check(git_index_add_bypath(idx, p.c_str()), fmt::format("staging {}", p));
      else
        git_index_remove_bypath(idx, p.c_str());
    }
  }
  if (git_index_has_conflicts(idx))
    throw Error("the merge left files conflicted: resolve them (see `vantage dataset status`) first");
  git::check(git_index_write(idx), "writing the index");
  git_oid tree_id;
  git::check(git_index_write_tree(&tree_id, idx), "writing the tree");
  git_tree* t = nullptr;
  git::check(git_tree_lookup(&t, r, &tree_id), "reading the tree");
  git::Tree tree(t);

  std::vector<git::Commit> parents;
  if (!git::head_is_unborn(r)) parents.push_back(git::resolve_commit(r, "HEAD"));
  const bool merging = git_repository_state(r) == GIT_REPOSITORY_STATE_MERGE;
  if (merging) {
    MergeHeads heads;
    git_repository_mergehead_foreach(r, collect_merge_head, &heads);
    for (const git_oid& id : heads.ids) {
      git_commit* c = nullptr;
      git::check(git_commit_lookup(&c, r, &id), "reading MERGE_HEAD");
      parents.emplace_back(c);
    }
  }
  if (!merging && !options.allow_empty && !parents.empty() &&
      git_oid_equal(git_commit_tree_id(parents[0].get()), &tree_id))
    return std::nullopt;

  git::Signature sig = make_signature(r, options.author);
  std::string message = options.message;
  while (!message.empty() && message.back() == '\n') message.pop_back();
  message += fmt::format("\n\n{}{}\n", kTrailer, kVersion);
  std::vector<const git_commit*> pp;
  for (const auto& p : parents) pp.push_back(p.get());
  git_oid id;
  git::check(git_commit_create(&id, r, "HEAD", sig.get(), sig.get(), nullptr, message.c_str(),
                               tree.get(), pp.size(), pp.empty() ? nullptr : pp.data()),
             "creating the commit");
  if (merging) git_repository_state_cleanup(r);
  git_commit* c = nullptr;
  git::check(git_commit_lookup(&c, r, &id), "reading the new commit");
  git::Commit commit(c);
  return info_of(c, {});
}

std::vector<CommitInfo> dataset_log(const Dataset& d, const std::string& revision, size_t limit) {
  git::Repository repo = open_repo(d);
  git_repository* r = repo.get();
  std::vector<CommitInfo> out;
  if (revision == "HEAD" && git::head_is_unborn(r)) return out;
  git::Commit start = git::resolve_commit(r, revision);
  git_revwalk* w = nullptr;
  git::check(git_revwalk_new(&w, r), "log");
  git::Revwalk walk(w);
  git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
  git::check(git_revwalk_push(w, git_commit_id(start.get())), "log");
  const auto tags = tags_by_commit(r);
  git_oid id;
  while (git_revwalk_next(&id, w) == 0) {
    git_commit* c = nullptr;
    git::check(git_commit_lookup(&c, r, &id), "log");
    git::Commit commit(c);
    out.push_back(info_of(c, tags));
    if (limit && out.size() >= limit) break;
  }
  return out;
}

CommitInfo describe_commit(const Dataset& d, const std::string& revision) {
  git::Repository repo = open_repo(d);
  git::Commit c = git::resolve_commit(repo.get(), revision);
  return info_of(c.get(), tags_by_commit(repo.get()));
}

CommitInfo tag_revision(const Dataset& d, const std::string& name, const std::string& revision,
                        const std::string& message, const std::string& author) {
  git::Repository repo = open_repo(d);
  git_repository* r = repo.get();
  if (name.empty()) throw Error("a tag needs a name");
  git::Commit c = git::resolve_commit(r, revision);
  git::Signature sig = make_signature(r, author);
  const std::string msg = message.empty() ? fmt::format("Dataset version {}\n", name) : message + "\n";
  git_oid id;
  const int rc = git_tag_create(&id, r, name.c_str(), reinterpret_cast<const git_object*>(c.get()),
                                sig.get(), msg.c_str(), 0);
  if (rc == GIT_EEXISTS) throw Error(fmt::format("tag '{}' already exists", name));
  git::check(rc, fmt::format("creating tag '{}'", name));
  return info_of(c.get(), tags_by_commit(r));
}

std::vector<std::string> list_tags(const Dataset& d) {
  git::Repository repo = open_repo(d);
  git_strarray names{};
  git::check(git_tag_list(&names, repo.get()), "listing tags");
  std::vector<std::string> out(names.strings, names.strings + names.count);
  git_strarray_dispose(&names);
  return out;
}

namespace {

struct ViewWriter {
  git_repository* repo;
  fs::path out;
  std::vector<fs::path> files;
  std::string error;
};

int write_view_entry(const char* root, const git_tree_entry* entry, void* payload) {
  auto* v = static_cast<ViewWriter*>(payload);
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return 0;
  const fs::path rel = fs::path(root) / git_tree_entry_name(entry);
  try {
    const fs::path dst = v->out / rel;
    fs::create_directories(dst.parent_path());
    write_file_atomic(dst, git::read_blob(v->repo, *git_tree_entry_id(entry)), {false, false});
    v->files.push_back(rel);
  } catch (const std::exception& e) {
    v->error = e.what();
    return -1;
  }
  return 0;
}

}  // namespace

CommitInfo write_revision_view(const Dataset& d, const std::string& revision, const fs::path& out) {
  git::Repository repo = open_repo(d);
  git_repository* r = repo.get();
  git::Commit c = git::resolve_commit(r, revision);
  const CommitInfo info = info_of(c.get(), tags_by_commit(r));
  std::error_code ec;
  const fs::path marker = out / ".vantage-view.json";
  if (fs::exists(out, ec)) {
    if (fs::exists(marker, ec)) {
      const Json j = parse_json_file(marker);
      if (j.value("commit", "") == info.id) return info;  // the same view, already written
    }
    if (!fs::is_empty(out, ec))
      throw Error(fmt::format("{}: exists and is not a view of {} (choose another --out)", out.string(), revision));
  }
  fs::create_directories(out, ec);
  if (ec) throw Error(fmt::format("{}: cannot create folder: {}", out.string(), ec.message()));
  git::Tree tree = git::commit_tree(c.get());
  ViewWriter v{r, out, {}, {}};
  if (git_tree_walk(tree.get(), GIT_TREEWALK_PRE, write_view_entry, &v) < 0)
    throw Error(fmt::format("{}: writing the view failed: {}", out.string(), v.error));
  // Sensor paths relative to each sequence folder must keep reaching the data.
  for (const fs::path& rel : v.files) {
    if (rel.filename() != kSequenceFileName) continue;
    const fs::path dst = out / rel;
    Sequence seq = load_sequence_file(dst);
    rebase_file_paths(seq, d.root() / rel.parent_path(), dst.parent_path());
    write_file_atomic(dst, sequence_to_json(seq), {false, false});
  }
  JsonWriter w;
  w.begin_object();
  w.member("format", "vantage.view").member("dataset", d.root().string());
  w.member("revision", revision).member("commit", info.id);
  w.end_object();
  write_file_atomic(marker, w.take() + "\n", {false, false});
  for (const fs::path& rel : v.files)
    fs::permissions(out / rel, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read,
                    fs::perm_options::replace, ec);
  return info;
}

std::optional<std::string> read_dataset_file(const Dataset& d, const std::string& revision,
                                             const std::string& path) {
  if (revision.empty()) {
    std::error_code ec;
    const fs::path p = d.root() / path;
    if (!fs::is_regular_file(p, ec)) return std::nullopt;
    return read_file_to_string(p);
  }
  git::Repository repo = open_repo(d);
  git::Commit c = git::resolve_commit(repo.get(), revision);
  git::Tree tree = git::commit_tree(c.get());
  return git::read_blob(repo.get(), tree.get(), path);
}

namespace {
struct Lister {
  std::string prefix;
  std::vector<std::string>* out;
};
int list_entry(const char* root, const git_tree_entry* entry, void* payload) {
  auto* l = static_cast<Lister*>(payload);
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return 0;
  l->out->push_back(l->prefix + root + git_tree_entry_name(entry));
  return 0;
}
}  // namespace

std::vector<std::string> list_dataset_files(const Dataset& d, const std::string& revision,
                                            const std::string& prefix) {
  std::vector<std::string> out;
  std::string dir = prefix;
  while (!dir.empty() && dir.back() == '/') dir.pop_back();
  if (revision.empty()) {
    std::error_code ec;
    const fs::path base = dir.empty() ? d.root() : d.root() / dir;
    if (!fs::is_directory(base, ec)) return out;
    for (auto it = fs::recursive_directory_iterator(base, ec); it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file(ec)) out.push_back(fs::relative(it->path(), d.root(), ec).generic_string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  git::Repository repo = open_repo(d);
  git::Commit c = git::resolve_commit(repo.get(), revision);
  git::Tree tree = git::commit_tree(c.get());
  Lister l{dir.empty() ? "" : dir + "/", &out};
  if (dir.empty()) {
    git_tree_walk(tree.get(), GIT_TREEWALK_PRE, list_entry, &l);
    return out;
  }
  git_tree_entry* e = nullptr;
  if (git_tree_entry_bypath(&e, tree.get(), dir.c_str()) < 0) return out;
  git::TreeEntry entry(e);
  if (git_tree_entry_type(e) != GIT_OBJECT_TREE) return out;
  git_tree* sub = nullptr;
  git::check(git_tree_lookup(&sub, repo.get(), git_tree_entry_id(e)), "reading a folder");
  git::Tree subtree(sub);
  git_tree_walk(sub, GIT_TREEWALK_PRE, list_entry, &l);
  return out;
}

DatasetManifest load_manifest_at(const Dataset& d, const std::string& revision) {
  if (revision.empty()) return d.manifest();
  auto text = read_dataset_file(d, revision, kDatasetFileName);
  if (!text) throw Error(fmt::format("revision {} has no {}", revision, kDatasetFileName));
  return manifest_from_json(*text, fmt::format("{}:{}", revision, kDatasetFileName));
}

Document load_sequence_at(const Dataset& d, const std::string& revision, const SequenceEntry& e) {
  const fs::path folder = d.sequence_folder(e);
  if (revision.empty()) return load_native(folder);
  git::Repository repo = open_repo(d);
  git::Commit c = git::resolve_commit(repo.get(), revision);
  git::Tree tree = git::commit_tree(c.get());
  auto read = [&](const char* name) -> std::optional<std::pair<std::string, std::string>> {
    const std::string path = e.path + "/" + name;
    auto text = git::read_blob(repo.get(), tree.get(), path);
    if (!text) return std::nullopt;
    return std::make_pair(std::move(*text), fmt::format("{}:{}", revision, path));
  };
  Document doc;
  doc.folder = folder;
  auto seq = read(kSequenceFileName);
  if (!seq) throw Error(fmt::format("revision {} has no sequence '{}' ({} missing)", revision, e.name, e.path));
  doc.sequence = sequence_from_json(parse_json_text(seq->first, seq->second), seq->second);
  if (auto sch = read(kSchemaFileName))
    doc.schema = schema_from_json(parse_json_text(sch->first, sch->second), sch->second);
  else
    doc.schema = default_schema();
  if (auto ann = read(kAnnotationsFileName)) {
    doc.annotations = annotations_from_json(parse_json_text(ann->first, ann->second), ann->second);
    migrate_annotations(doc.schema, doc.annotations);
  } else {
    doc.annotations.metadata.schema_version = doc.schema.version;
  }
  return doc;
}

WorkTreeStatus work_tree_status(const Dataset& d) {
  git::Repository repo = open_repo(d);
  WorkTreeStatus s;
  s.branch = git::current_branch(repo.get());
  s.merging = git_repository_state(repo.get()) == GIT_REPOSITORY_STATE_MERGE;
  git_status_options o = GIT_STATUS_OPTIONS_INIT;
  o.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  o.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
            GIT_STATUS_OPT_SORT_CASE_SENSITIVELY;
  git_status_list* list = nullptr;
  git::check(git_status_list_new(&list, repo.get(), &o), "status");
  git::StatusList sl(list);
  const size_t n = git_status_list_entrycount(list);
  for (size_t i = 0; i < n; ++i) {
    const git_status_entry* e = git_status_byindex(list, i);
    const git_diff_delta* delta = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
    if (!delta) continue;
    const std::string path = delta->new_file.path ? delta->new_file.path : delta->old_file.path;
    const unsigned st = e->status;
    if (st & GIT_STATUS_WT_NEW && !(st & GIT_STATUS_INDEX_NEW))
      s.untracked.push_back(path);
    else if (st & (GIT_STATUS_WT_DELETED | GIT_STATUS_INDEX_DELETED))
      s.deleted.push_back(path);
    else if (st & GIT_STATUS_INDEX_NEW)
      s.added.push_back(path);
    else if (st & (GIT_STATUS_WT_MODIFIED | GIT_STATUS_INDEX_MODIFIED | GIT_STATUS_CONFLICTED |
                   GIT_STATUS_WT_TYPECHANGE | GIT_STATUS_WT_RENAMED))
      s.modified.push_back(path);
  }
  return s;
}

}  // namespace vantage::core
