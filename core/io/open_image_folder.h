#pragma once
// A plain folder of images as a 2D-only sequence: one camera, one frame per
// image in natural file-name order ("img2" before "img10").

#include <filesystem>
#include <string>

#include "core/model/document.h"

namespace vantage::core {

inline constexpr const char* kImageFolderCamera = "camera";

bool is_image_file(const std::filesystem::path& path);
// A folder that directly holds at least one image file.
bool is_image_folder(const std::filesystem::path& path);

// Image sizes come from the files' headers; frames whose image size differs
// from the first get their own rig. The camera gets a nominal pinhole (fx = fy
// = width, centred) since a 2D-only sequence has no calibration; timestamps
// are 0 (unknown). An unreadable image stays in its frame (the frame cache
// reports it).
Document open_image_folder(const std::filesystem::path& folder);

// Natural order: digit runs compare by value.
bool natural_less(const std::string& a, const std::string& b);

}  // namespace vantage::core
