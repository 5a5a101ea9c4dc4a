#pragma once
// The workstation application: owns the window, the open workspace, the
// views, tools, actions and hotkeys, autosave and the dialogs, and wires them
// together each frame. Drawing is delegated to the layout and panels; file
// work to core.

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "app/gui/actions.h"
#include "app/gui/app_modals.h"
#include "app/gui/autosave.h"
#include "app/gui/demo_launcher.h"
#include "app/gui/hotkeys.h"
#include "app/gui/layout.h"
#include "app/gui/menus_io.h"
#include "app/gui/panels/dataset_panel.h"
#include "app/gui/tools/tool_box.h"

struct GLFWwindow;
struct ImGuiContext;

namespace vantage::gui {

class Workspace;
class ViewSet;

struct AppOptions {
  std::string path;        // empty: the bundled demo
  std::string sequence;    // KITTI tracking sequence id
  std::string screenshot;  // capture the UI to this PNG once loaded, then exit
  int width = 1600, height = 900;
  int frame = 0;            // frame shown first
  long long select = -1;    // object selected first (-1: none)
  bool never_wait = false;  // poll instead of waiting for events (tests)
};

class App {
 public:
  explicit App(AppOptions options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Runs until the window closes; returns the process exit code.
  int run();
  // run() in pieces, for tests that drive the real app frame by frame:
  // start() opens the window and the document, step() runs one frame (false
  // once the app decided to close), finish() saves the layout and closes.
  bool start();
  bool step();
  int finish();
  bool quit_prompt_open() const { return quit_.asking(); }
  bool save_as_prompt_open() const { return save_as_.is_open(); }
  Autosave* autosave() { return autosave_.get(); }

  // Opens a sequence, replacing the current one (errors go to the window).
  void open(const std::filesystem::path& path, const std::string& sequence);
  // Ctrl+S. Non-native inputs ask for a folder first (returns false then).
  bool save();
  bool save_as(const std::filesystem::path& folder);
  void request_quit();

  Workspace* workspace() { return ws_.get(); }
  // The dataset browser (sequences of the open sequence's dataset).
  DatasetBrowser& dataset_browser() { return dataset_; }

 private:
  // app_window.cpp
  bool init_window();
  void shutdown_window();
  bool capture_screenshot();
  // app.cpp
  void frame();
  void draw_ui();
  void draw_start_screen();
  void handle_keys();
  void advance_playback(double dt);
  void update_screenshot();
  void set_message(std::string text, bool error = false);
  // app_actions.cpp
  void register_actions();
  void run_action(const std::string& id);
  // menus.cpp
  void draw_menu_bar();
  void draw_open_dialog();

  AppOptions options_;
  GLFWwindow* window_ = nullptr;
  GLFWwindow* prev_gl_context_ = nullptr;  // another user's context, restored at shutdown
  ImGuiContext* imgui_ = nullptr;
  ImGuiContext* prev_imgui_ = nullptr;
  std::string ini_path_;
  std::unique_ptr<Workspace> ws_;
  std::unique_ptr<ViewSet> views_;
  std::unique_ptr<ToolBox> tools_;
  ActionList actions_;
  HotkeyMap keys_;
  std::unique_ptr<Autosave> autosave_;
  LayoutSizes layout_;
  std::unique_ptr<DemoLauncher> demo_;
  IoDialogs io_;
  QuitPrompt quit_;
  RecoveryPrompt recovery_;
  SaveAsPrompt save_as_;
  ErrorBox error_box_;
  std::string open_error_;
  std::string recovery_sidecar_;
  bool quit_after_save_ = false;
  bool show_help_ = false;
  bool open_dialog_ = false;
  std::string open_path_, open_sequence_;
  ToolId synced_tool_ = ToolId::Select;

  DatasetBrowser dataset_;
  StatusInfo status_;
  std::chrono::steady_clock::time_point message_until_{};
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_frame_ = start_;
  double play_acc_ = 0;
  int last_frame_index_ = -1;
  int burst_ = 3;  // frames to draw without waiting (after input)

  // --screenshot
  std::chrono::steady_clock::time_point opened_at_{};
  int settle_frames_ = -1;
  int exit_code_ = 0;
  bool done_ = false;
};

}  // namespace vantage::gui
