// QA rules files (qa_rules.json): parse over the defaults; what parses is
// written back and must parse to the same rules.
#include "core/qa/rule_set.h"
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  core::RuleSet rules;
  if (!fuzz::accepts([&] { rules = core::parse_rules(text, "qa_rules.json"); })) return 0;
  core::RuleSet again;
  if (!fuzz::accepts([&] { again = core::parse_rules(core::rules_to_json(rules), "out.json"); }))
    fuzz::fail("written QA rules do not parse");
  if (again.rules.size() != rules.rules.size()) fuzz::fail("QA rules do not round-trip");
  for (size_t i = 0; i < rules.rules.size(); ++i) {
    const auto &a = rules.rules[i], &b = again.rules[i];
    if (a.id != b.id || a.enabled != b.enabled || a.severity != b.severity || a.params != b.params)
      fuzz::fail("QA rules do not round-trip");
  }
  return 0;
}
