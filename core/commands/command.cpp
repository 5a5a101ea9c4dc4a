#include "core/commands/command.h"

namespace vantage::core {

void CompositeCommand::apply(Document& doc) {
  for (auto& c : children_) c->apply(doc);
}

void CompositeCommand::revert(Document& doc) {
  for (auto it = children_.rbegin(); it != children_.rend(); ++it) (*it)->revert(doc);
}

}  // namespace vantage::core
