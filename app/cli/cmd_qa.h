#pragma once
// `vantage qa SUBCOMMAND`: the quality workflow (cmd_qa*.cpp, one file per
// subcommand group).

#include <CLI/CLI.hpp>

namespace vantage::cli {

void add_qa_consensus_command(CLI::App& qa);
void add_qa_gold_command(CLI::App& qa);
void add_qa_prepare_command(CLI::App& qa);
void add_qa_batches_command(CLI::App& qa);
void add_qa_stats_command(CLI::App& qa);
void add_qa_queue_command(CLI::App& qa);

}  // namespace vantage::cli
