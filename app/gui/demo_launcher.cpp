#include "app/gui/demo_launcher.h"

#include <fmt/format.h>

#include <cstdlib>

#include "core/io/native_format.h"
#include "core/synth/demo_generator.h"
#include "core/version.h"

namespace vantage::gui {

namespace fs = std::filesystem;

fs::path demo_cache_path() {
  fs::path base;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
    base = fs::path(x) / "vantage";
  else if (const char* h = std::getenv("HOME"); h && *h)
    base = fs::path(h) / ".cache" / "vantage";
  else
    base = fs::temp_directory_path() / "vantage-cache";
  return base / fmt::format("demo-{}", kVersion);
}

DemoLauncher::DemoLauncher(fs::path folder) : folder_(std::move(folder)) {}

DemoLauncher::~DemoLauncher() {
  if (worker_.joinable()) worker_.join();
}

void DemoLauncher::start() {
  if (state_ != State::Idle) return;
  if (core::is_native_folder(folder_)) {
    state_ = State::Ready;
    return;
  }
  state_ = State::Generating;
  worker_ = std::thread([this] {
    try {
      core::DemoOptions opt;
      opt.frames = kDemoFrames;
      opt.keyframes_only = kDemoKeyframeStep;
      total_ = opt.frames;
      fs::create_directories(folder_.parent_path());
      // overwrite: a folder without sequence.json here is debris, not a demo.
      core::generate_demo(opt, folder_, /*overwrite=*/true, [this](int done, int total) {
        done_ = done;
        total_ = total;
      });
      state_ = State::Ready;
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(mutex_);
      error_ = fmt::format("cannot generate the demo in {}: {}", folder_.string(), e.what());
      state_ = State::Failed;
    }
  });
}

std::string DemoLauncher::error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return error_;
}

}  // namespace vantage::gui
