// Dataset export (see dataset_export.h).
// [SECTION] revision metadata
// [SECTION] combined COCO
// [SECTION] combined YOLO
// [SECTION] export_dataset
#include "core/dataset/dataset_export.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>

#include "core/dataset/versions.h"
#include "core/io/file_util.h"
#include "core/io/json_reader.h"
#include "core/io/native_format.h"
#include "core/version.h"

namespace vantage::core {

namespace fs = std::filesystem;

size_t DatasetExportResult::failed() const {
  size_t n = 0;
  for (const auto& s : sequences) n += !s.error.empty();
  return n;
}

int64_t stable_image_id(const std::string& sequence, int frame, const std::string& camera) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;  // separator
  };
  mix(sequence);
  mix(std::to_string(frame));
  mix(camera);
  const int64_t id = static_cast<int64_t>(h & ((1ull << 53) - 1));
  return id == 0 ? 1 : id;
}

namespace {

// [SECTION] revision metadata

Json dataset_block(const Dataset& d, const DatasetExportResult& r, const std::string& sequence, const std::string& split) {
  Json j{{"name", d.manifest().name}, {"commit", r.commit}, {"revision", r.revision.empty() ? "work tree" : r.revision}};
  if (r.modified) j["uncommitted_changes"] = true;
  if (!sequence.empty()) j["sequence"] = sequence;
  if (!split.empty()) j["split"] = split;
  return j;
}

// Adds the dataset block to a COCO or OpenLABEL file written by the exporter.
void stamp_json(const fs::path& file, const Json& block) {
  Json j = parse_json_file(file);
  if (j.is_object() && j.contains("info") && j["info"].is_object()) {
    j["info"]["vantage"]["dataset"] = block;
  } else if (j.is_object() && j.contains("openlabel") && j["openlabel"].contains("metadata")) {
    j["openlabel"]["metadata"]["vantage"]["dataset"] = block;
  } else {
    return;
  }
  write_file_atomic(file, j.dump() + "\n", {false, true});
}

fs::path resolve_image(const fs::path& export_dir, const fs::path& sequence_folder, const std::string& file_name) {
  std::error_code ec;
  const fs::path p(file_name);
  if (p.is_absolute()) return p;
  if (fs::exists(export_dir / p, ec)) return fs::absolute(export_dir / p, ec);
  return fs::absolute(sequence_folder / p, ec).lexically_normal();
}

// [SECTION] combined COCO

struct CocoCombiner {
  Json info;
  Json images = Json::array(), annotations = Json::array(), categories = Json::array();
  std::map<std::string, int64_t> category_by_name;
  std::set<int64_t> image_ids;
  int64_t next_annotation = 1;

  void add(const fs::path& coco_file, const std::string& sequence, const fs::path& export_dir,
           const fs::path& sequence_folder, const fs::path& combined_dir) {
    const Json j = parse_json_file(coco_file);
    std::map<int64_t, int64_t> cat_map, image_map;
    for (const Json& c : j.at("categories")) {
      const std::string name = c.at("name").get<std::string>();
      auto it = category_by_name.find(name);
      if (it == category_by_name.end()) {
        int64_t id = c.at("id").get<int64_t>();
        for (const auto& kv : category_by_name)
          if (kv.second == id) id = -1;
        if (id < 0) {
          id = 1;
          for (const auto& kv : category_by_name) id = std::max(id, kv.second + 1);
        }
        Json copy = c;
        copy["id"] = id;
        categories.push_back(copy);
        it = category_by_name.emplace(name, id).first;
      }
      cat_map[c.at("id").get<int64_t>()] = it->second;
    }
    for (const Json& im : j.at("images")) {
      Json copy = im;
      const int frame = im.value("frame", 0);
      const std::string camera = im.value("camera", "");
      const int64_t id = stable_image_id(sequence, frame, camera);
      if (!image_ids.insert(id).second)
        throw Error(fmt::format("{}: image id {} of frame {} {} collides with another image's", coco_file.string(), id, frame, camera));
      image_map[im.at("id").get<int64_t>()] = id;
      copy["id"] = id;
      copy["sequence"] = sequence;
      const fs::path abs = resolve_image(export_dir, sequence_folder, im.at("file_name").get<std::string>());
      const fs::path rel = abs.lexically_relative(fs::absolute(combined_dir));
      copy["file_name"] = (rel.empty() ? abs : rel).generic_string();
      images.push_back(std::move(copy));
    }
    for (const Json& a : j.at("annotations")) {
      Json copy = a;
      copy["id"] = next_annotation++;
      copy["image_id"] = image_map.at(a.at("image_id").get<int64_t>());
      copy["category_id"] = cat_map.at(a.at("category_id").get<int64_t>());
      annotations.push_back(std::move(copy));
    }
  }

  void write(const fs::path& file) const {
    Json j;
    j["info"] = info;
    j["licenses"] = Json::array();
    Json cats = categories;
    std::sort(cats.begin(), cats.end(), [](const Json& a, const Json& b) { return a.at("id").get<int64_t>() < b.at("id").get<int64_t>(); });
    j["categories"] = cats;
    j["images"] = images;
    j["annotations"] = annotations;
    write_file_atomic(file, j.dump() + "\n", {false, true});
  }
};

// [SECTION] combined YOLO

void link_or_copy(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_directories(to.parent_path(), ec);
  fs::remove(to, ec);
  fs::create_hard_link(from, to, ec);
  if (ec) {
    ec.clear();
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    if (ec) throw Error(fmt::format("{}: cannot copy to {}: {}", from.string(), to.string(), ec.message()));
  }
}

}  // namespace

// [SECTION] export_dataset

DatasetExportResult export_dataset(const Dataset& d, const DatasetExportOptions& options) {
  DatasetExportResult r;
  r.revision = options.revision;
  const DatasetManifest manifest = load_manifest_at(d, options.revision);
  std::error_code ec;
  const bool has_history = fs::exists(d.root() / ".git", ec);
  if (!options.revision.empty()) {
    r.commit = describe_commit(d, options.revision).id;
  } else if (has_history) {
    try {
      r.commit = describe_commit(d, "HEAD").id;
      r.modified = !work_tree_status(d).clean();
    } catch (const Error&) {
      r.commit.clear();  // no commit yet
    }
  }
  for (const std::string& s : options.sequences)
    if (!manifest.find(s)) throw Error(fmt::format("no sequence named '{}'{}", s, options.revision.empty() ? "" : " at " + options.revision));
  fs::create_directories(options.out, ec);
  if (ec) throw Error(fmt::format("{}: cannot create folder: {}", options.out.string(), ec.message()));
  const bool yolo = options.format == FormatId::Yolo;
  const bool combine = options.combined && (options.format == FormatId::Coco || yolo);
  ExportOptions eo = options.export_options;
  if (yolo && combine) eo.copy_images = true;  // the Ultralytics layout needs the images

  for (const SequenceEntry& e : manifest.sequences) {
    if (!options.sequences.empty() &&
        std::find(options.sequences.begin(), options.sequences.end(), e.name) == options.sequences.end())
      continue;
    DatasetExportItem item;
    item.sequence = e.name;
    item.split = e.split;
    item.out = options.out / e.name;
    try {
      const Document doc = load_sequence_at(d, options.revision, e);
      item.report = export_document(doc, options.format, item.out, eo);
      const Json block = dataset_block(d, r, e.name, e.split);
      for (const fs::path& f : item.report.files_written)
        if (f.extension() == ".json") stamp_json(f, block);
    } catch (const std::exception& ex) {
      item.error = ex.what();
    }
    r.sequences.push_back(std::move(item));
  }

  if (combine) {
    const fs::path dir = options.out / "combined";
    fs::create_directories(dir, ec);
    if (options.format == FormatId::Coco) {
      std::map<std::string, CocoCombiner> by_split;
      for (const auto& item : r.sequences) {
        if (!item.error.empty()) continue;
        for (const fs::path& f : item.report.files_written) {
          if (f.extension() != ".json") continue;
          const SequenceEntry* e = manifest.find(item.sequence);
          by_split[item.split.empty() ? "all" : item.split].add(f, item.sequence, item.out, d.sequence_folder(*e), dir);
        }
      }
      for (auto& [split, c] : by_split) {
        c.info = {{"description", fmt::format("{} ({})", manifest.name, split)},
                  {"version", r.commit.empty() ? std::string("work tree") : r.commit.substr(0, 10)},
                  {"vantage", {{"tool", kToolName}, {"dataset", dataset_block(d, r, "", split)}}}};
        const fs::path file = dir / (split + ".json");
        c.write(file);
        r.combined_files.push_back(file);
        r.combined_images += c.images.size();
        r.combined_annotations += c.annotations.size();
      }
    } else {
      YAML::Node names;
      std::string names_text;  // (a default YAML::Node claims to be defined)
      std::set<std::string> splits;
      for (const auto& item : r.sequences) {
        if (!item.error.empty()) continue;
        const std::string split = item.split.empty() ? "train" : item.split;
        splits.insert(split);
        const YAML::Node yaml = YAML::LoadFile((item.out / "data.yaml").string());
        if (names_text.empty()) {
          names = YAML::Clone(yaml["names"]);
          names_text = YAML::Dump(names);
        } else if (names_text != YAML::Dump(yaml["names"])) {
          // Class indices must mean the same in every label file.
          throw Error(fmt::format("{}: its YOLO class list differs from the other sequences' (classes outside "
                                  "the dataset schema?); fix the classes or export with --no-combined",
                                  (item.out / "data.yaml").string()));
        }
        for (const auto& entry : fs::directory_iterator(item.out / "labels", ec)) {
          const std::string stem = entry.path().stem().string();
          link_or_copy(entry.path(), dir / "labels" / split / (item.sequence + "__" + stem + ".txt"));
          ++r.combined_annotations;
        }
        for (const auto& entry : fs::directory_iterator(item.out / "images", ec)) {
          link_or_copy(entry.path(), dir / "images" / split / (item.sequence + "__" + entry.path().filename().string()));
          ++r.combined_images;
        }
      }
      YAML::Emitter y;
      y << YAML::Comment(fmt::format("Written by {} from dataset '{}' at {}", kToolName, manifest.name,
                                     r.commit.empty() ? "the work tree" : r.commit));
      y << YAML::BeginMap << YAML::Key << "path" << YAML::Value << ".";
      for (const std::string& s : splits) y << YAML::Key << s << YAML::Value << "images/" + s;
      y << YAML::Key << "nc" << YAML::Value << (names_text.empty() ? 0 : names.size());
      y << YAML::Key << "names" << YAML::Value << names << YAML::EndMap;
      write_file_atomic(dir / "data.yaml", std::string(y.c_str()) + "\n", {false, true});
      r.combined_files.push_back(dir / "data.yaml");
    }
  }

  // OUT/export.json: what was exported, from which revision (every format).
  Json j{{"format", "vantage.export"}, {"tool", kToolName}, {"export_format", format_name(options.format)},
         {"dataset", dataset_block(d, r, "", "")}, {"sequences", Json::array()}};
  for (const auto& item : r.sequences) {
    Json s{{"name", item.sequence}, {"split", item.split}, {"out", item.out.filename().string()}};
    if (!item.error.empty()) s["error"] = item.error;
    j["sequences"].push_back(s);
  }
  for (const auto& f : r.combined_files) j["combined"].push_back(f.lexically_relative(options.out).generic_string());
  write_file_atomic(options.out / "export.json", j.dump(2) + "\n", {false, true});
  return r;
}

}  // namespace vantage::core
