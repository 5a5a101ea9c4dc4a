#pragma once
// Decisions the app asks the user for: quitting with unsaved changes
// (Save / Discard / Cancel), recovering an autosave (Recover / Discard) and
// the path of a Save As. The state machines are plain classes so tests can
// drive them without a window; draw() shows them as ImGui modals.

#include <functional>
#include <string>

namespace vantage::gui {

class QuitPrompt {
 public:
  enum class Choice { Save, Discard, Cancel };

  // The window's close button or Ctrl+Q. True when the app may close now
  // (nothing unsaved); otherwise the prompt opens.
  bool request(bool dirty);
  bool asking() const { return asking_; }
  // Applies a choice. `save` returns true when the document was saved. True
  // when the app should close now.
  bool choose(Choice choice, const std::function<bool()>& save);
  // Shows the modal while asking; returns true when the app should close.
  bool draw(const std::function<bool()>& save);
  const std::string& error() const { return error_; }
  void set_error(std::string e) { error_ = std::move(e); }

 private:
  bool asking_ = false;
  bool popup_open_ = false;
  std::string error_;
};

// Recover / Discard for an autosave found at start.
class RecoveryPrompt {
 public:
  enum class Choice { None, Recover, Discard };
  void offer(std::string sidecar, std::string saved_label);
  bool pending() const { return pending_; }
  Choice draw();

 private:
  bool pending_ = false;
  bool popup_open_ = false;
  std::string sidecar_, saved_label_;
};

// Open / Cancel for a sequence that names data outside its folder
// (core/io/path_policy.h): opened only when the user says so.
class OutsidePrompt {
 public:
  enum class Choice { None, Open, Cancel };
  void offer(std::string path, std::string sequence, std::string message);
  bool pending() const { return pending_; }
  const std::string& path() const { return path_; }
  const std::string& sequence() const { return sequence_; }
  Choice draw();

 private:
  bool pending_ = false;
  bool popup_open_ = false;
  std::string path_, sequence_, message_;
};

// Keeps the last save's failure until a save succeeds: the status bar shows
// it on every frame while there are unsaved edits, so a full disk or a
// read-only folder is never forgotten after the error box closes.
class SaveWarning {
 public:
  void failed(std::string error) { error_ = std::move(error); }
  void succeeded() { error_.clear(); }
  // The text to show now ("" when nothing to warn about).
  std::string text(bool dirty, bool autosave_ok) const;

 private:
  std::string error_;
};

// A folder path asked for by Save As (non-native inputs are saved as a new
// native folder).
class SaveAsPrompt {
 public:
  void open(std::string suggested, std::string reason);
  bool is_open() const { return open_; }
  // Returns the chosen folder once confirmed (empty otherwise); `cancelled` set when closed.
  std::string draw(bool* cancelled = nullptr);
  void set_error(std::string e) { error_ = std::move(e); }

 private:
  bool open_ = false;
  bool popup_open_ = false;
  std::string path_, reason_, error_;
};

// A message box for errors (bad input, failed save).
class ErrorBox {
 public:
  void show(std::string title, std::string message);
  void draw();
  bool is_open() const { return open_; }

 private:
  bool open_ = false;
  bool popup_open_ = false;
  std::string title_, message_;
};

}  // namespace vantage::gui
