#pragma once
// File > Export / Import: a dialog for the format and options, the run on a
// worker thread with a modal progress bar (cancellable), and the report after
// it (what could not be exported, skipped input with file and position).
// Export works on a copy of the document; import reads into a copy and the
// result replaces the annotations as one undoable step, only on success.

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/formats/format.h"

namespace vantage::gui {

class Workspace;

// One export or import on a worker thread, on a copy of the document.
class IoJob {
 public:
  IoJob() = default;
  ~IoJob();
  IoJob(const IoJob&) = delete;
  IoJob& operator=(const IoJob&) = delete;

  void start_export(const core::Document& doc, core::FormatId format, std::filesystem::path out,
                    core::ExportOptions options);
  void start_import(const core::Document& doc, core::FormatId format, std::filesystem::path in,
                    core::ImportOptions options);
  bool running() const { return running_.load(); }
  void cancel() { cancel_ = true; }
  void wait();
  size_t done() const { return done_.load(); }
  size_t total() const { return total_.load(); }
  // After it finished: the report (success) or the error text.
  std::optional<core::FormatReport> report() const;
  std::string error() const;
  // A successful import's result once (then empty): replace the workspace's
  // annotations with it through apply_import().
  std::optional<core::Document> take_imported();

 private:
  void reset();
  std::thread worker_;
  std::atomic<bool> running_{false};
  std::atomic<bool> cancel_{false};
  std::atomic<size_t> done_{0}, total_{0};
  mutable std::mutex mutex_;
  std::optional<core::FormatReport> report_;
  std::optional<core::Document> imported_;
  std::string error_;
};

// Replaces ws's schema and annotations with an import's result, one undo step.
void apply_import(Workspace& ws, core::Document imported, const std::string& source);

class IoDialogs {
 public:
  IoDialogs();
  ~IoDialogs();
  IoDialogs(const IoDialogs&) = delete;
  IoDialogs& operator=(const IoDialogs&) = delete;

  void open_export(const Workspace& ws);
  void open_import(const Workspace& ws);
  bool busy() const { return job_.running(); }
  // Draws whichever dialog is open; applies a finished import to `ws`.
  void draw(Workspace& ws);

 private:
  enum class Mode { None, ExportSetup, ImportSetup, Running, Report };
  void start_export(const Workspace& ws);
  void start_import(const Workspace& ws);

  Mode mode_ = Mode::None;
  bool is_export_ = true;
  bool popup_open_ = false;
  // Options being edited
  int format_index_ = 0;
  std::string path_;
  core::ExportOptions export_opt_;
  core::ImportOptions import_opt_;
  int unknown_policy_ = 0;
  IoJob job_;
  bool applied_ = false;
};

}  // namespace vantage::gui
