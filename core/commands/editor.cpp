#include "core/commands/editor.h"

namespace vantage::core {

void Editor::reset(Document doc) {
  doc_ = std::move(doc);
  clear_history();
  content_id_ = saved_content_id_ = next_content_id_++;
  ++revision_;
}

void Editor::clear_history() {
  undo_.clear();
  redo_.clear();
  undo_ids_.clear();
  redo_ids_.clear();
  sealed_ = true;
}

void Editor::execute(CommandPtr cmd) {
  if (!cmd) return;
  cmd->apply(doc_);
  ++revision_;
  redo_.clear();
  redo_ids_.clear();
  const uint64_t before = content_id_;
  content_id_ = next_content_id_++;
  if (!sealed_ && !undo_.empty() && cmd->merge_key != 0 &&
      undo_.back()->merge_key == cmd->merge_key && undo_.back()->merge(*cmd)) {
    return;  // merged: the top entry now reaches the new state
  }
  undo_.push_back(std::move(cmd));
  undo_ids_.push_back(before);
  sealed_ = false;
}

bool Editor::undo() {
  if (undo_.empty()) return false;
  CommandPtr cmd = std::move(undo_.back());
  undo_.pop_back();
  cmd->revert(doc_);
  redo_ids_.push_back(content_id_);
  content_id_ = undo_ids_.back();
  undo_ids_.pop_back();
  redo_.push_back(std::move(cmd));
  sealed_ = true;
  ++revision_;
  return true;
}

bool Editor::redo() {
  if (redo_.empty()) return false;
  CommandPtr cmd = std::move(redo_.back());
  redo_.pop_back();
  cmd->apply(doc_);
  undo_ids_.push_back(content_id_);
  content_id_ = redo_ids_.back();
  redo_ids_.pop_back();
  undo_.push_back(std::move(cmd));
  sealed_ = true;
  ++revision_;
  return true;
}

std::vector<std::string> Editor::undo_history() const {
  std::vector<std::string> out;
  out.reserve(undo_.size());
  for (const auto& c : undo_) out.push_back(c->describe());
  return out;
}

std::vector<std::string> Editor::redo_history() const {
  std::vector<std::string> out;
  for (auto it = redo_.rbegin(); it != redo_.rend(); ++it) out.push_back((*it)->describe());
  return out;
}

}  // namespace vantage::core
