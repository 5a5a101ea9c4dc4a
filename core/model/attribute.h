#pragma once
// Attribute values carried by objects (static) and shapes (per frame).

#include <map>
#include <string>
#include <variant>
#include <vector>

namespace vantage::core {

// bool, number, text (also enum values), vector of numbers (OpenLABEL vec).
using AttributeValue = std::variant<bool, double, std::string, std::vector<double>>;
using AttributeMap = std::map<std::string, AttributeValue>;

std::string to_string(const AttributeValue& v);

}  // namespace vantage::core
