#include "core/qa/finding.h"

#include <fmt/format.h>

#include <algorithm>

namespace vantage::core {

const char* to_string(Severity s) {
  switch (s) {
    case Severity::Info:
      return "info";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "error";
}

std::string format_finding(const Finding& f) {
  std::string out = fmt::format("{}: ", to_string(f.severity));
  if (!f.location.empty()) out += f.location + ": ";
  if (f.object) out += fmt::format("object {} ", *f.object);
  if (f.frame >= 0) out += fmt::format("{}frame {} ", f.object ? "at " : "", f.frame);
  if (!f.sensor.empty()) out += fmt::format("in {} ", f.sensor);
  if (f.object || f.frame >= 0 || !f.sensor.empty()) {
    out.pop_back();
    out += ": ";
  }
  out += f.message;
  if (!f.rule.empty()) out += fmt::format(" [{}]", f.rule);
  return out;
}

size_t count_errors(const std::vector<Finding>& findings) {
  return static_cast<size_t>(std::count_if(findings.begin(), findings.end(), [](const Finding& f) {
    return f.severity == Severity::Error;
  }));
}

}  // namespace vantage::core
