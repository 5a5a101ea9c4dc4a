#pragma once
// What the mask formats (COCO masks, Cityscapes, VOC segmentation, YOLO
// segments, SemanticKITTI) share: the meaning of each label of a layer as
// an exporter needs it, class lookup by a label set's ids, and building
// layers on import.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/formats/import_context.h"
#include "core/model/document.h"

namespace vantage::core {

// One label value of a layer, resolved against the document.
struct LabelMeaning {
  const Segment* segment = nullptr;  // null for 0 and unknown labels
  const ClassDef* class_def = nullptr;
  std::string class_name;  // the object's current class, or the segment's
  bool thing = false;      // an instance (an object's mask)
  bool crowd = false;
};
// Indexed by label value (size max id + 1).
std::vector<LabelMeaning> label_meanings(const Document& doc, const SegLayer& layer);

// The schema class whose label id in `label_set` is `id` (first in schema
// order), else the class whose own id is `id` when `fallback_own_id`.
const ClassDef* class_for_label_id(const Schema& schema, const std::string& label_set, int id,
                                   bool fallback_own_id = false);

// The label map an export wrote beside its label files (`file_name` in
// `input` or one of the few folders above it), or nullopt. Exports list the
// class they wrote for each id, so importing them back picks that class
// even where several schema classes share the id (Road and Drivable_area
// are both Cityscapes 7).
std::optional<std::filesystem::path> find_label_map(const std::filesystem::path& input,
                                                    const char* file_name);

// Builds one imported layer: label() gives the segment for a class or
// object, put() hands the finished layer to the document (replacing one at
// the same key, reported).
class ImportedLayer {
 public:
  ImportedLayer(LayerKind kind, int width, int height);
  uint16_t label(const std::string& class_name, ObjectId object = -1, bool crowd = false);
  std::vector<uint16_t>& values() { return values_; }  // row-major, width * height
  void put(ImportContext& ctx, const LayerKey& key);

 private:
  SegLayer layer_;
  std::vector<uint16_t> values_;
};

}  // namespace vantage::core
