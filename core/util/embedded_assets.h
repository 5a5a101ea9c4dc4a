#pragma once
// Files from assets/ compiled into the core library (default schema, hotkeys).

#include <string_view>

namespace vantage::core::assets {

// The text of an embedded asset by file name ("default_schema.json"), or an
// empty view when there is no such asset.
std::string_view embedded_file(std::string_view name);

}  // namespace vantage::core::assets
