#pragma once
// Shared by `vantage export`, `import` and `convert`: option parsing helpers
// and printing a FormatReport (text or JSON).

#include <CLI/CLI.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/formats/format.h"

namespace vantage::cli {

// "A:B", "A:", ":B" or "N" (inclusive). Throws core::Error on bad text.
core::FrameRange parse_frame_range(const std::string& text);
// "FROM=TO" pairs for --map-class. Throws core::Error on bad text.
std::map<std::string, std::string> parse_class_map(const std::vector<std::string>& pairs);
core::FormatId parse_format(const std::string& name, const char* option);
// Format names for --help ("coco, voc, ...").
std::string format_names();

void print_report(const core::FormatReport& report, const std::string& verb, bool json);
nlohmann::ordered_json report_json(const core::FormatReport& report);

// The no-silent-loss flags shared by export, import and convert.
struct LossFlags {
  bool skip_invalid = false;
  bool strict = false;
};
void add_loss_flags(CLI::App* sub, LossFlags& flags);

// Prints a failed conversion: the message, then every problem as
// FILE:LOCATION: what (JSON on stdout with --json), and exits with 1.
[[noreturn]] void fail_conversion(const core::ConversionError& e, bool json);

// With --skip-invalid: `<dir>/conversion-report.json` listing every dropped
// or altered item of the reports given (input and/or output), written
// atomically. Returns its path.
std::filesystem::path write_conversion_report(const std::filesystem::path& dir,
                                              const core::FormatReport* input,
                                              const core::FormatReport* output);

}  // namespace vantage::cli
