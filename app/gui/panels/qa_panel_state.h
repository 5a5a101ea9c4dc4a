#pragma once
// What the QA panels remember between frames for one document: filter
// toggles, typed text and the statistics cache. It lives in the Workspace so
// it dies with the document; a map keyed by Workspace address could hand a
// new document the old one's cached statistics.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/qa/consensus.h"
#include "core/qa/statistics.h"

namespace vantage::gui {

struct IssuesPanelState {
  bool show[3] = {true, true, true};  // info, warning, error
  bool was_dirty = false;
  bool ran = false;
  char text[64] = "";
};

struct ReviewPanelState {
  char reason[128] = "";
  char comment[256] = "";
};

struct StatisticsPanelState {
  uint64_t revision = UINT64_MAX;  // editor revision the statistics belong to
  core::DatasetStatistics stats;
  std::vector<float> class_counts;
  char compare_path[512] = "";
  std::string compare_error;
  std::optional<core::ConsensusReport> agreement;
  std::vector<float> histogram;
};

struct QaPanelState {
  IssuesPanelState issues;
  ReviewPanelState review;
  StatisticsPanelState statistics;
};

}  // namespace vantage::gui
