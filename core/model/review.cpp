#include "core/model/review.h"

namespace vantage::core {

namespace {
constexpr const char* kNames[] = {"todo", "in_progress", "done", "accepted", "rejected"};
}

const char* to_string(ReviewStatus s) { return kNames[static_cast<int>(s)]; }

std::optional<ReviewStatus> review_status_from_string(const std::string& s) {
  for (int i = 0; i < 5; ++i)
    if (s == kNames[i]) return static_cast<ReviewStatus>(i);
  return std::nullopt;
}

}  // namespace vantage::core
