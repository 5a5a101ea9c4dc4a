#pragma once
// Structural validation (`vantage validate PATH`): is the document internally
// consistent? Shapes must refer to frames and sensors that exist, keypoints
// must match their skeleton, attributes must match the schema, and so on.
// Configurable quality rules (duplicates, plausible sizes, ...) are separate.

#include <vector>

#include "core/model/document.h"
#include "core/qa/finding.h"

namespace vantage::core {

struct StructuralOptions {
  bool check_files = true;  // warn about sensor files that do not exist
};

std::vector<Finding> validate_structure(const Document& doc, const StructuralOptions& options = {});

}  // namespace vantage::core
