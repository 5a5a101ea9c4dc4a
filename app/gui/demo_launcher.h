#pragma once
// `vantage-gui` with no arguments: the bundled demo. Generated once into the
// cache folder ($XDG_CACHE_HOME/vantage/demo-<version> or
// ~/.cache/vantage/demo-<version>) on a background thread while the window
// shows progress, then opened. The generator builds next to the target and
// renames into place, so an interrupted first start never leaves a broken
// cache: the next start simply generates again.

#include <atomic>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

namespace vantage::gui {

// Frames of the bundled demo: enough for a few seconds of driving with
// several keyframe spans, small enough to generate in seconds.
inline constexpr int kDemoFrames = 40;
inline constexpr int kDemoKeyframeStep = 10;

std::filesystem::path demo_cache_path();

class DemoLauncher {
 public:
  enum class State { Idle, Generating, Ready, Failed };

  explicit DemoLauncher(std::filesystem::path folder = demo_cache_path());
  ~DemoLauncher();
  DemoLauncher(const DemoLauncher&) = delete;
  DemoLauncher& operator=(const DemoLauncher&) = delete;

  // Ready at once when the folder already holds a demo; otherwise starts the
  // generator thread.
  void start();
  State state() const { return state_.load(); }
  // Frames done / total while generating.
  int done() const { return done_.load(); }
  int total() const { return total_.load(); }
  std::string error() const;
  const std::filesystem::path& folder() const { return folder_; }

 private:
  std::filesystem::path folder_;
  std::atomic<State> state_{State::Idle};
  std::atomic<int> done_{0};
  std::atomic<int> total_{kDemoFrames};
  mutable std::mutex mutex_;
  std::string error_;
  std::thread worker_;
};

}  // namespace vantage::gui
