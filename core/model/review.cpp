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

const char* to_string(PrelabelAction a) {
  return a == PrelabelAction::Accepted ? "accepted" : "rejected";
}

std::optional<PrelabelAction> prelabel_action_from_string(const std::string& s) {
  if (s == "accepted") return PrelabelAction::Accepted;
  if (s == "rejected") return PrelabelAction::Rejected;
  return std::nullopt;
}

}  // namespace vantage::core
