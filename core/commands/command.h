#pragma once
// Edits to a document go through commands so they can be undone. A command
// captures what it needs to revert itself and describes itself for the
// history list (ImHex-style self-describing operations).

#include <memory>
#include <string>
#include <vector>

#include "core/model/document.h"

namespace vantage::core {

class Command {
 public:
  virtual ~Command() = default;
  // Applies the edit. Called once on execute and again on every redo.
  virtual void apply(Document& doc) = 0;
  virtual void revert(Document& doc) = 0;
  virtual std::string describe() const = 0;
  // Folds a following command of the same merge key into this one (a drag of
  // one handle over many mouse moves becomes a single undo step). `next` has
  // already been applied. Return false to keep them separate.
  virtual bool merge(const Command& next) {
    (void)next;
    return false;
  }

  // Non-zero: consecutive commands with the same key may merge.
  uint64_t merge_key = 0;
};

using CommandPtr = std::unique_ptr<Command>;

// Several commands as one undo step.
class CompositeCommand : public Command {
 public:
  explicit CompositeCommand(std::string description) : description_(std::move(description)) {}
  void add(CommandPtr c) { children_.push_back(std::move(c)); }
  bool empty() const { return children_.empty(); }
  size_t size() const { return children_.size(); }

  void apply(Document& doc) override;
  void revert(Document& doc) override;
  std::string describe() const override { return description_; }

 private:
  std::string description_;
  std::vector<CommandPtr> children_;
};

}  // namespace vantage::core
