// [SECTION] Lifetime and main loop
// [SECTION] Open / save / quit
// [SECTION] Per-frame work (keys, playback, autosave, screenshot)
// [SECTION] Drawing
#include "app/gui/app.h"

#include <glad/gl.h>
// glad must come before GLFW so GLFW does not pull in the system GL header.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <fmt/format.h>
#include <imgui.h>

#include <unistd.h>

#include <cstdlib>
#include <utility>

#include "app/gui/app_commands.h"
#include "app/gui/panels/help_overlay.h"
#include "app/gui/views/scene_view.h"
#include "app/gui/views/view_set.h"
#include "app/gui/workspace.h"
#include "core/io/native_format.h"
#include "core/io/sequence_opener.h"
#include "core/util/embedded_assets.h"
#include "core/version.h"

namespace vantage::gui {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

//-----------------------------------------------------------------------------
// [SECTION] Lifetime and main loop
//-----------------------------------------------------------------------------
App::App(AppOptions options) : options_(std::move(options)), tools_(std::make_unique<ToolBox>()) {
  register_actions();
  keys_.load(actions_, core::assets::embedded_file("hotkeys.json"), user_hotkeys_path());
  for (const std::string& m : keys_.messages())
    fmt::print(stderr, "vantage: {}\n", m);
  std::string err;
  if (!load_layout(layout_path(), layout_, &err)) fmt::print(stderr, "vantage: {}\n", err);
}

App::~App() {
  shutdown_window();
}

int App::run() {
  if (!start()) return 2;
  while (step()) {
  }
  return finish();
}

bool App::start() {
  if (!init_window()) return false;
  if (!keys_.messages().empty()) set_message(keys_.messages().front(), true);
  if (options_.path.empty()) {
    demo_ = std::make_unique<DemoLauncher>();
    demo_->start();
  } else {
    open(options_.path, options_.sequence);
    if (ws_) {
      ws_->set_frame(options_.frame);
      if (options_.select >= 0 && ws_->doc().annotations.find(options_.select)) {
        ws_->view().selection = {options_.select};
        ws_->view().active = options_.select;
      }
    }
  }
  return true;
}

bool App::step() {
  if (done_) return false;
  const bool busy = burst_ > 0 || options_.never_wait || (ws_ && ws_->view().playing) ||
                    io_.busy() || (demo_ && demo_->state() == DemoLauncher::State::Generating) ||
                    !options_.screenshot.empty() || ImGui::IsAnyItemActive() ||
                    ImGui::IsAnyMouseDown() ||
                    (views_ && views_->scene_view() && views_->scene_view()->refining());
  if (busy) {
    glfwPollEvents();
    if (burst_ > 0) --burst_;
  } else {
    const auto t0 = Clock::now();
    glfwWaitEventsTimeout(0.5);
    // Woken early: an event arrived. ImGui settles hover and click state
    // over the next frames, so draw a few without waiting.
    if (Clock::now() - t0 < std::chrono::milliseconds(450)) burst_ = 3;
  }
  frame();
  return !done_;
}

int App::finish() {
  if (options_.screenshot.empty()) {
    try {
      save_layout(layout_path(), layout_);
    } catch (const std::exception& e) {
      fmt::print(stderr, "vantage: cannot save the layout: {}\n", e.what());
    }
  }
  if (autosave_) autosave_->wait_idle();
  shutdown_window();
  return exit_code_;
}

//-----------------------------------------------------------------------------
// [SECTION] Open / save / quit
//-----------------------------------------------------------------------------
void App::open(const fs::path& path, const std::string& sequence) {
  try {
    core::OpenOptions oo;
    oo.sequence = sequence;
    core::Document doc = core::open_document(path, oo);
    core::FrameCacheOptions cache;
    cache.on_loaded = [](int) { glfwPostEmptyEvent(); };
    if (autosave_) autosave_->wait_idle();
    ws_ = std::make_unique<Workspace>(std::move(doc), path, std::move(cache));
    autosave_ = std::make_unique<Autosave>(Autosave::sidecar_for(path));
    open_error_.clear();
    opened_at_ = Clock::now();
    last_frame_index_ = -1;
    dataset_.refresh(path);
    glfwSetWindowTitle(window_, fmt::format("Vantage - {}", path.string()).c_str());
    {
      if (auto sidecar = find_recovery(path, ws_->doc())) {
        recovery_sidecar_ = sidecar->string();
        recovery_.offer(
            recovery_sidecar_,
            core::is_native_folder(path)
                ? fmt::format("Saved annotations: {}", (path / core::kAnnotationsFileName).string())
                : std::string("The input has no native annotations file yet."));
      }
    }
  } catch (const std::exception& e) {
    const std::string msg = fmt::format("Cannot open {}:\n{}", path.string(), e.what());
    fmt::print(stderr, "vantage: {}\n", msg);
    if (ws_)
      error_box_.show("Cannot open", msg);
    else
      open_error_ = msg;
    opened_at_ = Clock::now();
  }
}

bool App::save() {
  if (!ws_) return false;
  if (!core::is_native_folder(ws_->path()) || ws_->doc().folder != ws_->path()) {
    // Suggest a sibling folder, or one in the home folder when the input's
    // folder is not writable (shared read-only data).
    fs::path dir = ws_->path().parent_path();
    const std::string name = ws_->path().filename().string() +
                             (options_.sequence.empty() ? "" : "-" + options_.sequence) +
                             "-vantage";
    if (access(dir.c_str(), W_OK) != 0)
      if (const char* h = std::getenv("HOME")) dir = fs::path(h) / "vantage";
    save_as_.open((dir / name).string(),
                  "This input is not a native Vantage folder: choose a folder to save it as one.");
    return false;
  }
  try {
    core::save_native(ws_->doc(), ws_->path());
    ws_->editor().mark_saved();
    if (autosave_) autosave_->discard();
    set_message(fmt::format("Saved {}", ws_->path().string()));
    return true;
  } catch (const std::exception& e) {
    error_box_.show("Save failed", e.what());
    quit_.set_error(e.what());
    return false;
  }
}

bool App::save_as(const fs::path& folder) {
  if (!ws_) return false;
  try {
    core::Document doc = core::save_native_as(ws_->doc(), folder);
    ViewState view = ws_->view();
    if (autosave_) autosave_->discard();
    core::FrameCacheOptions cache;
    cache.on_loaded = [](int) { glfwPostEmptyEvent(); };
    ws_ = std::make_unique<Workspace>(std::move(doc), folder, std::move(cache));
    ws_->view() = view;
    ws_->set_frame(view.frame);
    autosave_ = std::make_unique<Autosave>(Autosave::sidecar_for(folder));
    glfwSetWindowTitle(window_, fmt::format("Vantage - {}", folder.string()).c_str());
    set_message(fmt::format("Saved as {}", folder.string()));
    return true;
  } catch (const std::exception& e) {
    save_as_.set_error(e.what());
    return false;
  }
}

void App::request_quit() {
  if (quit_.request(ws_ && ws_->editor().dirty())) done_ = true;
}

void App::set_message(std::string text, bool error) {
  status_.message = std::move(text);
  status_.message_is_error = error;
  message_until_ = Clock::now() + std::chrono::seconds(error ? 12 : 4);
}

//-----------------------------------------------------------------------------
// [SECTION] Per-frame work (keys, playback, autosave, screenshot)
//-----------------------------------------------------------------------------
void App::handle_keys() {
  if (!ws_ || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
  Tool* tool = tools_->active();
  const auto ids = collect_hotkey_actions(
      keys_, [&](const KeyEvent& ev) { return tool && tool->on_key(*ws_, ev); });
  for (const std::string& id : ids)
    run_action(id);
}

void App::run_action(const std::string& id) {
  const Action* a = actions_.find(id);
  if (!a || !ws_) return;
  if (a->enabled && !a->enabled(*ws_)) return;
  try {
    a->run(*ws_);
  } catch (const std::exception& e) {
    set_message(e.what(), true);
  }
}

void App::advance_playback(double dt) {
  ViewState& v = ws_->view();
  if (!v.playing) {
    play_acc_ = 0;
    return;
  }
  const double period = 1.0 / std::max(0.1f, v.play_fps);
  play_acc_ += dt;
  if (play_acc_ < period) return;
  // Show every frame once it is loaded; give up waiting after a while so a
  // missing file never stalls playback.
  if (!ws_->cache().get(v.frame) && play_acc_ < period * 4) return;
  play_acc_ = std::min(play_acc_ - period, period);
  const int next = v.frame + v.play_direction;
  if (next < 0 || next >= ws_->frame_count()) {
    v.playing = false;
    return;
  }
  ws_->set_frame(next, v.play_direction);
}

void App::update_screenshot() {
  if (options_.screenshot.empty()) return;
  const auto now = Clock::now();
  if (settle_frames_ < 0) {
    bool ready = false;
    if (ws_) {
      ready = ws_->cache().get(ws_->view().frame) != nullptr ||
              now - opened_at_ > std::chrono::seconds(3);
    } else if (!open_error_.empty()) {
      ready = true;
    } else if (demo_ && demo_->state() == DemoLauncher::State::Failed) {
      ready = true;
    } else if (now - start_ > std::chrono::seconds(120)) {
      ready = true;
    }
    if (ready) settle_frames_ = 6;  // let the views upload and lay out
    return;
  }
  if (--settle_frames_ > 0) return;
  // The 3D view fills in its points over a few frames: wait for all of them.
  if (views_ && views_->scene_view() && views_->scene_view()->refining() &&
      now - start_ < std::chrono::seconds(120)) {
    settle_frames_ = 1;
    return;
  }
  if (!capture_screenshot()) exit_code_ = 2;
  done_ = true;
}

void App::frame() {
  const auto now = Clock::now();
  const double dt = std::chrono::duration<double>(now - last_frame_).count();
  last_frame_ = now;
  if (!status_.message.empty() && now > message_until_) status_.message.clear();

  if (!dataset_.requested.empty()) {
    // Another sequence of the dataset (picked last frame): save this one
    // first, never losing an edit.
    const fs::path next = std::exchange(dataset_.requested, {});
    if (!ws_ || !ws_->editor().dirty() || save()) open(next, "");
  }
  if (demo_ && !ws_ && open_error_.empty()) {
    if (demo_->state() == DemoLauncher::State::Ready)
      open(demo_->folder(), "");
    else if (demo_->state() == DemoLauncher::State::Failed)
      open_error_ = demo_->error();
  }

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  if (ws_) {
    handle_keys();
    advance_playback(dt);
    // Keep the tool box and the view state's tool in step, whichever changed.
    if (ws_->view().tool != synced_tool_) tools_->set_active(ws_->view().tool);
    ws_->view().tool = synced_tool_ = tools_->active_id();
    const bool frame_changed = ws_->view().frame != last_frame_index_;
    if (frame_changed && last_frame_index_ >= 0)
      if (Tool* t = tools_->active()) t->cancel();
    last_frame_index_ = ws_->view().frame;
    if (autosave_) {
      autosave_->tick(ws_->editor(), std::chrono::duration<double>(now - start_).count(),
                      frame_changed);
      const std::string err = autosave_->last_error();
      if (!err.empty() && status_.message != err) set_message(err, true);
    }
    Tool* t = tools_->active();
    status_.tool_hint = t ? t->hint() : "";
  }
  draw_ui();
  ImGui::Render();
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(0.1f, 0.1f, 0.12f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  update_screenshot();
  // Work per UI frame (not the idle wait before it nor vsync), for the status bar.
  status_.frame_ms = std::chrono::duration<double, std::milli>(Clock::now() - now).count();
  glfwSwapBuffers(window_);
}

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------
void App::draw_start_screen() {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImGui::SetCursorPos(ImVec2(avail.x * 0.3f, avail.y * 0.35f));
  ImGui::BeginGroup();
  ImGui::Text("Vantage %s", kVersion);
  if (!open_error_.empty()) {
    ImGui::PushTextWrapPos(avail.x * 0.7f);
    ImGui::TextColored(ImVec4(1, 0.45f, 0.35f, 1), "%s", open_error_.c_str());
    ImGui::PopTextWrapPos();
    ImGui::TextDisabled("Use File > Open, or start with `vantage open PATH`.");
  } else if (demo_ && demo_->state() == DemoLauncher::State::Generating) {
    ImGui::TextUnformatted("Preparing the demo sequence (first start only) ...");
    ImGui::TextDisabled("%s", demo_->folder().string().c_str());
    const int t = std::max(1, demo_->total());
    ImGui::ProgressBar(float(demo_->done()) / float(t), ImVec2(avail.x * 0.4f, 0),
                       fmt::format("{} / {} frames", demo_->done(), t).c_str());
  } else {
    ImGui::TextDisabled("Opening ...");
  }
  ImGui::EndGroup();
}

void App::draw_ui() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4, 4));
  ImGui::Begin("Vantage", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_MenuBar |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar();
  draw_menu_bar();
  if (ws_) {
    LayoutContext ctx{*ws_, *views_, *tools_, keys_, layout_, status_};
    ctx.dataset = &dataset_;
    draw_workspace_layout(ctx);
  } else {
    draw_start_screen();
  }
  ImGui::End();

  draw_help_overlay(show_help_, actions_, keys_);
  draw_open_dialog();
  if (ws_) io_.draw(*ws_);
  error_box_.draw();
  switch (recovery_.draw()) {
    case RecoveryPrompt::Choice::Recover:
      try {
        core::Annotations ann = load_recovery(recovery_sidecar_);
        ws_->editor().execute(std::make_unique<ReplaceAnnotationsCommand>(
            ws_->doc(), ws_->doc().schema, std::move(ann), "Recover autosave"));
        set_message("Recovered the autosave; save to keep it.");
      } catch (const std::exception& e) {
        error_box_.show("Cannot recover", e.what());
      }
      break;
    case RecoveryPrompt::Choice::Discard: {
      std::error_code ec;
      fs::remove(recovery_sidecar_, ec);
      break;
    }
    case RecoveryPrompt::Choice::None:
      break;
  }
  bool cancelled = false;
  const std::string folder = save_as_.draw(&cancelled);
  if (!folder.empty() && save_as(folder)) {
    save_as_ = SaveAsPrompt{};
    if (quit_after_save_) done_ = true;
  }
  if (cancelled) quit_after_save_ = false;
  if (quit_.draw([this] {
        const bool ok = save();
        if (!ok && save_as_.is_open()) quit_after_save_ = true;  // finish after Save As
        return ok;
      }))
    done_ = true;
  if (quit_after_save_ && quit_.asking()) quit_.choose(QuitPrompt::Choice::Cancel, {});
}

}  // namespace vantage::gui
