#pragma once
// Opening the files QA compares: native sequence folders, anything `vantage
// open` reads (KITTI object/tracking, nuScenes) and annotation files in any
// importable format (COCO, VOC, YOLO, KITTI labels, OpenLABEL).

#include <filesystem>
#include <string>

#include "core/model/document.h"

namespace vantage::core {

// Throws Error/FileError naming the path when nothing can read it.
// `sequence` selects a KITTI tracking sequence. Documents read from per-frame
// datasets get their gaps marked outside (nothing interpolated across them).
Document open_for_qa(const std::filesystem::path& path, const std::string& sequence = {},
                     bool allow_outside = false);

}  // namespace vantage::core
