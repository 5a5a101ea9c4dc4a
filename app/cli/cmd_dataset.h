#pragma once
// `vantage dataset ...`: shared pieces of the dataset subcommands
// (cmd_dataset*.cpp). Every subcommand acts on the dataset containing the
// working directory, like git, or on `-C DIR`.

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "core/dataset/dataset.h"

namespace vantage::cli {

struct DatasetContext {
  std::string dir;  // -C DIR
  core::Dataset open() const;
  std::string start() const;  // the folder discovery starts from
};
using DatasetContextPtr = std::shared_ptr<DatasetContext>;

void add_dataset_core_commands(CLI::App& dataset, const DatasetContextPtr& ctx);
void add_dataset_version_commands(CLI::App& dataset, const DatasetContextPtr& ctx);
void add_dataset_team_commands(CLI::App& dataset, const DatasetContextPtr& ctx);

}  // namespace vantage::cli
