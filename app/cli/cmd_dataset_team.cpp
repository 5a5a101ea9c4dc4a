// vantage dataset clone|pull|push|init-remote|install-driver, and
// vantage merge-driver %O %A %B %P (git's custom merge driver).
#include <fmt/format.h>

#include <filesystem>

#include "app/cli/cli_commands.h"
#include "app/cli/cmd_dataset.h"
#include "core/dataset/merge_driver.h"
#include "core/dataset/remote.h"
#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "core/util/error.h"

namespace vantage::cli {

namespace fs = std::filesystem;

namespace {

void add_clone(CLI::App& ds, const DatasetContextPtr&) {
  struct Args {
    std::string remote, dir;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("clone", "Clone a dataset and set up the merge driver (git does not copy it)");
  sub->add_option("remote", a->remote, "Path or URL of the remote")->required();
  sub->add_option("dir", a->dir, "Folder to create")->required();
  sub->callback([a] {
    const core::Dataset d = core::clone_dataset(a->remote, a->dir);
    fmt::print("cloned dataset '{}' ({} sequences) into {}\n", d.manifest().name, d.manifest().sequences.size(),
               d.root().string());
  });
}

void add_pull(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::string remote = "origin", branch, author;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("pull", "Fetch and merge (semantic merge of annotations; conflicts kept for review)");
  sub->add_option("remote", a->remote, "Remote")->capture_default_str();
  sub->add_option("branch", a->branch, "Branch (default: the current one)");
  sub->add_option("--author", a->author, "\"Name <email>\" for the merge commit");
  sub->callback([a, ctx] {
    core::Dataset d = ctx->open();
    core::PullOptions o;
    o.remote = a->remote;
    o.branch = a->branch;
    o.author = a->author;
    const core::PullResult r = core::pull_dataset(d, o);
    fmt::print("{}{}\n", core::to_string(r.outcome), r.head.empty() ? "" : fmt::format(" at {}", r.head.substr(0, 10)));
    for (const auto& n : r.notes) fmt::print("  note: {}\n", n);
    for (const auto& c : r.conflicts) fmt::print("  conflict: {}\n", c);
    if (!r.conflicts.empty())
      fmt::print("{} conflict{} kept in the files for review: `vantage dataset conflicts`, then `vantage dataset resolve`\n",
                 r.conflicts.size(), r.conflicts.size() == 1 ? "" : "s");
    if (r.outcome == core::PullResult::Outcome::Conflicted) {
      for (const auto& f : r.unmerged) fmt::print("  unmerged: {}\n", f);
      fmt::print("the merge is not committed: fix the files above, then `vantage dataset commit -m ...`\n");
      throw ExitCode{1};
    }
  });
}

void add_push(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::string remote = "origin", branch;
    bool no_tags = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("push", "Push the current branch and tags (to a bare repository or any git server)");
  sub->add_option("remote", a->remote, "Remote")->capture_default_str();
  sub->add_option("branch", a->branch, "Branch (default: the current one)");
  sub->add_flag("--no-tags", a->no_tags, "Do not push tags");
  sub->callback([a, ctx] {
    const core::Dataset d = ctx->open();
    core::PushOptions o;
    o.remote = a->remote;
    o.branch = a->branch;
    o.tags = !a->no_tags;
    core::push_dataset(d, o);
    fmt::print("pushed to {}\n", a->remote);
  });
}

void add_init_remote(CLI::App& ds, const DatasetContextPtr& ctx) {
  struct Args {
    std::string path, name = "origin";
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = ds.add_subcommand("init-remote", "Create a bare shared repository at PATH, add it as a remote and push");
  sub->add_option("path", a->path, "Folder of the bare repository (e.g. on a shared disk)")->required();
  sub->add_option("--name", a->name, "Remote name")->capture_default_str();
  sub->callback([a, ctx] {
    const core::Dataset d = ctx->open();
    core::init_remote(d, a->path, a->name);
    fmt::print("created {} and pushed to it as remote '{}'\n", a->path, a->name);
  });
}

void add_install_driver(CLI::App& ds, const DatasetContextPtr& ctx) {
  CLI::App* sub = ds.add_subcommand("install-driver", "Configure git's merge driver in this clone (plain `git merge`/`git pull`)");
  sub->callback([ctx] {
    const core::Dataset d = ctx->open();
    core::install_merge_driver(d);
    fmt::print("merge.vantage.driver = {}\n", core::merge_driver_command());
  });
}

}  // namespace

void add_dataset_team_commands(CLI::App& ds, const DatasetContextPtr& ctx) {
  add_clone(ds, ctx);
  add_pull(ds, ctx);
  add_push(ds, ctx);
  add_init_remote(ds, ctx);
  add_install_driver(ds, ctx);
}

void add_merge_driver_command(CLI::App& app) {
  struct Args {
    std::string base, ours, theirs, path;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = app.add_subcommand(
      "merge-driver",
      "git merge driver for dataset files: merge.vantage.driver = vantage merge-driver %O %A %B %P "
      "(writes the merge into %A; exit 1 when conflicts were kept inside the file)");
  sub->add_option("base", a->base, "%O: the common ancestor's version")->required();
  sub->add_option("ours", a->ours, "%A: our version; receives the result")->required();
  sub->add_option("theirs", a->theirs, "%B: their version")->required();
  sub->add_option("path", a->path, "%P: the file's path in the repository")->required();
  sub->callback([a] {
    const core::MergeFileKind kind = core::merge_file_kind(a->path);
    if (kind == core::MergeFileKind::Other)
      throw core::Error(fmt::format("{}: not a dataset file (annotations.json, schema.json or dataset.json)", a->path));
    // git gives an empty ancestor file when both sides added the file.
    const std::string base_text = core::read_file_to_string(a->base);
    std::optional<std::string> base;
    if (base_text.find_first_not_of(" \t\r\n") != std::string::npos) base = base_text;
    core::FileMergeOptions o;
    if (kind == core::MergeFileKind::Annotations) {
      // git runs drivers at the top of the work tree: the sequence's schema
      // (ours) migrates every side's classes before the merge.
      std::error_code ec;
      const fs::path schema = fs::path(a->path).parent_path() / core::kSchemaFileName;
      if (fs::exists(schema, ec)) {
        try {
          o.schema = core::load_schema_file(schema);
        } catch (const core::Error&) {
          o.schema.reset();
        }
      }
    }
    const core::FileMergeResult r = core::merge_file(kind, base, core::read_file_to_string(a->ours),
                                                     core::read_file_to_string(a->theirs), a->path, o);
    core::write_file_atomic(a->ours, r.content, {false, false});
    for (const auto& n : r.notes) fmt::print(stderr, "vantage merge: {}\n", n);
    for (const auto& c : r.conflicts) fmt::print(stderr, "vantage merge: conflict kept for review: {}\n", c);
    if (!r.clean()) throw ExitCode{1};
  });
}

}  // namespace vantage::cli
