#include "app/cli/format_cli.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/formats/format_util.h"

namespace vantage::cli {

core::FrameRange parse_frame_range(const std::string& text) {
  const size_t colon = text.find(':');
  int64_t a = 0, b = INT32_MAX;
  const std::string first = colon == std::string::npos ? text : text.substr(0, colon);
  const std::string last = colon == std::string::npos ? text : text.substr(colon + 1);
  if ((!first.empty() && !core::parse_int(first, a)) ||
      (!last.empty() && !core::parse_int(last, b)) || a < 0 || b < a ||
      (first.empty() && last.empty()))
    throw core::Error(fmt::format(
        "--frames '{}': expected A:B with 0 <= A <= B (inclusive; A: or :B open)", text));
  return {static_cast<int>(a), static_cast<int>(std::min<int64_t>(b, INT32_MAX))};
}

std::map<std::string, std::string> parse_class_map(const std::vector<std::string>& pairs) {
  std::map<std::string, std::string> out;
  for (const std::string& p : pairs) {
    const size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == p.size())
      throw core::Error(fmt::format("--map-class '{}': expected FROM=TO", p));
    out[p.substr(0, eq)] = p.substr(eq + 1);
  }
  return out;
}

core::FormatId parse_format(const std::string& name, const char* option) {
  if (auto f = core::format_from_name(name)) return *f;
  throw core::Error(
      fmt::format("{} '{}': unknown format (formats: {})", option, name, format_names()));
}

std::string format_names() {
  std::string s;
  for (const core::FormatInfo& f : core::format_list())
    s += (s.empty() ? "" : ", ") + std::string(f.name);
  return s;
}

void print_report(const core::FormatReport& r, const std::string& verb, bool json) {
  if (json) {
    nlohmann::ordered_json j;
    j["format"] = r.format;
    j["files_written"] = nlohmann::json::array();
    for (const auto& f : r.files_written)
      j["files_written"].push_back(f.string());
    j["images"] = r.images;
    j["frames"] = r.frames;
    j["objects"] = r.objects;
    j["shapes"] = r.shapes;
    j["summary"] = r.summary;
    j["classes_added"] = r.classes_added;
    j["skipped_count"] = r.skipped_count;
    j["skipped"] = nlohmann::json::array();
    for (const auto& s : r.skipped)
      j["skipped"].push_back({{"file", s.file}, {"location", s.location}, {"message", s.message}});
    fmt::print("{}\n", j.dump(2));
    return;
  }
  fmt::print("{} {}: {} objects, {} shapes", verb, r.format, r.objects, r.shapes);
  if (r.images) fmt::print(", {} images", r.images);
  if (!r.files_written.empty()) fmt::print(", {} files written", r.files_written.size());
  fmt::print("\n");
  for (const std::string& line : r.summary)
    fmt::print("  {}\n", line);
  constexpr size_t kShown = 20;
  for (size_t i = 0; i < r.skipped.size() && i < kShown; ++i) {
    const auto& s = r.skipped[i];
    fmt::print("  skipped: {}{}{}: {}\n", s.file, s.location.empty() ? "" : ":", s.location,
               s.message);
  }
  if (r.skipped_count > kShown)
    fmt::print("  ... {} more skipped (--json lists {})\n", r.skipped_count - kShown,
               r.skipped.size());
}

}  // namespace vantage::cli
