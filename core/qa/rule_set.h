#pragma once
// Configuration of the QA rules (`vantage validate --rules FILE`, the Issues
// panel): which rules run, with which severity and parameters.
//
// File format (assets/qa_rules.json holds the defaults, docs/qa.md the
// reference):
//   { "format": "vantage.qa_rules", "format_version": 1,
//     "rules": { "duplicate": { "enabled": true, "severity": "error", "iou": 0.85 }, ... } }
// A project file lists only what it changes: every rule and parameter it
// leaves out keeps its default. Unknown rules, unknown parameters and values
// of the wrong type are errors naming the file and line:column, so a typo
// never silently disables a check.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/qa/finding.h"

namespace vantage::core {

struct RuleConfig {
  std::string id;
  bool enabled = true;
  Severity severity = Severity::Warning;
  std::map<std::string, double> params;  // numbers only (counts, thresholds, margins)
};

struct RuleSet {
  std::vector<RuleConfig> rules;  // catalogue order

  const RuleConfig* find(const std::string& id) const;
  RuleConfig* find(const std::string& id);
  bool enabled(const std::string& id) const;
  // The parameter's value; throws Error when the rule or parameter is unknown
  // (a programming error: every parameter has a default).
  double param(const std::string& id, const std::string& name) const;
};

// Every rule the engine implements, with a one-line description.
struct RuleInfo {
  const char* id;
  const char* description;
};
const std::vector<RuleInfo>& rule_catalogue();

// The defaults (the embedded assets/qa_rules.json).
const RuleSet& default_rules();

// Parses a rules file's text over `base` (defaults when not given). Throws
// FileError(file_label, "line L:C", message) on syntax and content errors.
RuleSet parse_rules(const std::string& text, const std::string& file_label,
                    const RuleSet& base = default_rules());
RuleSet load_rules_file(const std::filesystem::path& path, const RuleSet& base = default_rules());

// A project's own rules: <folder>/qa_rules.json when it exists, else the
// defaults.
inline constexpr const char* kRulesFileName = "qa_rules.json";
RuleSet project_rules(const std::filesystem::path& folder);

std::string rules_to_json(const RuleSet& rules);

std::optional<Severity> severity_from_string(const std::string& s);

// Line and column (1-based) of the value at JSON `pointer` in `text`, found
// by following the pointer's keys through the text; {0, 0} when not found.
std::pair<int, int> json_text_position(const std::string& text, const std::string& pointer);

}  // namespace vantage::core
