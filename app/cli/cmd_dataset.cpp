// vantage dataset [-C DIR] init|add|info|sequences|set-status|split|verify|
//                  claim|release|schema|validate (versions and teamwork in
//                  cmd_dataset_versions.cpp and cmd_dataset_team.cpp)
#include "app/cli/cmd_dataset.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/cli/cli_commands.h"
#include "core/dataset/claims.h"
#include "core/dataset/dataset_info.h"
#include "core/dataset/schema_evolution.h"
#include "core/dataset/schema_merge.h"
#include "core/dataset/split.h"
#include "core/dataset/verify.h"
#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "core/io/path_policy.h"
#include "core/qa/rule_set.h"
#include "core/qa/rules.h"
#include "core/util/error.h"

namespace vantage::cli {

namespace fs = std::filesystem;
using nlohmann::json;

std::string DatasetContext::start() const { return dir.empty() ? fs::current_path().string() : dir; }

core::Dataset DatasetContext::open() const { return core::Dataset::discover(start()); }

namespace {

// [SECTION] init, add

void add_init(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::string dir, name, schema, author;
    bool no_git = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("init", "Create a dataset (dataset.json, schema, .gitignore, git repository)");
  sub->add_option("dir", a->dir, "Folder (default: -C DIR or the working directory)");
  sub->add_option("--name", a->name, "Dataset name (default: the folder name)");
  sub->add_option("--schema", a->schema, "schema.json to start from (default: the built-in schema)");
  sub->add_option("--author", a->author, "\"Name <email>\" for the first commit");
  sub->add_flag("--no-git", a->no_git, "No version history");
  sub->callback([a, ctx] {
    core::InitOptions o;
    o.name = a->name;
    o.schema = a->schema;
    o.git = !a->no_git;
    o.author = a->author;
    const core::Dataset d = core::init_dataset(a->dir.empty() ? ctx->start() : a->dir, o);
    fmt::print("created dataset '{}' in {}\n", d.manifest().name, d.root().string());
  });
}

void add_add(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::vector<std::string> sources;
    std::string name, sequence;
    bool no_hash = false, json = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("add", "Add sequences: native folders, or KITTI/nuScenes/image folders (imported)");
  sub->add_option("sources", a->sources, "Sequence folders")->required()->expected(1, -1);
  sub->add_option("--name", a->name, "Name of the sequence (one source only)");
  sub->add_option("--sequence", a->sequence, "KITTI tracking sequence id");
  sub->add_flag("--no-hash", a->no_hash, "Do not record the sensor files' content hashes");
  sub->add_flag("--json", a->json, "Print JSON");
  sub->callback([a, ctx] {
    if (!a->name.empty() && a->sources.size() > 1) throw core::Error("--name needs exactly one source");
    core::Dataset d = ctx->open();
    json out = json::array();
    for (const auto& src : a->sources) {
      core::AddOptions o;
      o.name = a->name;
      o.sequence = a->sequence;
      o.hash_files = !a->no_hash;
      o.allow_outside = allow_outside();
      const core::AddResult r = core::add_sequence(d, src, o);
      if (a->json) {
        out.push_back({{"name", r.name}, {"folder", r.folder.string()}, {"frames", r.frames},
                       {"objects", r.objects}, {"files_hashed", r.files_hashed}, {"classes_added", r.classes_added}});
      } else {
        fmt::print("added {} ({} frames, {} objects, {} files hashed) as {}\n", src, r.frames, r.objects,
                   r.files_hashed, r.name);
        if (!r.classes_added.empty())
          fmt::print("  classes added to the dataset schema: {}\n", fmt::join(r.classes_added, ", "));
      }
    }
    if (a->json) fmt::print("{}\n", out.dump(2));
  });
}

// [SECTION] info, sequences, set-status

json claim_json(const core::Claim& c) {
  json j{{"sequence", c.sequence}, {"by", c.by}, {"time", c.time_ms}};
  if (c.frames) j["frames"] = {c.frames->first, c.frames->last};
  return j;
}

void add_info(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    bool json = false, qa = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("info", "Per sequence: frames, objects, progress, review, claims, conflicts, QA");
  sub->add_flag("--json", a->json, "Print JSON");
  sub->add_flag("--qa", a->qa, "Run the QA rules on every sequence (findings per sequence)");
  sub->callback([a, ctx] {
    const core::Dataset d = ctx->open();
    core::DatasetInfoOptions o;
    o.qa = a->qa;
    const core::DatasetInfo info = core::dataset_info(d, o);
    if (a->json) {
      json j{{"name", info.name}, {"root", d.root().string()},
             {"schema", {{"name", info.schema_name}, {"version", info.schema_version}, {"classes", info.schema_classes}}},
             {"frames", info.frames}, {"objects", info.objects}, {"shapes", info.shapes},
             {"progress", info.progress}, {"conflicts", info.conflicts},
             {"manifest_conflicts", info.manifest_conflicts}, {"sequences_per_split", info.sequences_per_split},
             {"sequences", json::array()}};
      for (const auto& s : info.sequences) {
        json x{{"name", s.name}, {"path", s.path}, {"status", core::to_string(s.status)}, {"split", s.split},
               {"frames", s.frames}, {"objects", s.objects}, {"shapes", s.shapes}, {"keyframes", s.keyframes},
               {"objects_per_class", s.objects_per_class}, {"progress", s.progress},
               {"frame_review", s.frame_review}, {"excluded_frames", s.excluded_frames},
               {"annotators", s.annotators}, {"conflicts", s.conflicts}, {"schema_current", s.schema_current},
               {"claims", json::array()}};
        for (const auto& c : s.claims) x["claims"].push_back(claim_json(c));
        if (s.qa_errors >= 0) x["qa"] = {{"errors", s.qa_errors}, {"warnings", s.qa_warnings}};
        if (!s.error.empty()) x["error"] = s.error;
        j["sequences"].push_back(x);
      }
      fmt::print("{}\n", j.dump(2));
      return;
    }
    fmt::print("dataset {} ({})\n", info.name, d.root().string());
    fmt::print("  schema      {} version {}, {} classes\n", info.schema_name, info.schema_version, info.schema_classes);
    fmt::print("  sequences   {} ({} frames, {} objects, {} shapes), {:.1f}% done\n", info.sequences.size(),
               info.frames, info.objects, info.shapes, 100.0 * info.progress);
    if (info.conflicts || info.manifest_conflicts)
      fmt::print("  conflicts   {} in annotations, {} in dataset.json (see `vantage dataset conflicts`)\n",
                 info.conflicts, info.manifest_conflicts);
    fmt::print("\n{:<20} {:<11} {:<6} {:>7} {:>8} {:>9} {:>6} {:>9}  {}\n", "sequence", "status", "split", "frames",
               "objects", "shapes", "done", "conflicts", a->qa ? "QA (errors/warnings), claims" : "claims");
    for (const auto& s : info.sequences) {
      if (!s.error.empty()) {
        fmt::print("{:<20} cannot be read: {}\n", s.name, s.error);
        continue;
      }
      std::string extra;
      if (s.qa_errors >= 0) extra += fmt::format("{}/{} ", s.qa_errors, s.qa_warnings);
      for (const auto& c : s.claims) extra += fmt::format("[{}] ", core::to_string(c));
      if (!s.schema_current) extra += "(schema out of date) ";
      fmt::print("{:<20} {:<11} {:<6} {:>7} {:>8} {:>9} {:>5.0f}% {:>9}  {}\n", s.name, core::to_string(s.status),
                 s.split.empty() ? "-" : s.split, s.frames, s.objects, s.shapes, 100.0 * s.progress, s.conflicts, extra);
    }
  });
}

void add_sequences(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    bool paths = false;
    std::string split;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("sequences", "List the sequences, one per line (for batch jobs)");
  sub->add_flag("--paths", a->paths, "Print absolute folder paths instead of names");
  sub->add_option("--split", a->split, "Only this split");
  sub->callback([a, ctx] {
    const core::Dataset d = ctx->open();
    for (const auto& e : d.manifest().sequences)
      if (a->split.empty() || e.split == a->split)
        fmt::print("{}\n", a->paths ? d.sequence_folder(e).string() : e.name);
  });
}

void add_set_status(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::string sequence, status;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("set-status", "Set a sequence's status (todo, in_progress, done, accepted, rejected)");
  sub->add_option("sequence", a->sequence, "Sequence")->required();
  sub->add_option("status", a->status, "New status")->required();
  sub->callback([a, ctx] {
    core::Dataset d = ctx->open();
    d.sequence(a->sequence);
    const auto st = core::review_status_from_string(a->status);
    if (!st) throw core::Error(fmt::format("unknown status '{}' (expected todo, in_progress, done, accepted or rejected)", a->status));
    d.manifest().find(a->sequence)->status = *st;
    d.save();
    fmt::print("{}: {}\n", a->sequence, a->status);
  });
}

// [SECTION] split

void add_split(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::string by = "sequence", ratios = "0.8,0.1,0.1", names;
    uint64_t seed = 0;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("split", "Split by whole sequences, stratified by class counts, deterministic per seed");
  sub->add_option("--by", a->by, "Unit of the split (sequence)")->capture_default_str();
  sub->add_option("--ratios", a->ratios, "Ratios, e.g. 0.8,0.1,0.1")->capture_default_str();
  sub->add_option("--names", a->names, "Split names, e.g. train,val,test (default by count)");
  sub->add_option("--seed", a->seed, "Seed")->capture_default_str();
  sub->add_flag("--json", a->json, "Print JSON");
  sub->callback([a, ctx] {
    if (a->by != "sequence")
      throw core::Error(fmt::format("--by {}: only 'sequence' is supported (no frame of a sequence may be in two splits)", a->by));
    core::Dataset d = ctx->open();
    core::SplitOptions o;
    o.ratios = core::parse_ratios(a->ratios);
    if (!a->names.empty()) {
      std::stringstream ss(a->names);
      std::string n;
      while (std::getline(ss, n, ',')) o.names.push_back(n);
    }
    o.seed = a->seed;
    const core::SplitResult r = core::split_dataset(d, o);
    if (a->json) {
      json j{{"seed", a->seed}, {"assignment", r.assignment}, {"splits", json::array()}};
      for (const auto& s : r.splits)
        j["splits"].push_back({{"name", s.name}, {"ratio", s.ratio}, {"sequences", s.sequences}, {"frames", s.frames},
                               {"class_counts", s.class_counts}});
      fmt::print("{}\n", j.dump(2));
      return;
    }
    int frames = 0;
    for (const auto& s : r.splits) frames += s.frames;
    for (const auto& s : r.splits)
      fmt::print("{:<8} {:>5} sequences {:>7} frames ({:.1f}%, target {:.1f}%)\n", s.name, s.sequences.size(), s.frames,
                 frames ? 100.0 * s.frames / frames : 0.0, 100.0 * s.ratio);
  });
}

// [SECTION] verify

void add_verify(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::vector<std::string> sequences;
    bool update = false, json = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("verify", "Check that every referenced sensor file exists and matches its recorded hash");
  sub->add_option("sequences", a->sequences, "Only these sequences");
  sub->add_flag("--update", a->update, "Record the files as they are now (files.json)");
  sub->add_flag("--json", a->json, "Print JSON");
  sub->callback([a, ctx] {
    const core::Dataset d = ctx->open();
    core::VerifyOptions o;
    o.sequences = a->sequences;
    o.update = a->update;
    for (const auto& s : a->sequences) d.sequence(s);
    const core::VerifyReport r = core::verify_dataset(d, o);
    if (a->json) {
      json j{{"sequences", r.sequences}, {"files", r.files}, {"problems", json::array()}};
      for (const auto& p : r.problems)
        j["problems"].push_back({{"sequence", p.sequence}, {"file", p.file}, {"kind", p.kind}, {"message", p.message}});
      fmt::print("{}\n", j.dump(2));
    } else {
      for (const auto& p : r.problems) fmt::print("{}: {}\n", p.sequence, p.message);
      fmt::print("{} sequences, {} files: {}\n", r.sequences, r.files,
                 r.ok() ? "all present and unchanged" : fmt::format("{} problems", r.problems.size()));
    }
    if (!r.ok()) throw ExitCode{1};
  });
}

void add_trust(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::vector<std::string> folders;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand(
      "trust", "Trust data folders outside the dataset for this user (default: every sequence's recorded source)");
  sub->add_option("folders", a->folders, "Folders to trust");
  sub->callback([a, ctx] {
    const core::Dataset d = ctx->open();
    std::vector<std::string> folders = a->folders;
    if (folders.empty())
      for (const auto& e : d.manifest().sequences)
        if (!e.source.empty()) folders.push_back(e.source);
    for (const std::string& f : folders) {
      core::trust_data_root(f);
      fmt::print("trusted {}\n", f);
    }
    if (folders.empty()) fmt::print("no recorded sources to trust\n");
  });
}

// [SECTION] claims

void add_claims(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::string target, as;
    bool json = false;
  };
  auto c = std::make_shared<Args>();
  CLI::App* claim = ds.add_subcommand("claim", "Claim SEQUENCE[:FRAMES] (e.g. 0001:0-99) so others leave it alone; no target lists claims");
  claim->add_option("target", c->target, "SEQUENCE, SEQUENCE:N or SEQUENCE:A-B");
  claim->add_option("--as", c->as, "Who claims (default $VANTAGE_USER or $USER)");
  claim->add_flag("--json", c->json, "Print the claims as JSON");
  claim->callback([c, ctx] {
    core::Dataset d = ctx->open();
    if (c->target.empty()) {
      json j = json::array();
      for (const auto& x : core::claims_on(d)) {
        if (c->json) j.push_back(claim_json(x));
        else fmt::print("{}\n", core::to_string(x));
      }
      if (c->json) fmt::print("{}\n", j.dump(2));
      return;
    }
    std::string who = c->as;
    if (who.empty())
      for (const char* env : {"VANTAGE_USER", "USER"})
        if (const char* v = std::getenv(env); v && *v && who.empty()) who = v;
    const auto [seq, frames] = core::parse_claim_target(c->target);
    const core::Claim x = core::add_claim(d, seq, frames, who);
    fmt::print("claimed {}\n", core::to_string(x));
  });
  auto r = std::make_shared<Args>();
  CLI::App* release = ds.add_subcommand("release", "Release your claim on SEQUENCE[:FRAMES]");
  release->add_option("target", r->target, "SEQUENCE, SEQUENCE:N or SEQUENCE:A-B")->required();
  release->add_option("--as", r->as, "Whose claim (default $VANTAGE_USER or $USER)");
  release->callback([r, ctx] {
    core::Dataset d = ctx->open();
    std::string who = r->as;
    if (who.empty())
      for (const char* env : {"VANTAGE_USER", "USER"})
        if (const char* v = std::getenv(env); v && *v && who.empty()) who = v;
    const auto [seq, frames] = core::parse_claim_target(r->target);
    d.sequence(seq);
    const size_t n = core::release_claims(d, seq, frames, who);
    if (!n) {
      fmt::print(stderr, "vantage: {} has no claim on {}\n", who, r->target);
      throw ExitCode{1};
    }
    fmt::print("released {} claim{} of {} on {}\n", n, n == 1 ? "" : "s", who, r->target);
  });
}

// [SECTION] schema

void print_schema_edit(const core::SchemaEditResult& r) {
  fmt::print("{}: {} objects in {} sequences changed\n", core::describe(r.change), r.objects_changed,
             r.sequences_changed.size());
}

void add_schema(CLI::App& ds, const DatasetContextPtr& ctx) {
  CLI::App* schema = ds.add_subcommand("schema", "Evolve the dataset schema: rename, merge or split a class everywhere");
  schema->require_subcommand(1);
  struct Args {
    std::string from, to, attribute, default_class;
    std::vector<std::string> map;
  };
  auto rn = std::make_shared<Args>();
  CLI::App* rename = schema->add_subcommand("rename", "Rename class FROM to TO in the schema and every sequence");
  rename->add_option("from", rn->from, "Class")->required();
  rename->add_option("to", rn->to, "New name")->required();
  rename->callback([rn, ctx] {
    core::Dataset d = ctx->open();
    print_schema_edit(core::dataset_rename_class(d, rn->from, rn->to));
  });
  auto mg = std::make_shared<Args>();
  CLI::App* merge = schema->add_subcommand("merge", "Merge class FROM into INTO everywhere");
  merge->add_option("from", mg->from, "Class to remove")->required();
  merge->add_option("into", mg->to, "Class that receives its objects")->required();
  merge->callback([mg, ctx] {
    core::Dataset d = ctx->open();
    print_schema_edit(core::dataset_merge_class(d, mg->from, mg->to));
  });
  auto sp = std::make_shared<Args>();
  CLI::App* split = schema->add_subcommand("split", "Split class FROM by an object attribute: --by ATTR --map VALUE=CLASS... --default CLASS");
  split->add_option("from", sp->from, "Class to split")->required();
  split->add_option("--by", sp->attribute, "Static object attribute that decides")->required();
  split->add_option("--map", sp->map, "VALUE=CLASS (repeatable)")->required()->expected(1, -1);
  split->add_option("--default", sp->default_class, "Class for objects whose value is not mapped")->required();
  split->callback([sp, ctx] {
    core::Dataset d = ctx->open();
    std::map<std::string, std::string> m;
    for (const auto& kv : sp->map) {
      const size_t eq = kv.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == kv.size())
        throw core::Error(fmt::format("--map '{}': expected VALUE=CLASS", kv));
      m[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    print_schema_edit(core::dataset_split_class(d, sp->from, sp->attribute, m, sp->default_class));
  });
  CLI::App* history = schema->add_subcommand("history", "List the recorded schema changes");
  history->callback([ctx] {
    const core::Dataset d = ctx->open();
    const core::Schema s = d.load_schema();
    fmt::print("{} version {}\n", s.name, s.version);
    for (const auto& c : s.history) fmt::print("  {}\n", core::describe(c));
  });
}

// [SECTION] validate

void add_validate(CLI::App& ds, const DatasetContextPtr& ctx) {
  auto a = std::make_shared<DatasetValidateOptions>();
  CLI::App* sub = ds.add_subcommand("validate", "Validate every sequence (structure and QA rules); exit 1 on errors");
  sub->add_option("sequences", a->sequences, "Only these sequences");
  sub->add_option("--out", a->out, "Write one JSON report per sequence into this folder");
  sub->add_flag("--no-points", a->no_points, "Do not read LiDAR files");
  sub->add_flag("--no-file-check", a->no_file_check, "Do not check that sensor files exist");
  sub->add_flag("--json", a->json, "Print JSON");
  sub->callback([a, ctx] { run_dataset_validate(ctx->open(), *a); });
}

}  // namespace

void run_dataset_validate(const core::Dataset& d, const DatasetValidateOptions& a) {
  for (const auto& s : a.sequences) d.sequence(s);
  json all = json::array();
  size_t total_errors = 0;
  if (!a.out.empty()) fs::create_directories(a.out);
  for (const auto& e : d.manifest().sequences) {
    if (!a.sequences.empty() && std::find(a.sequences.begin(), a.sequences.end(), e.name) == a.sequences.end())
      continue;
    json j{{"sequence", e.name}};
    size_t errors = 0, warnings = 0;
    try {
      const core::Document doc = core::load_native(d.sequence_folder(e), core::NativeLoadOptions{allow_outside()});
      core::ValidationOptions vo;
      vo.check_files = !a.no_file_check;
      vo.rules.read_points = !a.no_points;
      const auto findings = core::validate_document(doc, core::project_rules(d.sequence_folder(e)), vo);
      errors = core::count_errors(findings);
      j["findings"] = json::array();
      for (const auto& f : findings) {
        warnings += f.severity == core::Severity::Warning;
        j["findings"].push_back({{"severity", core::to_string(f.severity)}, {"rule", f.rule}, {"message", f.message},
                                 {"frame", f.frame}, {"object", f.object ? json(*f.object) : json()}});
      }
    } catch (const core::Error& ex) {
      errors = 1;
      j["findings"] = json::array({{{"severity", "error"}, {"rule", "load"}, {"message", ex.what()}}});
    }
    j["errors"] = errors;
    j["warnings"] = warnings;
    total_errors += errors;
    if (!a.out.empty()) core::write_file_atomic(fs::path(a.out) / (e.name + ".json"), j.dump(2) + "\n", {false, false});
    if (!a.json) fmt::print("{:<20} {} errors, {} warnings\n", e.name, errors, warnings);
    all.push_back(std::move(j));
  }
  if (a.json) fmt::print("{}\n", all.dump(2));
  if (total_errors) throw ExitCode{1};
}

void add_dataset_core_commands(CLI::App& ds, const DatasetContextPtr& ctx) {
  add_init(ds, ctx);
  add_add(ds, ctx);
  add_info(ds, ctx);
  add_sequences(ds, ctx);
  add_set_status(ds, ctx);
  add_split(ds, ctx);
  add_verify(ds, ctx);
  add_trust(ds, ctx);
  add_claims(ds, ctx);
  add_schema(ds, ctx);
  add_validate(ds, ctx);
}

void add_dataset_command(CLI::App& app) {
  auto ctx = std::make_shared<DatasetContext>();
  CLI::App* ds = app.add_subcommand(
      "dataset", "Datasets of many sequences: versions (git), merges, teamwork, splits, claims");
  ds->require_subcommand(1);
  ds->add_option("-C", ctx->dir, "Act on the dataset in (or above) DIR instead of the working directory");
  add_dataset_core_commands(*ds, ctx);
  add_dataset_version_commands(*ds, ctx);
  add_dataset_team_commands(*ds, ctx);
}

}  // namespace vantage::cli
