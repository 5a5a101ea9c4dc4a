#pragma once
// A problem found in a document, by structural validation or by QA rules.

#include <optional>
#include <string>
#include <vector>

#include "core/model/object.h"

namespace vantage::core {

enum class Severity : uint8_t { Info, Warning, Error };
const char* to_string(Severity s);

struct Finding {
  Severity severity = Severity::Error;
  std::string rule;      // short id, e.g. "unknown-sensor"
  std::string location;  // file and JSON pointer when it comes from a file
  std::optional<ObjectId> object;
  int frame = -1;
  std::string sensor;
  std::string message;
};

// "error: annotations.json: /objects/3/...: object 7 at frame 12: message"
std::string format_finding(const Finding& f);
size_t count_errors(const std::vector<Finding>& findings);

}  // namespace vantage::core
