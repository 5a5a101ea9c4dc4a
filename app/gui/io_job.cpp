// IoJob: one export or import on a worker thread (no ImGui here, so the
// thread tests run it without a window; the dialogs are in menus_io.cpp).
#include "app/gui/menus_io.h"

namespace vantage::gui {

namespace fs = std::filesystem;

IoJob::~IoJob() {
  cancel_ = true;
  wait();
}

void IoJob::wait() {
  if (worker_.joinable()) worker_.join();
}

void IoJob::reset() {
  wait();
  std::lock_guard<std::mutex> lock(mutex_);
  report_.reset();
  imported_.reset();
  error_.clear();
  done_ = total_ = 0;
  cancel_ = false;
  running_ = true;
}

void IoJob::start_export(const core::Document& doc, core::FormatId format, fs::path out,
                         core::ExportOptions opt) {
  reset();
  opt.progress = [this](size_t d, size_t t) {
    done_ = d;
    total_ = t;
    return !cancel_.load();
  };
  worker_ = std::thread([this, doc, format, opt, out] {
    try {
      core::FormatReport r = core::export_document(doc, format, out, opt);
      std::lock_guard<std::mutex> lock(mutex_);
      report_ = std::move(r);
    } catch (const core::ConversionError& e) {
      // Nothing written; the report lists every item that would be lost.
      std::lock_guard<std::mutex> lock(mutex_);
      error_ = e.what();
      report_ = e.report();
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(mutex_);
      error_ = e.what();
    }
    running_ = false;
  });
}

void IoJob::start_import(const core::Document& doc, core::FormatId format, fs::path in,
                         core::ImportOptions opt) {
  reset();
  opt.progress = [this](size_t d, size_t t) {
    done_ = d;
    total_ = t;
    return !cancel_.load();
  };
  worker_ = std::thread([this, d = core::Document(doc), format, opt, in]() mutable {
    try {
      core::FormatReport r = core::import_annotations(d, format, in, opt);
      std::lock_guard<std::mutex> lock(mutex_);
      report_ = std::move(r);
      imported_ = std::move(d);
    } catch (const core::ConversionError& e) {
      std::lock_guard<std::mutex> lock(mutex_);
      error_ = e.what();
      report_ = e.report();
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(mutex_);
      error_ = e.what();
    }
    running_ = false;
  });
}

std::optional<core::FormatReport> IoJob::report() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return report_;
}

std::string IoJob::error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return error_;
}

std::optional<core::Document> IoJob::take_imported() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::optional<core::Document> out = std::move(imported_);
  imported_.reset();
  return out;
}

}  // namespace vantage::gui
