#pragma once
// Pieces the KITTI object and tracking openers share (internal to core/io).

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "core/formats/kitti_annotations.h"
#include "core/model/document.h"

namespace vantage::core::kitti_detail {

// KITTI's most common image size, used when a calibration has no image at
// all to read the size from (projection still works; clipping uses it).
inline constexpr int kDefaultWidth = 1242;
inline constexpr int kDefaultHeight = 375;

// Width and height from the image header (core::read_image_size); nullopt
// when the file cannot be read.
std::optional<std::pair<int, int>> image_size(const std::filesystem::path& path);

// Files in `dir` ending in `ext` whose stem is a non-negative integer, by
// that number ("000012.png" -> 12). Missing folder: empty.
std::map<int, std::filesystem::path> numbered_files(const std::filesystem::path& dir,
                                                    const std::string& ext);

// The default schema plus a root class for every label type it lacks.
Schema kitti_schema(const std::set<std::string>& types);

// Adds one label's shapes to `object` at `frame`.
void add_label_shapes(Object& object, int frame, const KittiLabelShapes& shapes);

// The folder itself, or its `training` subfolder when it has one and the
// folder itself is not a KITTI layout.
std::filesystem::path kitti_root(const std::filesystem::path& path);

}  // namespace vantage::core::kitti_detail
