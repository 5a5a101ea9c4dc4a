#pragma once
// Shared by `vantage export`, `import` and `convert`: option parsing helpers
// and printing a FormatReport (text or JSON).

#include <CLI/CLI.hpp>
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

}  // namespace vantage::cli
