// File-level semantic merge, and its registration as libgit2's "vantage"
// merge driver (see merge_driver.h for why it never returns a conflict code).
#include "core/dataset/merge_driver.h"

#include <fmt/format.h>
#include <git2/sys/merge.h>
#include <tbb/parallel_invoke.h>

#include <cstdlib>
#include <filesystem>

#include "core/dataset/annotation_merge.h"
#include "core/dataset/dataset.h"
#include "core/dataset/git_util.h"
#include "core/dataset/manifest_merge.h"
#include "core/dataset/schema_merge.h"
#include "core/io/json_reader.h"
#include "core/io/native_format.h"

namespace vantage::core {

namespace fs = std::filesystem;

MergeFileKind merge_file_kind(const std::string& path) {
  const std::string name = fs::path(path).filename().string();
  if (name == kAnnotationsFileName) return MergeFileKind::Annotations;
  if (name == kSchemaFileName) return MergeFileKind::Schema;
  if (name == kDatasetFileName) return MergeFileKind::Manifest;
  return MergeFileKind::Other;
}

FileMergeResult merge_file(MergeFileKind kind, const std::optional<std::string>& base,
                           const std::string& ours, const std::string& theirs, const std::string& path,
                           const FileMergeOptions& options) {
  const std::string lb = path + " (base)", lo = path + " (" + options.ours_label + ")",
                    lt = path + " (" + options.theirs_label + ")";
  FileMergeResult r;
  switch (kind) {
    case MergeFileKind::Annotations: {
      // Parsing dominates on large files: the three sides at once.
      std::optional<Annotations> b;
      Annotations o, t;
      tbb::parallel_invoke([&] { if (base) b = annotations_from_json(parse_json_text(*base, lb), lb); },
                           [&] { o = annotations_from_json(parse_json_text(ours, lo), lo); },
                           [&] { t = annotations_from_json(parse_json_text(theirs, lt), lt); });
      AnnotationMergeOptions ao;
      ao.ours_label = options.ours_label;
      ao.theirs_label = options.theirs_label;
      ao.schema = options.schema ? &*options.schema : nullptr;
      AnnotationMergeResult m = merge_annotations(b ? &*b : nullptr, o, t, ao);
      const auto& all = m.merged.conflicts;
      for (size_t i = all.size() - m.new_conflicts; i < all.size(); ++i)
        r.conflicts.push_back(path + ": " + describe(all[i]));
      for (auto& n : m.notes) r.notes.push_back(path + ": " + n);
      r.content = annotations_to_json(m.merged);
      break;
    }
    case MergeFileKind::Schema: {
      std::optional<Schema> b;
      if (base) b = schema_from_json(parse_json_text(*base, lb), lb);
      const Schema o = schema_from_json(parse_json_text(ours, lo), lo);
      const Schema t = schema_from_json(parse_json_text(theirs, lt), lt);
      SchemaMergeResult m = merge_schemas(b ? &*b : nullptr, o, t);
      for (auto& c : m.conflicts) r.conflicts.push_back(path + ": " + c);
      for (auto& n : m.notes) r.notes.push_back(path + ": " + n);
      r.content = schema_to_json(m.merged);
      break;
    }
    case MergeFileKind::Manifest: {
      std::optional<DatasetManifest> b;
      if (base) b = manifest_from_json(*base, lb);
      const DatasetManifest o = manifest_from_json(ours, lo);
      const DatasetManifest t = manifest_from_json(theirs, lt);
      ManifestMergeResult m = merge_manifests(b ? &*b : nullptr, o, t);
      for (auto& c : m.conflicts) r.conflicts.push_back(path + ": " + c);
      r.content = manifest_to_json(m.merged);
      break;
    }
    case MergeFileKind::Other:
      throw Error(fmt::format("{}: not a file the semantic merge knows (annotations.json, schema.json, dataset.json)", path));
  }
  return r;
}

// [SECTION] libgit2 driver

struct DriverAccess {
  static MergeReportScope*& current() {
    thread_local MergeReportScope* scope = nullptr;
    return scope;
  }
  static FileMergeOptions options() {
    MergeReportScope* s = current();
    return s ? s->options_ : FileMergeOptions{};
  }
  static void report(DriverReport r) {
    if (MergeReportScope* s = current()) s->reports_.push_back(std::move(r));
  }
};

MergeReportScope::MergeReportScope(FileMergeOptions options)
    : options_(std::move(options)), previous_(DriverAccess::current()) {
  DriverAccess::current() = this;
}

MergeReportScope::~MergeReportScope() { DriverAccess::current() = previous_; }

namespace {

int driver_apply(git_merge_driver*, const char** path_out, uint32_t* mode_out, git_buf* merged_out,
                 const char*, const git_merge_driver_source* src) {
  const git_index_entry* ancestor = git_merge_driver_source_ancestor(src);
  const git_index_entry* ours = git_merge_driver_source_ours(src);
  const git_index_entry* theirs = git_merge_driver_source_theirs(src);
  if (!ours || !theirs) return GIT_PASSTHROUGH;
  const MergeFileKind kind = merge_file_kind(ours->path);
  // Bare repositories ignore .gitattributes: the driver is the default one
  // there, and hands everything it does not know back to the text merge.
  if (kind == MergeFileKind::Other) return GIT_PASSTHROUGH;
  DriverReport report;
  report.path = ours->path;
  try {
    git_repository* repo = git_merge_driver_source_repo(src);
    std::optional<std::string> base;
    if (ancestor) base = git::read_blob(repo, ancestor->id);
    FileMergeResult r = merge_file(kind, base, git::read_blob(repo, ours->id), git::read_blob(repo, theirs->id),
                                   ours->path, DriverAccess::options());
    if (git_buf_set(merged_out, r.content.data(), r.content.size()) < 0) return -1;
    *path_out = ours->path;
    *mode_out = ours->mode;
    r.content.clear();
    report.result = std::move(r);
    DriverAccess::report(std::move(report));
    return 0;
  } catch (const std::exception& e) {
    report.error = e.what();
    DriverAccess::report(std::move(report));
    return GIT_PASSTHROUGH;
  }
}

}  // namespace

void register_libgit2_merge_driver() {
  static git_merge_driver driver = {GIT_MERGE_DRIVER_VERSION, nullptr, nullptr, driver_apply};
  const int rc = git_merge_driver_register(kMergeDriverName, &driver);
  if (rc < 0 && rc != GIT_EEXISTS) git::check(rc, "registering the merge driver");
}

std::string merge_driver_command() {
  std::error_code ec;
  fs::path exe;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && self.filename() == "vantage") {
    exe = self;
  } else if (!ec && fs::exists(self.parent_path() / "vantage", ec)) {
    exe = self.parent_path() / "vantage";
  } else if (const char* d = std::getenv("VANTAGE_BIN_DIR"); d && *d && fs::exists(fs::path(d) / "vantage", ec)) {
    exe = fs::absolute(fs::path(d) / "vantage", ec);
  }
  const std::string program = exe.empty() ? std::string("vantage") : "\"" + exe.string() + "\"";
  return program + " merge-driver %O %A %B %P";
}

void install_merge_driver_config(git_repository* repo) {
  git_config* c = nullptr;
  git::check(git_repository_config(&c, repo), "opening the repository config");
  git::Config config(c);
  git::check(git_config_set_string(c, "merge.vantage.name", "Vantage semantic merge of annotations"),
             "writing merge.vantage.name");
  git::check(git_config_set_string(c, "merge.vantage.driver", merge_driver_command().c_str()),
             "writing merge.vantage.driver");
}

}  // namespace vantage::core
