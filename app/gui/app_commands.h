#pragma once
// Whole-document edits made by the app itself (recovering an autosave,
// importing annotations) as one undoable step, so they can be taken back.

#include <string>

#include "core/commands/command.h"

namespace vantage::gui {

class ReplaceAnnotationsCommand : public core::Command {
 public:
  ReplaceAnnotationsCommand(const core::Document& doc, core::Schema schema,
                            core::Annotations annotations, std::string description)
      : description_(std::move(description)),
        before_schema_(doc.schema),
        before_(doc.annotations),
        after_schema_(std::move(schema)),
        after_(std::move(annotations)) {}
  void apply(core::Document& doc) override {
    doc.schema = after_schema_;
    doc.annotations = after_;
  }
  void revert(core::Document& doc) override {
    doc.schema = before_schema_;
    doc.annotations = before_;
  }
  std::string describe() const override { return description_; }

 private:
  std::string description_;
  core::Schema before_schema_;
  core::Annotations before_;
  core::Schema after_schema_;
  core::Annotations after_;
};

}  // namespace vantage::gui
