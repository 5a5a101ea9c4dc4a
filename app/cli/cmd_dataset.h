#pragma once
// `vantage dataset ...`: shared pieces of the dataset subcommands
// (cmd_dataset*.cpp). Every subcommand acts on the dataset containing the
// working directory, like git, or on `-C DIR`.

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "core/dataset/dataset.h"
#include "core/dataset/dataset_export.h"

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

// `dataset export` and `dataset validate`, also run by `vantage export` and
// `vantage validate` when PATH is a dataset folder. Throw ExitCode{1} on
// failed sequences / validation errors.
void run_dataset_export(const core::Dataset& dataset, const core::DatasetExportOptions& options, bool json);
struct DatasetValidateOptions {
  std::vector<std::string> sequences;
  std::string out;  // one JSON report per sequence
  bool json = false, no_points = false, no_file_check = false;
};
void run_dataset_validate(const core::Dataset& dataset, const DatasetValidateOptions& options);

}  // namespace vantage::cli
