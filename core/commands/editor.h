#pragma once
// The editor owns a document and its undo history. Everything that changes
// annotations — tools, panels, importers run inside the app — calls
// execute(); reads go through document().

#include <cstdint>
#include <string>
#include <vector>

#include "core/commands/command.h"

namespace vantage::core {

class Editor {
 public:
  Editor() = default;
  explicit Editor(Document doc) : doc_(std::move(doc)) {}

  const Document& document() const { return doc_; }
  // Replaces the whole document (open, reload) and clears the history.
  void reset(Document doc);

  // Applies `cmd` and pushes it on the undo stack (or merges it into the top
  // command when both share a non-zero merge key). Clears the redo stack.
  void execute(CommandPtr cmd);
  bool undo();
  bool redo();
  bool can_undo() const { return !undo_.empty(); }
  bool can_redo() const { return !redo_.empty(); }
  // Descriptions, oldest first, for a history panel.
  std::vector<std::string> undo_history() const;
  std::vector<std::string> redo_history() const;  // next redo first
  // Ends merging: the next command never merges into the current top (mouse
  // released).
  void seal() { sealed_ = true; }
  void clear_history();

  // Increments on every change (execute, undo, redo, reset): views and
  // autosave compare it to know when to refresh.
  uint64_t revision() const { return revision_; }
  bool dirty() const { return content_id_ != saved_content_id_; }
  void mark_saved() { saved_content_id_ = content_id_; }

 private:
  Document doc_;
  std::vector<CommandPtr> undo_;
  std::vector<CommandPtr> redo_;
  bool sealed_ = true;
  uint64_t revision_ = 0;
  // Identifies the document's content: undoing back to the saved state makes
  // the editor clean again.
  uint64_t content_id_ = 0;
  uint64_t saved_content_id_ = 0;
  uint64_t next_content_id_ = 1;
  std::vector<uint64_t> undo_ids_;  // content id before each undo entry
  std::vector<uint64_t> redo_ids_;  // content id after each redo entry
};

}  // namespace vantage::core
