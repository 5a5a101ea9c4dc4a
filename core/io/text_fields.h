#pragma once
// Whitespace-separated text fields and strict number parsing, shared by the
// line-oriented readers (KITTI labels and calibration). Numbers go through
// std::from_chars: locale-independent, exact (round-trips what fmt writes) and
// strict about trailing junk, unlike strtod/stod.

#include <optional>
#include <string_view>
#include <vector>

namespace vantage::core {

// Splits on spaces, tabs and carriage returns; no empty fields.
std::vector<std::string_view> split_fields(std::string_view line);

// The whole field as a finite double, or nullopt ("1.5x", "nan", "" fail).
std::optional<double> parse_finite_double(std::string_view field);
// The whole field as an integer; "3.0" is accepted as 3, "3.5" is not.
std::optional<long long> parse_integer(std::string_view field);

// Calls f(line_number (1-based), line) for every line of `text`; a final line
// without a newline counts, a trailing newline does not add an empty line.
template <class F>
void for_each_line(std::string_view text, F&& f) {
  int number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t end = text.find('\n', pos);
    const size_t stop = end == std::string_view::npos ? text.size() : end;
    f(++number, text.substr(pos, stop - pos));
    pos = stop + 1;
  }
}

}  // namespace vantage::core
