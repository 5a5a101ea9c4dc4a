#pragma once
// Opens whatever the user points at: a native sequence folder, and (as the
// readers land) KITTI object/tracking folders, nuScenes samples and plain
// image folders. The result is always a Document in the native model.

#include <filesystem>
#include <string>

#include "core/model/document.h"

namespace vantage::core {

struct OpenOptions {
  std::string sequence;  // KITTI tracking sequence id ("0001")
  // Data files may lie outside the opened folder (core/io/path_policy.h);
  // otherwise such a sequence is refused with OutsideDataError.
  bool allow_outside = false;
};

// Throws FileError/Error with a message naming the path and what was
// expected when the folder is not a recognised layout.
Document open_document(const std::filesystem::path& path, const OpenOptions& options = {});

}  // namespace vantage::core
