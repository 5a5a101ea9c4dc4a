#pragma once
// Dataset browser: when the open sequence belongs to a dataset, its sequences
// with status, split, progress, claims and merge conflicts waiting for
// review; clicking one switches the workstation to it without restarting.

#include <filesystem>
#include <optional>
#include <string>

#include "core/dataset/dataset_info.h"

namespace vantage::gui {

struct DatasetBrowser {
  std::optional<std::filesystem::path> root;  // the dataset the open sequence is in
  core::DatasetInfo info;
  std::string error;
  std::filesystem::path current;    // the open sequence's folder
  std::filesystem::path requested;  // set when the user picks another sequence

  // Finds the dataset containing `opened` (if any) and reads its info.
  void refresh(const std::filesystem::path& opened);
};

void draw_dataset_panel(DatasetBrowser& browser);

}  // namespace vantage::gui
