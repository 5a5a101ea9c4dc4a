#pragma once
// Three-way merge of dataset.json: sequences by name (each field merged as a
// value), claims as a set, split settings and name as values. A field changed
// differently on both sides, a sequence deleted on one side and edited on the
// other, and overlapping claims by different people made on different sides
// are conflicts: ours (or the edit) is kept and a ManifestConflict records
// the other side inside the file.

#include <string>
#include <vector>

#include "core/dataset/dataset.h"

namespace vantage::core {

struct ManifestMergeResult {
  DatasetManifest merged;
  std::vector<std::string> conflicts;
};

ManifestMergeResult merge_manifests(const DatasetManifest* base, const DatasetManifest& ours,
                                    const DatasetManifest& theirs);

}  // namespace vantage::core
