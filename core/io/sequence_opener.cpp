#include "core/io/sequence_opener.h"

#include "core/io/kitti_openers.h"
#include "core/io/native_format.h"
#include "core/io/open_image_folder.h"
#include "core/io/open_nuscenes.h"
#include "core/util/error.h"

namespace vantage::core {

namespace fs = std::filesystem;

Document open_document(const fs::path& path, const OpenOptions& options) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw FileError(path.string(), "", "does not exist");
  if (fs::is_regular_file(path, ec) && path.filename() == kSequenceFileName)
    return load_native(path.parent_path());
  if (is_native_folder(path)) return load_native(path);
  if (is_kitti_tracking_folder(path)) return open_kitti_tracking(path, options.sequence);
  if (is_kitti_object_folder(path)) return open_kitti_object(path);
  if (is_nuscenes_sample(path)) return open_nuscenes(path);
  if (is_image_folder(path)) return open_image_folder(path);
  throw FileError(path.string(), "",
                  "not a recognised sequence (expected a native folder with sequence.json, a "
                  "KITTI object or tracking folder, a nuScenes *.mmdet3d_info.json or a folder "
                  "of images)");
}

}  // namespace vantage::core
