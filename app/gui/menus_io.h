#pragma once
// File > Export / Import: a dialog for the format and options, the run on a
// worker thread with a modal progress bar (cancellable), and the report after
// it (what could not be exported, skipped input with file and position).
// Export works on a copy of the document; import reads into a copy and the
// result replaces the annotations as one undoable step, only on success.

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/formats/format.h"

namespace vantage::gui {

class Workspace;

class IoDialogs {
 public:
  IoDialogs();
  ~IoDialogs();
  IoDialogs(const IoDialogs&) = delete;
  IoDialogs& operator=(const IoDialogs&) = delete;

  void open_export(const Workspace& ws);
  void open_import(const Workspace& ws);
  bool busy() const { return running_.load(); }
  // Draws whichever dialog is open; applies a finished import to `ws`.
  void draw(Workspace& ws);

 private:
  enum class Mode { None, ExportSetup, ImportSetup, Running, Report };
  void start_export(const Workspace& ws);
  void start_import(const Workspace& ws);
  void join();

  Mode mode_ = Mode::None;
  bool is_export_ = true;
  bool popup_open_ = false;
  // Options being edited
  int format_index_ = 0;
  std::string path_;
  core::ExportOptions export_opt_;
  core::ImportOptions import_opt_;
  int unknown_policy_ = 0;
  // Running job
  std::thread worker_;
  std::atomic<bool> running_{false};
  std::atomic<bool> cancel_{false};
  std::atomic<size_t> done_{0}, total_{0};
  std::mutex mutex_;
  std::optional<core::FormatReport> report_;
  std::optional<core::Document> imported_;
  std::string error_;
  bool applied_ = false;
};

}  // namespace vantage::gui
