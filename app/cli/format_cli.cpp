#include "app/cli/format_cli.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/cli/cli_commands.h"
#include "core/formats/format_util.h"
#include "core/io/file_util.h"

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

nlohmann::ordered_json report_json(const core::FormatReport& r) {
  nlohmann::ordered_json j;
  j["format"] = r.format;
  j["files_written"] = nlohmann::json::array();
  for (const auto& f : r.files_written)
    j["files_written"].push_back(f.string());
  j["images"] = r.images;
  j["frames"] = r.frames;
  j["objects"] = r.objects;
  j["shapes"] = r.shapes;
  j["ignore_regions"] = r.ignore_regions;
  j["summary"] = r.summary;
  j["classes_added"] = r.classes_added;
  j["problem_count"] = r.problem_count;
  j["limitation_count"] = r.limitation_count;
  j["skipped_count"] = r.skipped_count;
  j["skipped"] = nlohmann::json::array();
  for (const auto& s : r.skipped)
    j["skipped"].push_back({{"file", s.file},
                            {"location", s.location},
                            {"what", s.what},
                            {"action", s.altered ? "altered" : "dropped"},
                            {"reason", s.why},
                            {"by_option", s.by_option},
                            {"message", s.message}});
  return j;
}

namespace {
std::string where(const core::SkippedInput& s) {
  std::string w = s.file;
  if (!s.location.empty()) w += (w.empty() ? "" : ":") + s.location;
  return w;
}
}  // namespace

void print_report(const core::FormatReport& r, const std::string& verb, bool json) {
  if (json) {
    fmt::print("{}\n", report_json(r).dump(2));
    return;
  }
  fmt::print("{} {}: {} objects, {} shapes", verb, r.format, r.objects, r.shapes);
  if (r.ignore_regions) fmt::print(", {} ignore regions", r.ignore_regions);
  if (r.images) fmt::print(", {} images", r.images);
  if (!r.files_written.empty()) fmt::print(", {} files written", r.files_written.size());
  fmt::print("\n");
  for (const std::string& line : r.summary)
    fmt::print("  {}\n", line);
  constexpr size_t kShown = 20;
  for (size_t i = 0; i < r.skipped.size() && i < kShown; ++i) {
    const auto& s = r.skipped[i];
    fmt::print("  {}: {}\n", where(s), s.message);
  }
  if (r.skipped_count > kShown)
    fmt::print("  ... {} more (--json or conversion-report.json lists them)\n",
               r.skipped_count - kShown);
}

void add_loss_flags(CLI::App* sub, LossFlags& flags) {
  sub->add_flag("--skip-invalid", flags.skip_invalid,
                "Carry what can be carried, drop or alter the rest, and list each such item in "
                "conversion-report.json (default: fail and write nothing)");
  sub->add_flag("--strict", flags.strict,
                "Also fail on what the format cannot hold by design (attributes in YOLO, ...)");
}

void fail_conversion(const core::ConversionError& e, bool json) {
  const core::FormatReport& r = e.report();
  if (json) {
    nlohmann::ordered_json j;
    j["error"] = e.what();
    j["report"] = report_json(r);
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print(stderr, "vantage: {}\n", e.what());
    constexpr size_t kShown = 200;
    size_t shown = 0;
    for (const auto& s : r.skipped) {
      if (s.by_option) continue;
      if (shown++ == kShown) break;
      fmt::print(stderr, "  {}: {} would be {}: {}\n", where(s), s.what,
                 s.altered ? "altered" : "lost", s.why);
    }
    if (r.problem_count > kShown)
      fmt::print(stderr, "  ... {} more (--json lists every one)\n", r.problem_count - kShown);
    for (const std::string& line : r.summary)
      fmt::print(stderr, "  {}\n", line);
  }
  throw ExitCode{1};
}

std::filesystem::path write_conversion_report(const std::filesystem::path& dir,
                                              const core::FormatReport* input,
                                              const core::FormatReport* output) {
  nlohmann::ordered_json j;
  j["format"] = "vantage.conversion-report";
  j["format_version"] = 1;
  nlohmann::ordered_json items = nlohmann::json::array();
  size_t dropped = 0, altered = 0;
  for (const auto* r : {input, output}) {
    if (!r) continue;
    for (const auto& s : r->skipped) {
      (s.altered ? altered : dropped)++;
      items.push_back({{"stage", r == input ? "read" : "write"},
                       {"file", s.file},
                       {"location", s.location},
                       {"what", s.what},
                       {"action", s.altered ? "altered" : "dropped"},
                       {"reason", s.why},
                       {"by_option", s.by_option}});
    }
  }
  j["dropped"] = dropped;
  j["altered"] = altered;
  j["items"] = std::move(items);
  j["input"] = input ? report_json(*input) : nlohmann::ordered_json();
  j["output"] = output ? report_json(*output) : nlohmann::ordered_json();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::filesystem::path path = dir / "conversion-report.json";
  core::write_file_atomic(path, j.dump(2) + "\n", {false, true});
  return path;
}

}  // namespace vantage::cli
