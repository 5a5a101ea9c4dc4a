// vantage validate PATH [--rules FILE] [--no-rules] [--no-points] [--json]:
// structural validation plus the QA rules (core/qa/rules.h): the rules file
// given, else PATH/qa_rules.json, else the defaults. Exit status 1 when there
// are errors (including files that fail to load), 2 for a malformed rules file.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/cli/cli_commands.h"
#include "app/cli/cmd_dataset.h"
#include "core/io/native_format.h"
#include "core/io/sequence_opener.h"
#include "core/qa/rules.h"
#include "core/qa/structural_validation.h"
#include "core/util/error.h"

namespace vantage::cli {

namespace {

struct ValidateOptions {
  std::string path;
  std::string sequence;
  bool json = false;
  bool no_file_check = false;
  std::string rules;
  bool no_rules = false;
  bool no_points = false;
};

nlohmann::json to_json(const core::Finding& f) {
  nlohmann::json j;
  j["severity"] = core::to_string(f.severity);
  j["rule"] = f.rule;
  j["location"] = f.location;
  j["object"] = f.object ? nlohmann::json(*f.object) : nlohmann::json();
  j["frame"] = f.frame >= 0 ? nlohmann::json(f.frame) : nlohmann::json();
  j["sensor"] = f.sensor;
  j["message"] = f.message;
  return j;
}

void run_validate(const ValidateOptions& opt) {
  // A dataset folder: every sequence (`dataset validate`).
  if (std::filesystem::is_regular_file(std::filesystem::path(opt.path) / core::kDatasetFileName)) {
    DatasetValidateOptions d;
    d.json = opt.json;
    d.no_points = opt.no_points;
    d.no_file_check = opt.no_file_check;
    run_dataset_validate(core::Dataset::open(opt.path), d);
    return;
  }
  std::vector<core::Finding> findings;
  // A malformed rules file is a usage error (exit 2, file and line:column),
  // not a finding about the sequence.
  std::optional<core::RuleSet> rules;
  if (!opt.no_rules && !opt.rules.empty()) rules = core::load_rules_file(opt.rules);
  try {
    core::OpenOptions oo;
    oo.sequence = opt.sequence;
    const core::Document doc = core::open_document(opt.path, oo);
    core::StructuralOptions so;
    so.check_files = !opt.no_file_check;
    if (opt.no_rules) {
      findings = core::validate_structure(doc, so);
    } else {
      if (!rules)
        rules = core::is_native_folder(opt.path) ? core::project_rules(opt.path)
                                                 : core::default_rules();
      core::ValidationOptions vo;
      vo.check_files = so.check_files;
      vo.rules.read_points = !opt.no_points;
      findings = core::validate_document(doc, *rules, vo);
    }
  } catch (const core::FileError& e) {
    core::Finding f;
    f.rule = "load";
    f.location = e.file() + (e.location().empty() ? "" : ": " + e.location());
    f.message = e.message();
    findings.push_back(f);
  } catch (const core::Error& e) {
    core::Finding f;
    f.rule = "load";
    f.message = e.what();
    findings.push_back(f);
  }
  const size_t errors = core::count_errors(findings);
  size_t infos = 0;
  for (const auto& f : findings)
    infos += f.severity == core::Severity::Info ? 1 : 0;
  const size_t warnings = findings.size() - errors - infos;
  if (opt.json) {
    nlohmann::json j;
    j["path"] = opt.path;
    j["errors"] = errors;
    j["warnings"] = warnings;
    j["infos"] = infos;
    j["findings"] = nlohmann::json::array();
    for (const auto& f : findings)
      j["findings"].push_back(to_json(f));
    fmt::print("{}\n", j.dump(2));
  } else {
    for (const auto& f : findings)
      fmt::print("{}\n", core::format_finding(f));
    fmt::print("{}: {} error{}, {} warning{}\n", opt.path, errors, errors == 1 ? "" : "s", warnings,
               warnings == 1 ? "" : "s");
  }
  if (errors > 0) throw ExitCode{1};
}

}  // namespace

void add_validate_command(CLI::App& app) {
  auto opt = std::make_shared<ValidateOptions>();
  CLI::App* sub =
      app.add_subcommand("validate", "Check a sequence: structure and QA rules (exit 1 on errors)");
  sub->add_option("path", opt->path, "Sequence folder, or a dataset folder (every sequence)")->required();
  sub->add_option("--sequence", opt->sequence, "KITTI tracking sequence id");
  sub->add_flag("--json", opt->json, "Print JSON");
  sub->add_option("--rules", opt->rules,
                  "QA rules file (JSON; default PATH/qa_rules.json or built-in)");
  sub->add_flag("--no-rules", opt->no_rules, "Structural checks only");
  sub->add_flag("--no-points", opt->no_points, "Do not read LiDAR files (skips min-lidar-points)");
  sub->add_flag("--no-file-check", opt->no_file_check, "Do not check that sensor data files exist");
  sub->callback([opt] { run_validate(*opt); });
}

}  // namespace vantage::cli
