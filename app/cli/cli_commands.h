#pragma once
// The headless `vantage` subcommands. Each file adds one subcommand to the
// CLI11 app; main.cpp calls every add_*_command. These link vantage_core only:
// no OpenGL, GLFW or ImGui, and no display needed.

#include <CLI/CLI.hpp>

namespace vantage::cli {

// Exit code convention: 0 ok, 1 the check failed (validation errors), 2 bad
// input or usage.
struct ExitCode {
  int code;
};

void add_info_command(CLI::App& app);
void add_validate_command(CLI::App& app);
void add_eval_interp_command(CLI::App& app);
void add_project_command(CLI::App& app);
void add_fit_eval_command(CLI::App& app);
void add_demo_command(CLI::App& app);
void add_export_command(CLI::App& app);
void add_import_command(CLI::App& app);
void add_convert_command(CLI::App& app);
void add_qa_command(CLI::App& app);
void add_eval_seg_command(CLI::App& app);
void add_bench_command(CLI::App& app);
void add_dataset_command(CLI::App& app);
// `vantage merge-driver %O %A %B %P`: git's merge driver for dataset files.
void add_merge_driver_command(CLI::App& app);
void add_prelabel_command(CLI::App& app);

// `--allow-outside` (any subcommand): sequences may name data outside their
// folder (core/io/path_policy.h). Set while the command line is parsed.
bool allow_outside();
void set_allow_outside(bool allow);

// Forwards GUI subcommands (`open`, `render`) to the vantage-gui executable
// installed beside this one. Returns the child's exit status.
int run_gui(int argc, char** argv);

}  // namespace vantage::cli
