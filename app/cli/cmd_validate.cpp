// vantage validate PATH [--json]: structural validation. Exit status 1 when
// there are errors (including files that fail to load).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/cli/cli_commands.h"
#include "core/io/sequence_opener.h"
#include "core/qa/structural_validation.h"
#include "core/util/error.h"

namespace vantage::cli {

namespace {

struct ValidateOptions {
  std::string path;
  std::string sequence;
  bool json = false;
  bool no_file_check = false;
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
  std::vector<core::Finding> findings;
  try {
    core::OpenOptions oo;
    oo.sequence = opt.sequence;
    const core::Document doc = core::open_document(opt.path, oo);
    core::StructuralOptions so;
    so.check_files = !opt.no_file_check;
    findings = core::validate_structure(doc, so);
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
  if (opt.json) {
    nlohmann::json j;
    j["path"] = opt.path;
    j["errors"] = errors;
    j["warnings"] = findings.size() - errors;
    j["findings"] = nlohmann::json::array();
    for (const auto& f : findings)
      j["findings"].push_back(to_json(f));
    fmt::print("{}\n", j.dump(2));
  } else {
    for (const auto& f : findings)
      fmt::print("{}\n", core::format_finding(f));
    fmt::print("{}: {} error{}, {} warning{}\n", opt.path, errors, errors == 1 ? "" : "s",
               findings.size() - errors, findings.size() - errors == 1 ? "" : "s");
  }
  if (errors > 0) throw ExitCode{1};
}

}  // namespace

void add_validate_command(CLI::App& app) {
  auto opt = std::make_shared<ValidateOptions>();
  CLI::App* sub =
      app.add_subcommand("validate", "Check a sequence for structural errors (exit 1 on errors)");
  sub->add_option("path", opt->path, "Sequence folder")->required();
  sub->add_option("--sequence", opt->sequence, "KITTI tracking sequence id");
  sub->add_flag("--json", opt->json, "Print JSON");
  sub->add_flag("--no-file-check", opt->no_file_check, "Do not check that sensor data files exist");
  sub->callback([opt] { run_validate(*opt); });
}

}  // namespace vantage::cli
