#include "core/dataset/schema_evolution.h"

#include <map>

#include "core/io/file_util.h"
#include "core/io/native_format.h"

namespace vantage::core {

namespace {

std::map<ObjectId, std::string> classes_of(const Annotations& a) {
  std::map<ObjectId, std::string> m;
  for (const Object& o : a.objects) m[o.id] = o.class_name;
  return m;
}

template <class Edit>
SchemaEditResult apply(Dataset& d, Edit edit) {
  Schema schema = d.load_schema();
  Annotations none;
  edit(schema, none);  // validates and records the change
  SchemaEditResult r;
  r.change = schema.history.back();
  // The dataset schema first: an interrupted run is finished by any later
  // sync (every sequence catches up with the dataset schema).
  write_file_atomic(d.schema_path(), schema_to_json(schema), {false, true});
  for (const SequenceEntry& e : d.manifest().sequences) {
    const auto folder = d.sequence_folder(e);
    if (!is_native_folder(folder)) continue;
    Document doc = load_native(folder);
    const auto before = classes_of(doc.annotations);
    doc.schema = schema;
    migrate_annotations(schema, doc.annotations);
    size_t n = 0;
    for (const Object& o : doc.annotations.objects) n += before.at(o.id) != o.class_name;
    save_native(doc, folder);
    r.objects_changed += n;
    r.sequences_changed.push_back(e.name);
  }
  return r;
}

}  // namespace

SchemaEditResult dataset_rename_class(Dataset& d, const std::string& from, const std::string& to) {
  return apply(d, [&](Schema& s, Annotations& a) { rename_class(s, a, from, to); });
}

SchemaEditResult dataset_merge_class(Dataset& d, const std::string& from, const std::string& into) {
  return apply(d, [&](Schema& s, Annotations& a) { merge_class(s, a, from, into); });
}

SchemaEditResult dataset_split_class(Dataset& d, const std::string& from, const std::string& attribute,
                                     const std::map<std::string, std::string>& value_to_class,
                                     const std::string& default_class) {
  return apply(d, [&](Schema& s, Annotations& a) { split_class(s, a, from, attribute, value_to_class, default_class); });
}

}  // namespace vantage::core
