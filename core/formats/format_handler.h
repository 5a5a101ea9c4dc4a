#pragma once
// The interface each format implements (one .cpp per format), and the
// registry that lists them. Internal to core/formats: callers use format.h.

#include <filesystem>

#include "core/formats/export_selection.h"
#include "core/formats/format.h"
#include "core/formats/import_context.h"

namespace vantage::core {

class FormatHandler {
 public:
  virtual ~FormatHandler() = default;
  virtual FormatInfo info() const = 0;
  // How sure the format is that `input` is its kind: 0 no, 100 certain.
  virtual int detect(const std::filesystem::path& input) const = 0;
  virtual void export_to(const ExportSelection& selection, const std::filesystem::path& out_dir,
                         const ExportOptions& options, FormatReport& report) const = 0;
  virtual void import_from(ImportContext& ctx, const std::filesystem::path& input) const = 0;
  // Formats that can mark excluded frames export them with their shapes.
  virtual bool keeps_excluded_frames() const { return false; }
};

const FormatHandler& coco_format();
const FormatHandler& voc_format();
const FormatHandler& yolo_format();
const FormatHandler& kitti_format();
const FormatHandler& kitti_tracking_format();
const FormatHandler& openlabel_format();
const FormatHandler& native_annotations_format();
const FormatHandler& cityscapes_format();
const FormatHandler& semantic_kitti_format();

const FormatHandler& format_handler(FormatId id);

}  // namespace vantage::core
