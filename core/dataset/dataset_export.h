#pragma once
// `dataset export`: every sequence in a format, into OUT/<sequence>/, at the
// work tree or at a revision (`--at TAG`: the exact labels a training run
// used), plus one combined set over all sequences per split (COCO:
// OUT/combined/<split>.json with stable image ids; YOLO: OUT/combined/ in the
// Ultralytics layout with data.yaml). The dataset revision goes into the
// exports' metadata (COCO info.vantage.dataset, OpenLABEL
// openlabel.metadata.vantage.dataset) and into OUT/export.json for every
// format.

#include <filesystem>
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/formats/format.h"

namespace vantage::core {

struct DatasetExportOptions {
  FormatId format = FormatId::Coco;
  std::filesystem::path out;
  std::string revision;  // empty: the work tree
  std::vector<std::string> sequences;  // empty: all
  bool combined = true;  // COCO and YOLO only
  ExportOptions export_options;
};

struct DatasetExportItem {
  std::string sequence, split;
  std::filesystem::path out;
  FormatReport report;
  std::string error;
};

struct DatasetExportResult {
  std::string commit;    // the revision exported ("" without history)
  std::string revision;  // as asked ("" for the work tree)
  bool modified = false;  // work tree export with uncommitted changes
  std::vector<DatasetExportItem> sequences;
  std::vector<std::filesystem::path> combined_files;
  size_t combined_images = 0, combined_annotations = 0;
  size_t failed() const;
};

DatasetExportResult export_dataset(const Dataset& dataset, const DatasetExportOptions& options);

// Stable COCO image id for (sequence, frame, camera): 53 bits of FNV-1a, the
// same in every export whatever else the dataset holds.
int64_t stable_image_id(const std::string& sequence, int frame, const std::string& camera);

}  // namespace vantage::core
