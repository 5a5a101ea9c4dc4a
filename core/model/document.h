#pragma once
// A document is one opened sequence: its sensors and frames, its label schema
// and its annotations, plus where it came from. UI state (zoom, selection,
// visible layers) is not here: the app keeps it per document, separately.

#include <filesystem>
#include <string>

#include "core/model/annotations.h"
#include "core/model/schema.h"
#include "core/model/sequence.h"

namespace vantage::core {

struct Document {
  std::filesystem::path folder;  // native sequence folder (may be empty for imports)
  Sequence sequence;
  Schema schema;
  Annotations annotations;
};

}  // namespace vantage::core
