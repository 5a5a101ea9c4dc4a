#include "app/cli/cmd_qa.h"
namespace vantage::cli {
void add_qa_prepare_command(CLI::App&) {}
void add_qa_batches_command(CLI::App&) {}
void add_qa_stats_command(CLI::App&) {}
}  // namespace vantage::cli
