#include "core/model/attribute.h"

#include <fmt/format.h>

namespace vantage::core {

std::string to_string(const AttributeValue& v) {
  struct Visitor {
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(double d) const { return fmt::format("{}", d); }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const std::vector<double>& vec) const {
      return fmt::format("[{}]", fmt::join(vec, ", "));
    }
  };
  return std::visit(Visitor{}, v);
}

}  // namespace vantage::core
