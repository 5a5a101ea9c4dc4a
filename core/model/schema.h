#pragma once
// The label schema: classes (with hierarchy, colour, guideline, allowed shape
// kinds and plausible cuboid sizes), attributes, keypoint skeletons and frame
// tags. Versioned: every change is recorded in `history`, so annotations saved
// against an older version are migrated when they are loaded.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/attribute.h"
#include "core/model/math.h"
#include "core/model/shape.h"

namespace vantage::core {

struct Annotations;

// Plausible cuboid size (l, w, h in metres), used by QA.
struct SizeRange {
  Vec3 min{0.0};
  Vec3 max{0.0};
  bool contains(const Vec3& s) const {
    return s.x >= min.x && s.y >= min.y && s.z >= min.z && s.x <= max.x && s.y <= max.y &&
           s.z <= max.z;
  }
  bool operator==(const SizeRange& o) const { return min == o.min && max == o.max; }
};

// How a class takes part in pixel and point segmentation.
enum class MaskKind : uint8_t {
  None,   // not painted in masks
  Stuff,  // amorphous regions (road, sky): semantic labels only
  Thing,  // countable objects (car, person): each instance its own mask
};
const char* to_string(MaskKind k);
std::optional<MaskKind> mask_kind_from_string(const std::string& s);

struct ClassDef {
  int id = 0;
  std::string name;
  uint32_t color = 0x808080;  // 0xRRGGBB
  std::string parent;         // parent class name, empty for roots
  std::string guideline;
  std::vector<ShapeKind> shapes;  // allowed kinds; empty = any
  std::optional<SizeRange> size_range;
  std::string skeleton;  // keypoint skeleton name, if the class has keypoints
  MaskKind mask = MaskKind::None;
  // Label ids in other label sets, for mask exports ("cityscapes": 26,
  // "semantic_kitti": 10, "voc": 7). Without one, exports use `id`.
  std::map<std::string, int> label_ids;

  bool allows(ShapeKind k) const;
  // The class's id in a label set (`id` when it has none there).
  int label_id(const std::string& label_set) const;
  bool operator==(const ClassDef& o) const {
    return id == o.id && name == o.name && color == o.color && parent == o.parent &&
           guideline == o.guideline && shapes == o.shapes && size_range == o.size_range &&
           skeleton == o.skeleton && mask == o.mask && label_ids == o.label_ids;
  }
};

enum class AttributeType : uint8_t { Bool, Enum, Number, Text };
const char* to_string(AttributeType t);
std::optional<AttributeType> attribute_type_from_string(const std::string& s);

struct AttributeDef {
  std::string name;
  AttributeType type = AttributeType::Bool;
  bool per_frame = false;  // false: static per object
  bool required = false;
  std::vector<std::string> options;  // enum values
  double min = 0, max = 0;           // number range (ignored when min == max)
  std::optional<AttributeValue> default_value;
  std::vector<std::string> classes;  // classes it applies to; empty = all

  bool applies_to(const std::string& class_name) const;
  // Empty when `v` is acceptable, else why not.
  std::string check(const AttributeValue& v) const;
  bool operator==(const AttributeDef& o) const {
    return name == o.name && type == o.type && per_frame == o.per_frame &&
           required == o.required && options == o.options && min == o.min && max == o.max &&
           default_value == o.default_value && classes == o.classes;
  }
};

struct Skeleton {
  std::string name;
  std::vector<std::string> points;
  std::vector<std::pair<int, int>> edges;  // indices into points
  bool operator==(const Skeleton& o) const {
    return name == o.name && points == o.points && edges == o.edges;
  }
};

// Frame-level classification tag (weather, scene type, ...).
struct TagDef {
  std::string name;
  std::string group;  // tags in one group are mutually exclusive; empty = independent
  std::string description;
  bool operator==(const TagDef& o) const {
    return name == o.name && group == o.group && description == o.description;
  }
};

// One recorded schema change. Applied in order to migrate annotations.
struct SchemaChange {
  enum class Kind : uint8_t { RenameClass, MergeClass, AddAttribute, RemoveClass, SplitClass };
  int version = 0;  // schema version this change produced
  Kind kind = Kind::RenameClass;
  std::string from;  // class name (rename/merge/remove/split)
  std::string to;    // new name (rename), target class (merge), default target (split)
  std::optional<AttributeDef> attribute;  // AddAttribute
  // SplitClass: objects of `from` go to the class their static attribute
  // `split_attribute` maps to in `split_map` (value text -> class), else `to`.
  std::string split_attribute;
  std::map<std::string, std::string> split_map;
  bool operator==(const SchemaChange& o) const {
    return version == o.version && kind == o.kind && from == o.from && to == o.to &&
           attribute == o.attribute && split_attribute == o.split_attribute &&
           split_map == o.split_map;
  }
};
const char* to_string(SchemaChange::Kind k);
std::optional<SchemaChange::Kind> schema_change_kind_from_string(const std::string& s);

struct Schema {
  std::string name;
  int version = 1;
  std::vector<ClassDef> classes;
  std::vector<AttributeDef> attributes;
  std::vector<Skeleton> skeletons;
  std::vector<TagDef> tags;
  std::vector<SchemaChange> history;

  const ClassDef* find_class(const std::string& name) const;
  const ClassDef* find_class(int id) const;
  const AttributeDef* find_attribute(const std::string& name) const;
  const Skeleton* find_skeleton(const std::string& name) const;
  const TagDef* find_tag(const std::string& name) const;
  // The chain from a class to its root, the class first.
  std::vector<std::string> ancestry(const std::string& class_name) const;
  int next_class_id() const;

  bool operator==(const Schema& o) const {
    return name == o.name && version == o.version && classes == o.classes &&
           attributes == o.attributes && skeletons == o.skeletons && tags == o.tags &&
           history == o.history;
  }
  bool operator!=(const Schema& o) const { return !(*this == o); }
};

// --- Schema changes that migrate annotations --------------------------------
// Each bumps schema.version, appends to schema.history and rewrites the
// annotations to match. They throw core::Error on invalid requests (unknown
// class, name already taken).
void rename_class(Schema& schema, Annotations& annotations, const std::string& from,
                  const std::string& to);
void merge_class(Schema& schema, Annotations& annotations, const std::string& from,
                 const std::string& into);
void add_attribute(Schema& schema, Annotations& annotations, const AttributeDef& attribute);
// Splits class `from` into the classes `split_map` names (created as copies of
// `from` when missing) and `default_class`: each object goes by the text of
// its static attribute `attribute` (to_string of the value), else to
// `default_class`. `from` is removed unless it is the default.
void split_class(Schema& schema, Annotations& annotations, const std::string& from,
                 const std::string& attribute, const std::map<std::string, std::string>& split_map,
                 const std::string& default_class);

// Applies the recorded changes newer than annotations.metadata.schema_version
// (annotations saved against an older schema). Returns how many were applied.
int migrate_annotations(const Schema& schema, Annotations& annotations);

// Applies one change's effect on annotations only.
void apply_change_to_annotations(const SchemaChange& change, Annotations& annotations);

}  // namespace vantage::core
