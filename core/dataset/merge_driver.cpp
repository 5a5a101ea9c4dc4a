// File-level semantic merge, and its registration as libgit2's "vantage"
// merge driver (see merge_driver.h for why it never returns a conflict code).
#include "core/dataset/merge_driver.h"

#include <fmt/format.h>
#include <git2/sys/merge.h>
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/dataset/annotation_merge.h"
#include "core/dataset/dataset.h"
#include "core/dataset/git_util.h"
#include "core/dataset/manifest_merge.h"
#include "core/dataset/object_chunks.h"
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

namespace {

// The annotations merge on files in the writer's layout: objects whose text
// decides the three-way pick (equal on both sides, or unchanged on one) are
// taken as text; only the others are parsed and merged, together with the
// non-object parts. Gives the same bytes as the whole-file merge on
// canonical input. nullopt: not applicable (layout, pending migrations).
std::optional<FileMergeResult> merge_annotations_by_object(const std::optional<std::string>& base,
                                                           const std::string& ours, const std::string& theirs,
                                                           const std::string& path, const std::string& lb,
                                                           const std::string& lo, const std::string& lt,
                                                           const AnnotationMergeOptions& ao) {
  static const std::string kNone = annotations_to_json(Annotations{});
  std::optional<ObjectChunks> cb, co, ct;
  tbb::parallel_invoke([&] { cb = split_objects(base ? *base : kNone); }, [&] { co = split_objects(ours); },
                       [&] { ct = split_objects(theirs); });
  if (!cb || !co || !ct) return std::nullopt;
  struct Pick {
    ObjectId id;
    std::string_view text;
  };
  std::vector<Pick> taken;
  std::vector<std::string_view> xb, xo, xt;
  ObjectId max_id = -1;
  size_t ib = 0, io = 0, it = 0;
  auto id_at = [](const ObjectChunks& c, size_t i) { return i < c.objects.size() ? c.objects[i].id : INT64_MAX; };
  while (true) {
    const ObjectId id = std::min({id_at(*cb, ib), id_at(*co, io), id_at(*ct, it)});
    if (id == INT64_MAX) break;
    max_id = id;
    const std::string_view* b = id_at(*cb, ib) == id ? &cb->objects[ib++].text : nullptr;
    const std::string_view* o = id_at(*co, io) == id ? &co->objects[io++].text : nullptr;
    const std::string_view* t = id_at(*ct, it) == id ? &ct->objects[it++].text : nullptr;
    auto same = [](const std::string_view* x, const std::string_view* y) { return (!x || !y) ? x == y : *x == *y; };
    const std::string_view* pick = nullptr;
    bool decided = true;
    if (same(o, t)) pick = o;
    else if (same(b, o)) pick = t;
    else if (same(b, t)) pick = o;
    else decided = false;
    if (decided) {
      if (pick) taken.push_back({id, *pick});
      continue;
    }
    if (b) xb.push_back(*b);
    if (o) xo.push_back(*o);
    if (t) xt.push_back(*t);
  }
  Annotations ab, ao_, at;
  Annotations pb, po, pt;
  tbb::parallel_invoke([&] { ab = annotations_from_json(parse_json_text(cb->rest, lb), lb); },
                       [&] { ao_ = annotations_from_json(parse_json_text(co->rest, lo), lo); },
                       [&] { at = annotations_from_json(parse_json_text(ct->rest, lt), lt); },
                       [&] { pb = parse_objects(xb, lb); }, [&] { po = parse_objects(xo, lo); },
                       [&] { pt = parse_objects(xt, lt); });
  // A side waiting for a migration changes every object of a class: merge whole.
  if (ao.schema)
    for (const Annotations* a : {&ab, &ao_, &at})
      if (a->metadata.schema_version < ao.schema->version) return std::nullopt;
  ab.objects = std::move(pb.objects);
  ao_.objects = std::move(po.objects);
  at.objects = std::move(pt.objects);
  AnnotationMergeOptions opt = ao;
  opt.first_new_id = std::max(opt.first_new_id, max_id + 1);
  AnnotationMergeResult m = merge_annotations(base ? &ab : nullptr, ao_, at, opt);
  FileMergeResult r;
  const auto& all = m.merged.conflicts;
  for (size_t i = all.size() - m.new_conflicts; i < all.size(); ++i) r.conflicts.push_back(path + ": " + describe(all[i]));
  for (auto& n : m.notes) r.notes.push_back(path + ": " + n);
  // The merged objects as the writer writes them, then all objects in id order.
  Annotations merged_objects;
  merged_objects.objects = std::move(m.merged.objects);
  m.merged.objects.clear();
  const std::string merged_text = annotations_to_json(merged_objects);
  const std::optional<ObjectChunks> mc = split_objects(merged_text);
  if (!mc) return std::nullopt;
  for (const ObjectChunk& c : mc->objects) taken.push_back({c.id, c.text});
  std::sort(taken.begin(), taken.end(), [](const Pick& x, const Pick& y) { return x.id < y.id; });
  std::vector<std::string_view> blocks;
  blocks.reserve(taken.size());
  for (const Pick& p : taken) blocks.push_back(p.text);
  r.content = join_objects(annotations_to_json(m.merged), blocks);
  return r;
}

}  // namespace

FileMergeResult merge_file(MergeFileKind kind, const std::optional<std::string>& base,
                           const std::string& ours, const std::string& theirs, const std::string& path,
                           const FileMergeOptions& options) {
  const std::string lb = path + " (base)", lo = path + " (" + options.ours_label + ")",
                    lt = path + " (" + options.theirs_label + ")";
  FileMergeResult r;
  switch (kind) {
    case MergeFileKind::Annotations: {
      AnnotationMergeOptions ao;
      ao.ours_label = options.ours_label;
      ao.theirs_label = options.theirs_label;
      ao.schema = options.schema ? &*options.schema : nullptr;
      if (!options.whole_files) {
        try {
          if (auto fast = merge_annotations_by_object(base, ours, theirs, path, lb, lo, lt, ao)) return *fast;
        } catch (const Error&) {
          // Merged whole below: its errors name the right place in the file.
        }
      }
      // Parsing dominates on large files: the three sides at once.
      std::optional<Annotations> b;
      Annotations o, t;
      tbb::parallel_invoke([&] { if (base) b = annotations_from_json(parse_json_text(*base, lb), lb); },
                           [&] { o = annotations_from_json(parse_json_text(ours, lo), lo); },
                           [&] { t = annotations_from_json(parse_json_text(theirs, lt), lt); });
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
