#pragma once
// Never lose work: while a document has unsaved changes its annotations are
// copied, serialised on a worker thread and written atomically to a sidecar
// file (`interval` seconds after the first unsaved edit, and whenever the
// frame changes), so the UI never waits on the disk. With the default interval
// a crash (kill -9, power cut after the fsync) loses at most the last second of
// edits: the kill campaign (tests/reliability, docs/reliability.md) checks it. A real save deletes the sidecar; a sidecar found
// at start that is newer than the saved annotations is offered for recovery.
//
// Sidecars live in $XDG_STATE_HOME/vantage/autosave/<hash of the path>/ (or
// ~/.local/state/...), never next to the data, which may be read-only.

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/commands/editor.h"
#include "core/model/document.h"

namespace vantage::gui {

// Half a second leaves room within the one-second promise for serialising and
// writing a large document; the copy it takes on the UI thread is cheap next
// to a frame.
inline constexpr double kAutosaveIntervalS = 0.5;

class Autosave {
 public:
  explicit Autosave(std::filesystem::path sidecar, double interval_s = kAutosaveIntervalS);
  ~Autosave();
  Autosave(const Autosave&) = delete;
  Autosave& operator=(const Autosave&) = delete;

  // The sidecar file for a document opened from `doc_path`.
  static std::filesystem::path sidecar_for(const std::filesystem::path& doc_path);
  const std::filesystem::path& sidecar() const { return sidecar_; }

  // Call every UI frame. Queues a write when the editor has changes not yet
  // autosaved and the interval has passed since they began, or the frame
  // changed. `now_s`: a monotonic clock in seconds.
  void tick(const core::Editor& editor, double now_s, bool frame_changed);
  // Queues a write of `annotations` now (a copy is taken).
  void write(const core::Annotations& annotations, uint64_t revision);
  // Blocks until queued writes are done (quit, tests).
  void wait_idle();
  // After a real save: drops queued writes and deletes the sidecar.
  void discard();

  uint64_t written_revision() const;
  std::string last_error() const;  // empty when the last write succeeded
  double last_write_s() const { return last_queued_s_; }

 private:
  void run();

  std::filesystem::path sidecar_;
  double interval_s_;
  // UI thread only
  uint64_t queued_revision_ = 0;
  double dirty_since_s_ = -1;
  double last_queued_s_ = -1;

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::optional<core::Annotations> pending_;
  uint64_t pending_revision_ = 0;
  bool writing_ = false;
  bool stop_ = false;
  uint64_t written_revision_ = 0;
  std::string error_;
  std::thread worker_;
};

// A sidecar worth offering: it exists, differs from the annotations just
// loaded, and is newer than the saved annotations file (native folders).
std::optional<std::filesystem::path> find_recovery(const std::filesystem::path& doc_path,
                                                   const core::Document& doc);
// Reads a sidecar (throws core::FileError naming it when unreadable).
core::Annotations load_recovery(const std::filesystem::path& sidecar);

// $XDG_STATE_HOME/vantage or ~/.local/state/vantage.
std::filesystem::path state_dir();

}  // namespace vantage::gui
