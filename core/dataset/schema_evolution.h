#pragma once
// Schema evolution over a whole dataset: one command renames, merges or
// splits a class in the dataset schema (recorded in its history, so older
// revisions' annotations migrate when they are opened with it) and migrates
// every sequence's annotations.

#include <map>
#include <string>
#include <vector>

#include "core/dataset/dataset.h"

namespace vantage::core {

struct SchemaEditResult {
  SchemaChange change;
  std::vector<std::string> sequences_changed;
  size_t objects_changed = 0;
};

SchemaEditResult dataset_rename_class(Dataset& dataset, const std::string& from, const std::string& to);
SchemaEditResult dataset_merge_class(Dataset& dataset, const std::string& from, const std::string& into);
SchemaEditResult dataset_split_class(Dataset& dataset, const std::string& from, const std::string& attribute,
                                     const std::map<std::string, std::string>& value_to_class,
                                     const std::string& default_class);

}  // namespace vantage::core
