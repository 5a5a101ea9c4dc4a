#include "core/io/sequence_opener.h"

#include "core/io/kitti_openers.h"
#include "core/io/native_format.h"
#include "core/io/open_image_folder.h"
#include "core/io/open_nuscenes.h"
#include "core/io/path_policy.h"
#include "core/util/error.h"

namespace vantage::core {

namespace fs = std::filesystem;

Document open_document(const fs::path& path, const OpenOptions& options) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw FileError(path.string(), "", "does not exist");
  NativeLoadOptions native;
  native.allow_outside = options.allow_outside;
  if (fs::is_regular_file(path, ec) && path.filename() == kSequenceFileName)
    return load_native(path.parent_path(), native);
  if (is_native_folder(path)) return load_native(path, native);
  // The other layouts are read from folder listings, but a listed file may be
  // a link that leads out, and nuScenes info files name their files.
  auto inside = [&](Document doc) {
    if (!options.allow_outside) check_files_inside(doc.sequence, doc.folder, path.string());
    return doc;
  };
  if (is_kitti_tracking_folder(path)) return inside(open_kitti_tracking(path, options.sequence));
  if (is_kitti_object_folder(path)) return inside(open_kitti_object(path));
  if (is_nuscenes_sample(path)) return inside(open_nuscenes(path));
  if (is_image_folder(path)) return inside(open_image_folder(path));
  throw FileError(path.string(), "",
                  "not a recognised sequence (expected a native folder with sequence.json, a "
                  "KITTI object or tracking folder, a nuScenes *.mmdet3d_info.json or a folder "
                  "of images)");
}

}  // namespace vantage::core
