#pragma once
// JSON forms of the QA reports (`vantage qa ... --json`; field reference in
// docs/qa.md). Built in core so tests and the app read the same fields.

#include <nlohmann/json.hpp>

#include "core/qa/consensus.h"
#include "core/qa/finding.h"
#include "core/qa/gold.h"

namespace vantage::core {

nlohmann::json to_json(const Finding& f);
nlohmann::json to_json(const ClassAgreement& c);
nlohmann::json to_json(const Disagreement& d);
nlohmann::json to_json(const ConsensusReport& r);
nlohmann::json to_json(const GoldScore& s);
nlohmann::json to_json(const GoldReport& r);

}  // namespace vantage::core
