#include "core/models/class_map.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/io/json_reader.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

std::string lower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const ClassDef* find_ci(const Schema& schema, const std::string& name) {
  if (const ClassDef* c = schema.find_class(name)) return c;
  const std::string l = lower(name);
  for (const ClassDef& c : schema.classes)
    if (lower(c.name) == l) return &c;
  return nullptr;
}

void read_map(const JsonReader& r, ClassMapFile& out) {
  r.for_each_member([&](const std::string& key, const JsonReader& v) {
    if (v.is_null())
      out.map[key] = std::nullopt;
    else
      out.map[key] = v.string();
  });
}

void read_names(const JsonReader& r, ClassMapFile& out) {
  r.for_each([&](const JsonReader& n) { out.names.push_back(n.string()); });
}

}  // namespace

ClassMapFile read_class_map(const std::filesystem::path& path) {
  const Json json = parse_json_file(path);
  JsonReader::Context ctx{&json, path.string()};
  JsonReader root(json, ctx);
  ClassMapFile out;
  if (root.is_array()) {
    read_names(root, out);
  } else if (root.is_object() && (root.find("names") || root.find("map"))) {
    if (auto n = root.find("names")) read_names(*n, out);
    if (auto m = root.find("map")) read_map(*m, out);
  } else if (root.is_object()) {
    read_map(root, out);
  } else {
    root.expected("an object ({\"names\": [...], \"map\": {...}}) or an array of class names");
  }
  return out;
}

const std::vector<std::string>& coco_class_names() {
  static const std::vector<std::string> kNames = {
      "person",        "bicycle",      "car",           "motorcycle",    "airplane",
      "bus",           "train",        "truck",         "boat",          "traffic light",
      "fire hydrant",  "stop sign",    "parking meter", "bench",         "bird",
      "cat",           "dog",          "horse",         "sheep",         "cow",
      "elephant",      "bear",         "zebra",         "giraffe",       "backpack",
      "umbrella",      "handbag",      "tie",           "suitcase",      "frisbee",
      "skis",          "snowboard",    "sports ball",   "kite",          "baseball bat",
      "baseball glove", "skateboard",  "surfboard",     "tennis racket", "bottle",
      "wine glass",    "cup",          "fork",          "knife",         "spoon",
      "bowl",          "banana",       "apple",         "sandwich",      "orange",
      "broccoli",      "carrot",       "hot dog",       "pizza",         "donut",
      "cake",          "chair",        "couch",         "potted plant",  "bed",
      "dining table",  "toilet",       "tv",            "laptop",        "mouse",
      "remote",        "keyboard",     "cell phone",    "microwave",     "oven",
      "toaster",       "sink",         "refrigerator",  "book",          "clock",
      "vase",          "scissors",     "teddy bear",    "hair drier",    "toothbrush"};
  return kNames;
}

const std::map<std::string, std::string>& coco_to_driving_classes() {
  static const std::map<std::string, std::string> kMap = {
      {"person", "Pedestrian"},         {"bicycle", "Bicycle"},       {"car", "Car"},
      {"motorcycle", "Motorcycle"},     {"bus", "Bus"},               {"train", "Tram"},
      {"truck", "Truck"},               {"traffic light", "Traffic_light"},
      {"stop sign", "Traffic_sign"}};
  return kMap;
}

ClassMapping::ClassMapping(std::vector<std::string> names,
                           const std::map<std::string, std::optional<std::string>>& map,
                           const Schema& schema, const std::string& file_label)
    : names_(std::move(names)) {
  auto schema_list = [&] {
    std::vector<std::string> n;
    for (const ClassDef& c : schema.classes)
      n.push_back(c.name);
    return fmt::format("{}", fmt::join(n, ", "));
  };
  for (const auto& [from, to] : map) {
    if (!to) continue;
    if (!find_ci(schema, *to))
      throw Error(fmt::format("{}: /map/{}: \"{}\" is not a class of the schema (classes: {})",
                              file_label, json_pointer_escape(from), *to, schema_list()));
  }
  for (const auto& [from, to] : map) {
    if (std::find(names_.begin(), names_.end(), from) == names_.end())
      throw Error(fmt::format("{}: /map/{}: the model has no class \"{}\" (its classes: {})",
                              file_label, json_pointer_escape(from), from,
                              fmt::format("{}", fmt::join(names_, ", "))));
  }
  targets_.resize(names_.size());
  for (size_t i = 0; i < names_.size(); ++i) {
    const auto it = map.find(names_[i]);
    if (it != map.end()) {
      if (it->second) targets_[i] = find_ci(schema, *it->second)->name;
    } else if (const ClassDef* c = find_ci(schema, names_[i])) {
      targets_[i] = c->name;
    }
  }
}

const std::string& ClassMapping::model_name(int index) const {
  static const std::string kNone;
  return index >= 0 && size_t(index) < names_.size() ? names_[size_t(index)] : kNone;
}

const std::optional<std::string>& ClassMapping::schema_class(int index) const {
  static const std::optional<std::string> kNone;
  return index >= 0 && size_t(index) < targets_.size() ? targets_[size_t(index)] : kNone;
}

std::string ClassMapping::describe() const {
  std::vector<std::string> parts;
  size_t dropped = 0;
  for (size_t i = 0; i < names_.size(); ++i) {
    if (targets_[i])
      parts.push_back(names_[i] == *targets_[i] ? names_[i]
                                                : fmt::format("{} -> {}", names_[i], *targets_[i]));
    else
      ++dropped;
  }
  std::string s = fmt::format("{}", fmt::join(parts, ", "));
  if (dropped) s += fmt::format(" ({} model classes dropped)", dropped);
  return s;
}

}  // namespace vantage::core
