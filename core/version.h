#pragma once

namespace vantage {

inline constexpr const char* kVersion = "0.1.0";
inline constexpr const char* kToolName = "vantage 0.1.0";

}  // namespace vantage
