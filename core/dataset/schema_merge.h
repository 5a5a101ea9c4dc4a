#pragma once
// Three-way merge of schema.json. One side changed: its schema. Both changed:
// ours, then theirs' recorded changes (renames, merges, splits, new
// attributes) replayed on top with new version numbers, then theirs' other
// edits (new classes, attributes, skeletons, tags; edited class definitions).
// A change that cannot be replayed (a class renamed differently on both
// sides) or a definition edited differently on both sides is a conflict: ours
// is kept and the conflict is reported.

#include <string>
#include <vector>

#include "core/model/schema.h"

namespace vantage::core {

struct SchemaMergeResult {
  Schema merged;
  std::vector<std::string> conflicts;
  std::vector<std::string> notes;
};

SchemaMergeResult merge_schemas(const Schema* base, const Schema& ours, const Schema& theirs);

// "rename_class Car -> Vehicle (version 3)".
std::string describe(const SchemaChange& change);

}  // namespace vantage::core
