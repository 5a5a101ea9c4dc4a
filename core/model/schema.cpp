#include "core/model/schema.h"

#include <algorithm>
#include <fmt/format.h>

#include "core/model/annotations.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {
constexpr const char* kAttrTypeNames[] = {"bool", "enum", "number", "text"};
constexpr const char* kChangeNames[] = {"rename_class", "merge_class", "add_attribute",
                                        "remove_class", "split_class"};
constexpr int kChangeCount = 5;
}  // namespace

const char* to_string(AttributeType t) { return kAttrTypeNames[static_cast<int>(t)]; }

std::optional<AttributeType> attribute_type_from_string(const std::string& s) {
  for (int i = 0; i < 4; ++i)
    if (s == kAttrTypeNames[i]) return static_cast<AttributeType>(i);
  return std::nullopt;
}

const char* to_string(SchemaChange::Kind k) { return kChangeNames[static_cast<int>(k)]; }

std::optional<SchemaChange::Kind> schema_change_kind_from_string(const std::string& s) {
  for (int i = 0; i < kChangeCount; ++i)
    if (s == kChangeNames[i]) return static_cast<SchemaChange::Kind>(i);
  return std::nullopt;
}

const char* to_string(MaskKind k) {
  switch (k) {
    case MaskKind::None:
      return "none";
    case MaskKind::Stuff:
      return "stuff";
    case MaskKind::Thing:
      return "thing";
  }
  return "none";
}

std::optional<MaskKind> mask_kind_from_string(const std::string& s) {
  for (MaskKind k : {MaskKind::None, MaskKind::Stuff, MaskKind::Thing})
    if (s == to_string(k)) return k;
  return std::nullopt;
}

int ClassDef::label_id(const std::string& label_set) const {
  const auto it = label_ids.find(label_set);
  return it == label_ids.end() ? id : it->second;
}

bool ClassDef::allows(ShapeKind k) const {
  return shapes.empty() || std::find(shapes.begin(), shapes.end(), k) != shapes.end();
}

bool AttributeDef::applies_to(const std::string& class_name) const {
  return classes.empty() || std::find(classes.begin(), classes.end(), class_name) != classes.end();
}

std::string AttributeDef::check(const AttributeValue& v) const {
  switch (type) {
    case AttributeType::Bool:
      if (!std::holds_alternative<bool>(v)) return "expected true or false";
      return {};
    case AttributeType::Number: {
      const double* d = std::get_if<double>(&v);
      if (!d) return "expected a number";
      if (min != max && (*d < min || *d > max))
        return fmt::format("{} is outside [{}, {}]", *d, min, max);
      return {};
    }
    case AttributeType::Enum: {
      const std::string* s = std::get_if<std::string>(&v);
      if (!s) return "expected one of the enum values";
      if (std::find(options.begin(), options.end(), *s) == options.end())
        return fmt::format("'{}' is not one of [{}]", *s, fmt::join(options, ", "));
      return {};
    }
    case AttributeType::Text:
      if (!std::holds_alternative<std::string>(v)) return "expected text";
      return {};
  }
  return {};
}

const ClassDef* Schema::find_class(const std::string& n) const {
  for (const auto& c : classes)
    if (c.name == n) return &c;
  return nullptr;
}

const ClassDef* Schema::find_class(int id) const {
  for (const auto& c : classes)
    if (c.id == id) return &c;
  return nullptr;
}

const AttributeDef* Schema::find_attribute(const std::string& n) const {
  for (const auto& a : attributes)
    if (a.name == n) return &a;
  return nullptr;
}

const Skeleton* Schema::find_skeleton(const std::string& n) const {
  for (const auto& s : skeletons)
    if (s.name == n) return &s;
  return nullptr;
}

const TagDef* Schema::find_tag(const std::string& n) const {
  for (const auto& t : tags)
    if (t.name == n) return &t;
  return nullptr;
}

std::vector<std::string> Schema::ancestry(const std::string& class_name) const {
  std::vector<std::string> chain;
  std::string cur = class_name;
  // Bounded by the class count so a cyclic parent chain cannot loop forever.
  for (size_t i = 0; i <= classes.size() && !cur.empty(); ++i) {
    chain.push_back(cur);
    const ClassDef* c = find_class(cur);
    if (!c) break;
    cur = c->parent;
  }
  return chain;
}

int Schema::next_class_id() const {
  int id = 0;
  for (const auto& c : classes) id = std::max(id, c.id);
  return id + 1;
}

void apply_change_to_annotations(const SchemaChange& change, Annotations& annotations) {
  switch (change.kind) {
    case SchemaChange::Kind::RenameClass:
    case SchemaChange::Kind::MergeClass:
      for (auto& o : annotations.objects)
        if (o.class_name == change.from) o.class_name = change.to;
      for (auto& [key, layer] : annotations.segmentation.layers_for_update())
        for (Segment& s : layer.segments)
          if (s.class_name == change.from) s.class_name = change.to;
      break;
    case SchemaChange::Kind::RemoveClass:
      break;  // objects keep the name; validation flags classes not in the schema
    case SchemaChange::Kind::SplitClass:
      for (auto& o : annotations.objects) {
        if (o.class_name != change.from) continue;
        std::string target = change.to;
        auto a = o.attributes.find(change.split_attribute);
        if (a != o.attributes.end()) {
          auto m = change.split_map.find(to_string(a->second));
          if (m != change.split_map.end()) target = m->second;
        }
        o.class_name = target;
      }
      break;
    case SchemaChange::Kind::AddAttribute: {
      if (!change.attribute || !change.attribute->default_value) break;
      const AttributeDef& a = *change.attribute;
      for (auto& o : annotations.objects) {
        if (!a.applies_to(o.class_name)) continue;
        if (!a.per_frame) {
          o.attributes.emplace(a.name, *a.default_value);
          continue;
        }
        for (auto& t : o.tracks)
          for (auto& fs : t.shapes) fs.shape.attributes.emplace(a.name, *a.default_value);
      }
      break;
    }
  }
  annotations.metadata.schema_version = std::max(annotations.metadata.schema_version, change.version);
}

namespace {
void record(Schema& schema, Annotations& annotations, SchemaChange change) {
  change.version = ++schema.version;
  apply_change_to_annotations(change, annotations);
  annotations.metadata.schema_version = schema.version;
  schema.history.push_back(std::move(change));
}
}  // namespace

void rename_class(Schema& schema, Annotations& annotations, const std::string& from,
                  const std::string& to) {
  if (to.empty()) throw Error("a class name cannot be empty");
  auto it = std::find_if(schema.classes.begin(), schema.classes.end(),
                         [&](const ClassDef& c) { return c.name == from; });
  if (it == schema.classes.end()) throw Error(fmt::format("no class named '{}'", from));
  if (schema.find_class(to)) throw Error(fmt::format("a class named '{}' already exists", to));
  it->name = to;
  for (auto& c : schema.classes)
    if (c.parent == from) c.parent = to;
  for (auto& a : schema.attributes)
    std::replace(a.classes.begin(), a.classes.end(), from, to);
  record(schema, annotations, {0, SchemaChange::Kind::RenameClass, from, to, std::nullopt});
}

void merge_class(Schema& schema, Annotations& annotations, const std::string& from,
                 const std::string& into) {
  if (from == into) throw Error("cannot merge a class into itself");
  if (!schema.find_class(into)) throw Error(fmt::format("no class named '{}'", into));
  auto it = std::find_if(schema.classes.begin(), schema.classes.end(),
                         [&](const ClassDef& c) { return c.name == from; });
  if (it == schema.classes.end()) throw Error(fmt::format("no class named '{}'", from));
  schema.classes.erase(it);
  for (auto& c : schema.classes)
    if (c.parent == from) c.parent = into;
  for (auto& a : schema.attributes) {
    auto& cl = a.classes;
    const bool had = std::find(cl.begin(), cl.end(), from) != cl.end();
    cl.erase(std::remove(cl.begin(), cl.end(), from), cl.end());
    if (had && std::find(cl.begin(), cl.end(), into) == cl.end()) cl.push_back(into);
  }
  record(schema, annotations, {0, SchemaChange::Kind::MergeClass, from, into, std::nullopt});
}

void add_attribute(Schema& schema, Annotations& annotations, const AttributeDef& attribute) {
  if (attribute.name.empty()) throw Error("an attribute name cannot be empty");
  if (schema.find_attribute(attribute.name))
    throw Error(fmt::format("an attribute named '{}' already exists", attribute.name));
  if (attribute.default_value) {
    const std::string why = attribute.check(*attribute.default_value);
    if (!why.empty())
      throw Error(fmt::format("default of attribute '{}': {}", attribute.name, why));
  }
  schema.attributes.push_back(attribute);
  record(schema, annotations, {0, SchemaChange::Kind::AddAttribute, {}, {}, attribute});
}

void split_class(Schema& schema, Annotations& annotations, const std::string& from,
                 const std::string& attribute, const std::map<std::string, std::string>& split_map,
                 const std::string& default_class) {
  const ClassDef* src = schema.find_class(from);
  if (!src) throw Error(fmt::format("no class named '{}'", from));
  if (attribute.empty()) throw Error("split needs the attribute that decides the new class");
  if (default_class.empty()) throw Error("split needs a default class");
  const ClassDef copy = *src;
  std::vector<std::string> targets{default_class};
  for (const auto& [value, cls] : split_map) {
    if (cls.empty()) throw Error(fmt::format("split: value '{}' maps to an empty class name", value));
    targets.push_back(cls);
  }
  for (const auto& t : targets) {
    if (t == from || schema.find_class(t)) continue;
    ClassDef c = copy;
    c.id = schema.next_class_id();
    c.name = t;
    schema.classes.push_back(std::move(c));
  }
  const bool keep_source = std::find(targets.begin(), targets.end(), from) != targets.end();
  if (!keep_source) {
    schema.classes.erase(std::find_if(schema.classes.begin(), schema.classes.end(),
                                      [&](const ClassDef& c) { return c.name == from; }));
    for (auto& c : schema.classes)
      if (c.parent == from) c.parent = default_class;
  }
  for (auto& a : schema.attributes) {
    auto& cl = a.classes;
    if (std::find(cl.begin(), cl.end(), from) == cl.end()) continue;
    for (const auto& t : targets)
      if (std::find(cl.begin(), cl.end(), t) == cl.end()) cl.push_back(t);
    if (!keep_source) cl.erase(std::remove(cl.begin(), cl.end(), from), cl.end());
  }
  SchemaChange change{0, SchemaChange::Kind::SplitClass, from, default_class, std::nullopt, {}, {}};
  change.split_attribute = attribute;
  change.split_map = split_map;
  record(schema, annotations, std::move(change));
}

int migrate_annotations(const Schema& schema, Annotations& annotations) {
  const int from = annotations.metadata.schema_version;
  int applied = 0;
  for (const auto& change : schema.history) {
    if (change.version <= from) continue;
    apply_change_to_annotations(change, annotations);
    ++applied;
  }
  annotations.metadata.schema_version = std::max(from, schema.version);
  return applied;
}

}  // namespace vantage::core
