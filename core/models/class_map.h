#pragma once
// From a model's class indices to schema classes.
//
// A class map file (`--classes map.json`) is one of
//   {"names": ["person", "bicycle", "car"],          the model's classes in
//    "map": {"person": "Pedestrian", "car": "Car"}}  output order, and where
//                                                    each goes in the schema
//   {"person": "Pedestrian", "car": "Car"}           the map alone
//   ["Pedestrian", "Cyclist", "Car"]                 the names alone
// A model class goes to the schema class the map names (null drops it);
// unmapped, to the schema class of the same name (case-insensitive); else it
// is dropped and counted. Names come from the file, else from the model's
// own metadata (Ultralytics exports), else COCO's 80 when the model has 80
// classes (with COCO -> driving schema defaults: person -> Pedestrian, car ->
// Car, ...).

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/schema.h"

namespace vantage::core {

struct ClassMapFile {
  std::vector<std::string> names;
  std::map<std::string, std::optional<std::string>> map;  // nullopt: drop
};

// Throws FileError with the JSON pointer of a bad entry.
ClassMapFile read_class_map(const std::filesystem::path& path);

// The 80 COCO classes in YOLO order, and their default schema classes.
const std::vector<std::string>& coco_class_names();
const std::map<std::string, std::string>& coco_to_driving_classes();

class ClassMapping {
 public:
  ClassMapping() = default;
  // `names`: the model's class names (index order). Map targets must be
  // schema classes (Error naming the entry and listing the schema's classes).
  ClassMapping(std::vector<std::string> names, const std::map<std::string, std::optional<std::string>>& map,
               const Schema& schema, const std::string& file_label = "class map");

  size_t size() const { return names_.size(); }
  const std::string& model_name(int index) const;
  // Schema class for a model class index; nullopt when dropped or out of range.
  const std::optional<std::string>& schema_class(int index) const;
  // "person -> Pedestrian, car -> Car (78 dropped)".
  std::string describe() const;

 private:
  std::vector<std::string> names_;
  std::vector<std::optional<std::string>> targets_;
};

}  // namespace vantage::core
