#include "app/gui/autosave.h"

#include <fmt/format.h>

#include <cstdlib>

#include "core/io/file_util.h"
#include "core/io/json_reader.h"
#include "core/io/native_format.h"
#include "core/segmentation/segmentation_io.h"

namespace vantage::gui {

namespace fs = std::filesystem;

namespace {

uint64_t fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

fs::path state_dir() {
  if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x) return fs::path(x) / "vantage";
  if (const char* h = std::getenv("HOME"); h && *h)
    return fs::path(h) / ".local" / "state" / "vantage";
  return fs::temp_directory_path() / "vantage-state";
}

fs::path Autosave::sidecar_for(const fs::path& doc_path) {
  std::error_code ec;
  fs::path canon = fs::weakly_canonical(fs::absolute(doc_path, ec), ec);
  if (canon.empty()) canon = doc_path;
  return state_dir() / "autosave" /
         fmt::format("{:016x}", fnv1a(canon.lexically_normal().string())) /
         core::kAnnotationsFileName;
}

Autosave::Autosave(fs::path sidecar, double interval_s)
    : sidecar_(std::move(sidecar)), interval_s_(interval_s) {
  worker_ = std::thread([this] { run(); });
}

Autosave::~Autosave() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  worker_.join();
}

void Autosave::tick(const core::Editor& editor, double now_s, bool frame_changed) {
  if (!editor.dirty() || editor.revision() == queued_revision_) {
    dirty_since_s_ = -1;
    return;
  }
  if (dirty_since_s_ < 0) dirty_since_s_ = now_s;
  if (frame_changed || now_s - dirty_since_s_ >= interval_s_) {
    write(editor.document().annotations, editor.revision());
    last_queued_s_ = now_s;
    dirty_since_s_ = -1;
  }
}

void Autosave::write(const core::Annotations& annotations, uint64_t revision) {
  queued_revision_ = revision;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_ = annotations;  // the copy the worker serialises
    pending_revision_ = revision;
  }
  cv_.notify_all();
}

void Autosave::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    cv_.wait(lock, [&] { return stop_ || pending_; });
    if (!pending_) return;  // stopping with nothing queued
    core::Annotations job = std::move(*pending_);
    const uint64_t revision = pending_revision_;
    pending_.reset();
    writing_ = true;
    lock.unlock();
    std::string error;
    try {
      fs::create_directories(sidecar_.parent_path());
      // Changed segmentation layers go beside the sidecar; saved ones are
      // referenced where they are (the document's folder).
      core::SegmentationSaveOptions so;
      so.copy_foreign = false;
      so.sync = false;
      core::save_segmentation_files(job.segmentation, sidecar_.parent_path(), so);
      core::AtomicWriteOptions opt;
      opt.keep_backup = false;
      core::write_file_atomic(sidecar_, core::annotations_to_json(job, sidecar_.parent_path()), opt);
      core::collect_segmentation_garbage(job.segmentation, sidecar_.parent_path());
    } catch (const std::exception& e) {
      error = fmt::format("autosave to {} failed: {}", sidecar_.string(), e.what());
    }
    lock.lock();
    writing_ = false;
    error_ = error;
    if (error.empty()) written_revision_ = revision;
    cv_.notify_all();
    if (stop_ && !pending_) return;
  }
}

void Autosave::wait_idle() {
  std::unique_lock<std::mutex> lock(mutex_);
  cv_.wait(lock, [&] { return !pending_ && !writing_; });
}

void Autosave::discard() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.reset();
  }
  wait_idle();
  std::error_code ec;
  fs::remove(sidecar_, ec);
  fs::remove_all(sidecar_.parent_path() / core::kSegmentationFolder, ec);
  queued_revision_ = 0;
  dirty_since_s_ = -1;
}

uint64_t Autosave::written_revision() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return written_revision_;
}

std::string Autosave::last_error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return error_;
}

std::optional<fs::path> find_recovery(const fs::path& doc_path, const core::Document& doc) {
  const fs::path sidecar = Autosave::sidecar_for(doc_path);
  std::error_code ec;
  if (!fs::exists(sidecar, ec)) return std::nullopt;
  if (core::is_native_folder(doc_path)) {
    const fs::path saved = doc_path / core::kAnnotationsFileName;
    if (fs::exists(saved, ec) && fs::last_write_time(saved, ec) > fs::last_write_time(sidecar, ec))
      return std::nullopt;  // saved after the sidecar was written
  }
  try {
    if (load_recovery(sidecar) == doc.annotations) return std::nullopt;  // nothing to recover
  } catch (const std::exception&) {
    return std::nullopt;  // unreadable sidecar: nothing usable to offer
  }
  return sidecar;
}

core::Annotations load_recovery(const fs::path& sidecar) {
  return core::load_annotations_file(sidecar);
}

}  // namespace vantage::gui
