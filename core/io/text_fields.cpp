#include "core/io/text_fields.h"

#include <charconv>
#include <cmath>

namespace vantage::core {

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
  };
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i]))
      ++i;
    const size_t start = i;
    while (i < line.size() && !is_space(line[i]))
      ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

std::optional<double> parse_finite_double(std::string_view field) {
  if (field.empty()) return std::nullopt;
  // from_chars rejects a leading '+', which some writers emit.
  if (field.front() == '+') field.remove_prefix(1);
  if (field.empty() || field.front() == '+' ||
      (field.front() == '-' && field.size() > 1 && field[1] == '+'))
    return std::nullopt;
  double v = 0;
  const auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
  if (ec != std::errc() || ptr != field.data() + field.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

std::optional<long long> parse_integer(std::string_view field) {
  if (field.empty()) return std::nullopt;
  if (field.front() == '+') field.remove_prefix(1);
  if (field.empty() || field.front() == '+') return std::nullopt;
  long long v = 0;
  const auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
  if (ec == std::errc() && ptr == field.data() + field.size()) return v;
  const auto d = parse_finite_double(field);
  if (!d || std::floor(*d) != *d || std::abs(*d) > 9.0e15) return std::nullopt;
  return static_cast<long long>(*d);
}

}  // namespace vantage::core
