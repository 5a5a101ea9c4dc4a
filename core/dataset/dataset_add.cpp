// `dataset add` and keeping every sequence on the dataset schema.
#include <fmt/format.h>

#include <cctype>
#include <set>

#include "core/dataset/dataset.h"
#include "core/dataset/verify.h"
#include "core/formats/format.h"
#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "core/io/sequence_opener.h"
#include "core/util/error.h"

namespace vantage::core {

namespace fs = std::filesystem;

namespace {

void check_name(const std::string& name) {
  if (name.empty() || name == "." || name == "..")
    throw Error(fmt::format("'{}' is not a usable sequence name", name));
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
      throw Error(fmt::format("sequence name '{}': use letters, digits, '-', '_' and '.' only (give one with --name)", name));
}

uint32_t class_color(const std::string& name) {
  uint32_t h = 2166136261u;
  for (char c : name) h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
  return (h & 0x7f7f7f) + 0x404040;  // mid-tone
}

}  // namespace

AddResult add_sequence(Dataset& d, const fs::path& source, const AddOptions& options) {
  std::error_code ec;
  if (!fs::exists(source, ec)) throw FileError(source.string(), "", "does not exist");
  const fs::path src = fs::weakly_canonical(fs::absolute(source, ec), ec);
  std::string name = options.name;
  if (name.empty()) name = !options.sequence.empty() ? options.sequence : src.filename().string();
  check_name(name);
  if (d.manifest().find(name))
    throw Error(fmt::format("the dataset already has a sequence named '{}' (choose another with --name)", name));
  const std::string rel = std::string(kDatasetSequencesDir) + "/" + name;
  const fs::path folder = d.root() / rel;
  const bool in_place = fs::exists(folder, ec) && fs::equivalent(folder, src, ec);
  if (fs::exists(folder, ec) && !in_place && !fs::is_empty(folder, ec))
    throw Error(fmt::format("{}: exists already and is not the sequence being added", folder.string()));

  Document doc;
  if (is_native_folder(src)) {
    doc = load_native(src);
  } else {
    OpenOptions oo;
    oo.sequence = options.sequence;
    doc = open_document(src, oo);
    // Labelled frame by frame: nothing is interpolated across the gaps.
    mark_gaps_as_outside(doc.annotations);
  }
  if (doc.sequence.name.empty()) doc.sequence.name = name;

  // The dataset schema rules; classes it lacks are added (from the
  // sequence's own schema when it defines them).
  Schema schema = d.load_schema();
  AddResult result;
  std::set<std::string> used;
  for (const Object& o : doc.annotations.objects) used.insert(o.class_name);
  for (const std::string& cls : used) {
    if (schema.find_class(cls)) continue;
    ClassDef c;
    if (const ClassDef* own = doc.schema.find_class(cls)) c = *own;
    c.name = cls;
    c.id = schema.next_class_id();
    if (!doc.schema.find_class(cls)) c.color = class_color(cls);
    if (!c.parent.empty() && !schema.find_class(c.parent)) c.parent.clear();
    if (!c.skeleton.empty() && !schema.find_skeleton(c.skeleton)) {
      if (const Skeleton* sk = doc.schema.find_skeleton(c.skeleton)) schema.skeletons.push_back(*sk);
      else c.skeleton.clear();
    }
    schema.classes.push_back(std::move(c));
    result.classes_added.push_back(cls);
  }
  if (!result.classes_added.empty()) write_file_atomic(d.schema_path(), schema_to_json(schema), {false, true});
  doc.schema = schema;
  doc.annotations.metadata.schema_version = schema.version;
  if (doc.annotations.metadata.tool.empty()) doc.annotations.metadata.tool = "vantage dataset add";

  const Document saved = in_place ? doc : save_native_as(doc, folder);
  if (in_place) save_native(doc, folder);
  result.name = name;
  result.folder = folder;
  result.frames = saved.sequence.frame_count();
  result.objects = saved.annotations.objects.size();
  if (options.hash_files) result.files_hashed = record_sequence_files(folder, saved.sequence).size();

  SequenceEntry e;
  e.name = name;
  e.path = rel;
  e.source = in_place ? std::string() : src.string();
  d.manifest().sequences.push_back(e);
  d.manifest().sort();
  d.save();
  if (!result.classes_added.empty()) sync_sequence_schemas(d);
  return result;
}

std::vector<std::string> sync_sequence_schemas(const Dataset& d) {
  const Schema schema = d.load_schema();
  std::vector<std::string> changed;
  for (const SequenceEntry& e : d.manifest().sequences) {
    const fs::path folder = d.sequence_folder(e);
    std::error_code ec;
    if (!is_native_folder(folder)) continue;  // reported by info/validate
    const fs::path sp = folder / kSchemaFileName;
    if (fs::exists(sp, ec) && load_schema_file(sp) == schema) continue;
    Document doc = load_native(folder);
    doc.schema = schema;
    if (doc.annotations.metadata.schema_version < schema.version) migrate_annotations(schema, doc.annotations);
    save_native(doc, folder);
    changed.push_back(e.name);
  }
  return changed;
}

}  // namespace vantage::core
