// vantage dataset commit|log|diff|tag|checkout|export|status|conflicts|resolve
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "app/cli/cli_commands.h"
#include "app/cli/cmd_dataset.h"
#include "app/cli/format_cli.h"
#include "core/dataset/annotation_diff.h"
#include "core/dataset/annotation_merge.h"
#include "core/dataset/dataset_export.h"
#include "core/dataset/versions.h"
#include "core/io/native_format.h"
#include "core/util/error.h"

namespace vantage::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string when(const core::CommitInfo& c) {
  const std::time_t t = static_cast<std::time_t>(c.time_s + int64_t(c.offset_minutes) * 60);
  std::tm tm{};
  gmtime_r(&t, &tm);
  const int off = std::abs(c.offset_minutes);
  return fmt::format("{:%Y-%m-%d %H:%M:%S} {}{:02d}{:02d}", tm, c.offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
}

json commit_json(const core::CommitInfo& c) {
  return {{"id", c.id}, {"author", c.author}, {"email", c.email}, {"time", c.time_s},
          {"summary", c.summary}, {"message", c.message}, {"tool_version", c.tool_version},
          {"parents", c.parents}, {"tags", c.tags}};
}

void add_commit(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::string message, author;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("commit", "Record the dataset's annotations as a new version");
  sub->add_option("-m,--message", a->message, "What changed and why")->required();
  sub->add_option("--author", a->author, "\"Name <email>\" (default: git config, $VANTAGE_AUTHOR, $USER)");
  sub->add_flag("--json", a->json, "Print JSON");
  sub->callback([a, ctx] {
    const core::Dataset d = ctx->open();
    core::CommitOptions o;
    o.message = a->message;
    o.author = a->author;
    const auto c = core::commit_dataset(d, o);
    if (!c) {
      fmt::print("nothing to commit\n");
      throw ExitCode{1};
    }
    if (a->json)
      fmt::print("{}\n", commit_json(*c).dump(2));
    else
      fmt::print("[{}] {} ({} <{}>)\n", c->short_id, c->summary, c->author, c->email);
  });
}

void add_log(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::string revision = "HEAD";
    size_t limit = 0;
    bool json = false, oneline = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("log", "List the versions: id, author, time, tool version, tags");
  sub->add_option("revision", a->revision, "Start from this revision")->capture_default_str();
  sub->add_option("-n,--limit", a->limit, "At most N versions");
  sub->add_flag("--oneline", a->oneline, "One line per version");
  sub->add_flag("--json", a->json, "Print JSON");
  sub->callback([a, ctx] {
    const core::Dataset d = ctx->open();
    const auto log = core::dataset_log(d, a->revision, a->limit);
    if (a->json) {
      json j = json::array();
      for (const auto& c : log) j.push_back(commit_json(c));
      fmt::print("{}\n", j.dump(2));
      return;
    }
    for (const auto& c : log) {
      const std::string tags = c.tags.empty() ? "" : fmt::format(" (tag: {})", fmt::join(c.tags, ", "));
      if (a->oneline) {
        fmt::print("{}{} {}\n", c.short_id, tags, c.summary);
        continue;
      }
      fmt::print("version {}{}\n", c.id, tags);
      if (c.parents.size() > 1) fmt::print("Merge:  {}\n", fmt::join(c.parents, " "));
      fmt::print("Author: {} <{}>\nDate:   {}\nTool:   {}\n\n    {}\n\n", c.author, c.email, when(c),
                 c.tool_version.empty() ? "-" : "vantage " + c.tool_version, c.summary);
    }
  });
}

// [SECTION] diff

json diff_json(const core::DatasetDiff& dd) {
  json j{{"from", dd.from}, {"to", dd.to.empty() ? "work tree" : dd.to}, {"manifest_changes", dd.manifest_changes},
         {"schema_changes", dd.schema_changes}, {"schema_edited", dd.schema_edited}, {"sequences", json::array()}};
  auto ranges = [](const std::vector<core::FrameRange>& r) {
    json a = json::array();
    for (const auto& x : r) a.push_back({x.first, x.last});
    return a;
  };
  for (const auto& s : dd.sequences) {
    const char* change = s.change == core::SequenceDiff::Change::Added ? "added"
                         : s.change == core::SequenceDiff::Change::Removed ? "removed" : "changed";
    json x{{"name", s.name}, {"change", change}, {"entry_changes", s.entry_changes}, {"sequence_changed", s.sequence_changed},
           {"frame_tags_changed", s.annotations.frame_tags_changed}, {"excluded_added", s.annotations.excluded_added},
           {"excluded_removed", s.annotations.excluded_removed}, {"review_changes", s.annotations.review_changes},
           {"conflicts_added", s.annotations.conflicts_added}, {"conflicts_removed", s.annotations.conflicts_removed},
           {"objects", json::array()}};
    for (const auto& o : s.annotations.objects) {
      json oj{{"id", o.id}, {"change", core::to_string(o.change)}, {"class", o.class_name}, {"fields", o.fields},
              {"frames", {o.first_frame, o.last_frame}}, {"shapes", o.shapes}, {"tracks", json::array()}};
      if (!o.old_class_name.empty()) oj["old_class"] = o.old_class_name;
      for (const auto& t : o.tracks)
        oj["tracks"].push_back({{"sensor", t.sensor}, {"kind", core::to_string(t.kind)}, {"added", ranges(t.added)},
                                {"removed", ranges(t.removed)}, {"changed", ranges(t.changed)},
                                {"fields", t.fields}, {"interpolated", t.interpolated}});
      x["objects"].push_back(std::move(oj));
    }
    j["sequences"].push_back(std::move(x));
  }
  return j;
}

void print_diff(const core::DatasetDiff& dd) {
  for (const auto& m : dd.manifest_changes) fmt::print("dataset: {}\n", m);
  for (const auto& c : dd.schema_changes) fmt::print("schema: {}\n", c);
  if (dd.schema_edited) fmt::print("schema: edited (classes, attributes or tags)\n");
  for (const auto& s : dd.sequences) {
    const char* change = s.change == core::SequenceDiff::Change::Added ? "added"
                         : s.change == core::SequenceDiff::Change::Removed ? "removed" : "changed";
    fmt::print("sequence {} ({})\n", s.name, change);
    for (const auto& e : s.entry_changes) fmt::print("  {}\n", e);
    if (s.sequence_changed) fmt::print("  sequence.json changed (frames, sensors or calibration)\n");
    const auto& a = s.annotations;
    if (s.change != core::SequenceDiff::Change::Changed) {
      size_t shapes = 0;
      for (const auto& o : a.objects) shapes += o.shapes;
      fmt::print("  {} objects, {} shapes\n", a.objects.size(), shapes);
      continue;
    }
    for (const auto& o : a.objects) {
      std::string head = fmt::format("  {} object {} ({})", core::to_string(o.change), o.id, o.class_name);
      if (!o.old_class_name.empty()) head = fmt::format("  changed object {} ({} -> {})", o.id, o.old_class_name, o.class_name);
      if (o.change != core::ObjectDiff::Change::Changed)
        head += fmt::format(", frames {}-{}, {} shapes", o.first_frame, o.last_frame, o.shapes);
      fmt::print("{}\n", head);
      for (const auto& f : o.fields)
        if (f != "class") fmt::print("    {}\n", f);
      if (o.change != core::ObjectDiff::Change::Changed) continue;
      for (const auto& t : o.tracks) {
        const std::string track = fmt::format("{}{}", t.sensor.empty() ? "" : t.sensor + " ", core::to_string(t.kind));
        if (!t.added.empty()) fmt::print("    {}: added frames {}\n", track, core::ranges_text(t.added));
        if (!t.removed.empty()) fmt::print("    {}: removed frames {}\n", track, core::ranges_text(t.removed));
        if (!t.changed.empty())
          fmt::print("    {}: changed frames {} ({})\n", track, core::ranges_text(t.changed), fmt::join(t.fields, ", "));
        if (t.interpolated) fmt::print("    {}: {} interpolated in-betweens recomputed\n", track, t.interpolated);
      }
    }
    if (!a.frame_tags_changed.empty())
      fmt::print("  frame tags changed on frames {}\n", core::ranges_text(core::to_ranges(a.frame_tags_changed)));
    if (!a.excluded_added.empty()) fmt::print("  frames excluded: {}\n", core::ranges_text(core::to_ranges(a.excluded_added)));
    if (!a.excluded_removed.empty()) fmt::print("  frames no longer excluded: {}\n", core::ranges_text(core::to_ranges(a.excluded_removed)));
    if (a.review_changes) fmt::print("  {} review entries changed\n", a.review_changes);
    if (a.conflicts_added) fmt::print("  {} merge conflicts recorded\n", a.conflicts_added);
    if (a.conflicts_removed) fmt::print("  {} merge conflicts resolved\n", a.conflicts_removed);
  }
}

void add_diff(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::vector<std::string> revisions;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("diff", "Semantic diff: objects added, removed, changed (frames, fields). "
                                            "No revision: HEAD to the work tree; one: REV to the work tree");
  sub->add_option("revisions", a->revisions, "REV [REV]")->expected(0, 2);
  sub->add_flag("--json", a->json, "Print JSON");
  sub->callback([a, ctx] {
    const core::Dataset d = ctx->open();
    const std::string from = a->revisions.empty() ? "HEAD" : a->revisions[0];
    const std::string to = a->revisions.size() > 1 ? a->revisions[1] : "";
    const core::DatasetDiff dd = core::diff_dataset(d, from, to);
    if (a->json)
      fmt::print("{}\n", diff_json(dd).dump(2));
    else if (dd.empty())
      fmt::print("no changes\n");
    else
      print_diff(dd);
  });
}

// [SECTION] tag, checkout, export

void add_tag(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::string name, revision = "HEAD", message, author;
    bool list = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("tag", "Name a version (annotated tag); no name lists the tags");
  sub->add_option("name", a->name, "Tag name, e.g. v1.0");
  sub->add_option("revision", a->revision, "Revision to tag")->capture_default_str();
  sub->add_option("-m,--message", a->message, "Tag message");
  sub->add_option("--author", a->author, "\"Name <email>\"");
  sub->callback([a, ctx] {
    const core::Dataset d = ctx->open();
    if (a->name.empty()) {
      for (const auto& t : core::list_tags(d)) fmt::print("{}\n", t);
      return;
    }
    const core::CommitInfo c = core::tag_revision(d, a->name, a->revision, a->message, a->author);
    fmt::print("tagged {} as {}\n", c.short_id, a->name);
  });
}

void add_checkout(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::string revision, out;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("checkout", "Write a read-only view of a version (the work tree is not touched)");
  sub->add_option("revision", a->revision, "Revision (tag, id, HEAD~2)")->required();
  sub->add_option("--out", a->out, "Folder for the view (default .vantage/views/<id> in the dataset)");
  sub->callback([a, ctx] {
    const core::Dataset d = ctx->open();
    const core::CommitInfo c = core::describe_commit(d, a->revision);
    const fs::path out = a->out.empty() ? d.root() / ".vantage" / "views" / c.short_id : fs::path(a->out);
    core::write_revision_view(d, a->revision, out);
    fmt::print("{} ({}) is in {} (read-only; open a sequence with `vantage open {}/sequences/NAME`)\n", a->revision,
               c.short_id, out.string(), out.string());
  });
}

void add_export(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::string format, out, at, frames, camera;
    std::vector<std::string> sequences;
    bool keyframes_only = false, copy_images = false, no_combined = false, json = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("export", "Export every sequence (OUT/<sequence>/) plus one combined COCO/YOLO set per split");
  sub->add_option("--format", a->format, "Output format: " + format_names())->required();
  sub->add_option("--out", a->out, "Output folder")->required();
  sub->add_option("--at", a->at, "Export the labels as they were at this revision (a tag names a training set)");
  sub->add_option("--sequences", a->sequences, "Only these sequences");
  sub->add_option("--frames", a->frames, "Frame range A:B");
  sub->add_option("--camera", a->camera, "Only this camera");
  sub->add_flag("--keyframes-only", a->keyframes_only, "Keyframes only");
  sub->add_flag("--copy-images", a->copy_images, "Copy (hard-link) the images");
  sub->add_flag("--no-combined", a->no_combined, "No combined set");
  sub->add_flag("--json", a->json, "Print JSON");
  sub->callback([a, ctx] {
    core::DatasetExportOptions o;
    o.format = parse_format(a->format, "--format");
    o.out = a->out;
    o.revision = a->at;
    o.sequences = a->sequences;
    o.combined = !a->no_combined;
    if (!a->frames.empty()) o.export_options.frames = parse_frame_range(a->frames);
    o.export_options.camera = a->camera;
    o.export_options.keyframes_only = a->keyframes_only;
    o.export_options.copy_images = a->copy_images;
    run_dataset_export(ctx->open(), o, a->json);
  });
}

// [SECTION] status, conflicts, resolve

void add_status(CLI::App& ds, const DatasetContextPtr& ctx) {
  auto json_out = std::make_shared<bool>(false);
  CLI::App* sub = ds.add_subcommand("status", "Uncommitted changes, merge state and conflicts waiting for review");
  sub->add_flag("--json", *json_out, "Print JSON");
  sub->callback([json_out, ctx] {
    const core::Dataset d = ctx->open();
    const core::WorkTreeStatus st = core::work_tree_status(d);
    size_t conflicts = 0;
    for (const auto& e : d.manifest().sequences) {
      std::error_code ec;
      const fs::path p = d.sequence_folder(e) / core::kAnnotationsFileName;
      if (fs::exists(p, ec)) conflicts += core::load_annotations_file(p).conflicts.size();
    }
    if (*json_out) {
      fmt::print("{}\n", json{{"branch", st.branch}, {"merging", st.merging}, {"modified", st.modified},
                              {"added", st.added}, {"deleted", st.deleted}, {"untracked", st.untracked},
                              {"conflicts", conflicts}, {"manifest_conflicts", d.manifest().conflicts.size()}}
                             .dump(2));
      return;
    }
    fmt::print("on {}{}\n", st.branch.empty() ? "a detached HEAD" : "branch " + st.branch,
               st.merging ? " (merging: resolve, then commit)" : "");
    for (const auto& f : st.modified) fmt::print("  modified   {}\n", f);
    for (const auto& f : st.added) fmt::print("  added      {}\n", f);
    for (const auto& f : st.deleted) fmt::print("  deleted    {}\n", f);
    for (const auto& f : st.untracked) fmt::print("  new        {}\n", f);
    if (st.clean() && st.untracked.empty()) fmt::print("  nothing to commit\n");
    if (conflicts || !d.manifest().conflicts.empty())
      fmt::print("{} merge conflicts waiting for review (`vantage dataset conflicts`)\n",
                 conflicts + d.manifest().conflicts.size());
  });
}

void add_conflicts(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::string sequence;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("conflicts", "List the merge conflicts kept in the files for review");
  sub->add_option("sequence", a->sequence, "Only this sequence");
  sub->add_flag("--json", a->json, "Print JSON");
  sub->callback([a, ctx] {
    const core::Dataset d = ctx->open();
    json j = json::array();
    for (const auto& c : d.manifest().conflicts) {
      if (a->json) j.push_back({{"file", core::kDatasetFileName}, {"what", c.what}, {"ours", c.ours}, {"theirs", c.theirs}});
      else fmt::print("dataset.json: {}: ours \"{}\", theirs \"{}\"\n", c.what, c.ours, c.theirs);
    }
    for (const auto& e : d.manifest().sequences) {
      if (!a->sequence.empty() && e.name != a->sequence) continue;
      std::error_code ec;
      const fs::path p = d.sequence_folder(e) / core::kAnnotationsFileName;
      if (!fs::exists(p, ec)) continue;
      const core::Annotations ann = core::load_annotations_file(p);
      for (size_t i = 0; i < ann.conflicts.size(); ++i) {
        const auto& c = ann.conflicts[i];
        if (a->json)
          j.push_back({{"sequence", e.name}, {"index", i + 1}, {"kind", c.kind}, {"object", c.object ? json(*c.object) : json()},
                       {"frame", c.frame}, {"sensor", c.sensor}, {"field", c.field}, {"kept", c.kept},
                       {"description", core::describe(c)}});
        else
          fmt::print("{} #{}: {}\n", e.name, i + 1, core::describe(c));
      }
    }
    if (a->json) fmt::print("{}\n", j.dump(2));
  });
}

void add_resolve(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::string sequence;
    size_t index = 0;
    bool keep = false, take = false, all = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("resolve", "Resolve a conflict of a sequence: --keep the kept version or --take the proposal");
  sub->add_option("sequence", a->sequence, "Sequence")->required();
  sub->add_option("index", a->index, "Conflict number as `conflicts` lists it");
  sub->add_flag("--all", a->all, "Every conflict of the sequence");
  sub->add_flag("--keep", a->keep, "Keep the version in the annotations (drop the proposal)");
  sub->add_flag("--take", a->take, "Take the proposal (the other side's version)");
  sub->callback([a, ctx] {
    if (a->keep == a->take) throw core::Error("give --keep or --take");
    if (!a->all && a->index == 0) throw core::Error("give the conflict number or --all");
    const core::Dataset d = ctx->open();
    const fs::path folder = d.sequence_folder(d.sequence(a->sequence));
    core::Annotations ann = core::load_annotations_file(folder / core::kAnnotationsFileName);
    size_t n = 0;
    if (a->all) {
      while (!ann.conflicts.empty()) {
        core::resolve_conflict(ann, ann.conflicts.size() - 1, a->take);
        ++n;
      }
    } else {
      core::resolve_conflict(ann, a->index - 1, a->take);
      n = 1;
    }
    core::save_annotations_file(ann, folder / core::kAnnotationsFileName);
    fmt::print("{}: {} conflict{} resolved ({}), {} left\n", a->sequence, n, n == 1 ? "" : "s",
               a->take ? "proposal taken" : "kept", ann.conflicts.size());
  });
}

}  // namespace

void run_dataset_export(const core::Dataset& d, const core::DatasetExportOptions& o, bool json_out) {
  const core::DatasetExportResult r = core::export_dataset(d, o);
  if (json_out) {
    json j{{"commit", r.commit}, {"revision", r.revision}, {"modified", r.modified}, {"sequences", json::array()},
           {"combined", json::array()}, {"combined_images", r.combined_images},
           {"combined_annotations", r.combined_annotations}};
    for (const auto& s : r.sequences)
      j["sequences"].push_back({{"name", s.sequence}, {"split", s.split}, {"out", s.out.string()},
                                {"images", s.report.images}, {"shapes", s.report.shapes}, {"error", s.error},
                                {"summary", s.report.summary}});
    for (const auto& f : r.combined_files) j["combined"].push_back(f.string());
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("dataset {} at {}{}\n", d.manifest().name, r.revision.empty() ? "the work tree" : r.revision,
               r.commit.empty() ? "" : fmt::format(" ({})", r.commit.substr(0, 10)));
    if (r.modified) fmt::print("  note: the work tree has uncommitted changes\n");
    for (const auto& s : r.sequences) {
      if (!s.error.empty())
        fmt::print("  {:<20} failed: {}\n", s.sequence, s.error);
      else
        fmt::print("  {:<20} {} images, {} shapes -> {}\n", s.sequence, s.report.images, s.report.shapes, s.out.string());
      for (const auto& line : s.report.summary) fmt::print("      {}\n", line);
    }
    for (const auto& f : r.combined_files) fmt::print("  combined: {}\n", f.string());
  }
  if (r.failed()) throw ExitCode{1};
}

void add_dataset_version_commands(CLI::App& ds, const DatasetContextPtr& ctx) {
  add_commit(ds, ctx);
  add_log(ds, ctx);
  add_diff(ds, ctx);
  add_tag(ds, ctx);
  add_checkout(ds, ctx);
  add_export(ds, ctx);
  add_status(ds, ctx);
  add_conflicts(ds, ctx);
  add_resolve(ds, ctx);
}

}  // namespace vantage::cli
