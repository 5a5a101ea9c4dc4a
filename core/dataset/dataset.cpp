// dataset.json: reading, writing, finding the enclosing dataset, and `init`.
#include "core/dataset/dataset.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/dataset/git_util.h"
#include "core/dataset/versions.h"
#include "core/io/file_util.h"
#include "core/io/json_reader.h"
#include "core/io/json_writer.h"
#include "core/io/native_format.h"
#include "core/io/path_policy.h"
#include "core/util/error.h"

namespace vantage::core {

namespace fs = std::filesystem;

bool Claim::overlaps(const Claim& o) const {
  if (sequence != o.sequence) return false;
  if (!frames || !o.frames) return true;
  return frames->first <= o.frames->last && o.frames->first <= frames->last;
}

std::string to_string(const Claim& c) {
  if (!c.frames) return fmt::format("{} by {}", c.sequence, c.by);
  return fmt::format("{}:{}-{} by {}", c.sequence, c.frames->first, c.frames->last, c.by);
}

const SequenceEntry* DatasetManifest::find(const std::string& sequence) const {
  for (const auto& s : sequences)
    if (s.name == sequence) return &s;
  return nullptr;
}

SequenceEntry* DatasetManifest::find(const std::string& sequence) {
  for (auto& s : sequences)
    if (s.name == sequence) return &s;
  return nullptr;
}

void DatasetManifest::sort() {
  std::sort(sequences.begin(), sequences.end(),
            [](const SequenceEntry& a, const SequenceEntry& b) { return a.name < b.name; });
  auto key = [](const Claim& c) {
    return std::make_tuple(c.sequence, c.frames ? c.frames->first : -1,
                           c.frames ? c.frames->last : -1, c.by, c.time_ms);
  };
  std::sort(claims.begin(), claims.end(),
            [&](const Claim& a, const Claim& b) { return key(a) < key(b); });
}

std::string manifest_to_json(const DatasetManifest& m) {
  JsonWriter w;
  w.begin_object();
  w.member("format", "vantage.dataset").member("format_version", 1);
  w.member("name", m.name).member("schema", m.schema_file);
  if (m.split) {
    w.key("split").begin_object();
    w.key("names").begin_inline_array();
    for (const auto& n : m.split->names) w.value(n);
    w.end_array();
    w.key("ratios").numbers(m.split->ratios.data(), m.split->ratios.size());
    w.member("seed", m.split->seed);
    w.end_object();
  }
  // One sequence per line: a merge of two added sequences touches two lines.
  w.key("sequences").begin_array();
  for (const SequenceEntry& s : m.sequences) {
    w.begin_object();
    w.member("name", s.name).member("path", s.path).member("status", to_string(s.status));
    if (!s.split.empty()) w.member("split", s.split);
    if (!s.source.empty()) w.member("source", s.source);
    w.end_object();
  }
  w.end_array();
  w.key("claims").begin_array();
  for (const Claim& c : m.claims) {
    w.begin_object();
    w.member("sequence", c.sequence);
    if (c.frames) w.key("frames").begin_inline_array().value(c.frames->first).value(c.frames->last).end_array();
    w.member("by", c.by).member("time", c.time_ms);
    w.end_object();
  }
  w.end_array();
  if (!m.conflicts.empty()) {
    w.key("conflicts").begin_array();
    for (const auto& c : m.conflicts) {
      w.begin_object();
      w.member("what", c.what).member("ours", c.ours).member("theirs", c.theirs);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
  std::string out = w.take();
  out += '\n';
  return out;
}

DatasetManifest manifest_from_json(const std::string& text, const std::string& file_label) {
  const Json json = parse_json_text(text, file_label);
  JsonReader::Context ctx{&json, file_label};
  JsonReader root(json, ctx);
  root.expect_object();
  const std::string& format = root.at("format").string();
  if (format != "vantage.dataset")
    root.at("format").fail(fmt::format("expected \"vantage.dataset\", found \"{}\"", format));
  const int64_t version = root.at("format_version").integer();
  if (version != 1)
    root.at("format_version").fail(fmt::format("format version {} is not supported (this build reads 1)", version));
  DatasetManifest m;
  m.name = root.string_or("name", "");
  m.schema_file = root.string_or("schema", "schema.json");
  if (m.schema_file.empty() || fs::path(m.schema_file).is_absolute())
    root.at("schema").fail("expected a schema file name relative to the dataset folder");
  if (auto sp = root.find("split")) {
    SplitSettings s;
    sp->at("names").for_each([&](const JsonReader& n) { s.names.push_back(n.string()); });
    sp->at("ratios").for_each([&](const JsonReader& r) { s.ratios.push_back(r.number()); });
    s.seed = static_cast<uint64_t>(sp->integer_or("seed", 0));
    if (s.names.size() != s.ratios.size()) sp->fail("split names and ratios differ in length");
    m.split = s;
  }
  if (auto seqs = root.find("sequences")) {
    seqs->for_each([&](const JsonReader& r) {
      SequenceEntry e;
      e.name = r.at("name").string();
      if (e.name.empty()) r.at("name").fail("a sequence name cannot be empty");
      if (m.find(e.name)) r.at("name").fail(fmt::format("duplicate sequence name '{}'", e.name));
      e.path = r.at("path").string();
      const fs::path p(e.path);
      if (e.path.empty() || p.is_absolute())
        r.at("path").fail("expected a folder path relative to the dataset folder");
      for (const auto& part : p)
        if (part == "..") r.at("path").fail("a sequence path must stay inside the dataset folder");
      const JsonReader st = r.at("status");
      auto status = review_status_from_string(st.string());
      if (!status) st.fail(fmt::format("unknown status \"{}\" (expected todo, in_progress, done, accepted or rejected)", st.string()));
      e.status = *status;
      e.split = r.string_or("split", "");
      e.source = r.string_or("source", "");
      m.sequences.push_back(std::move(e));
    });
  }
  if (auto claims = root.find("claims")) {
    claims->for_each([&](const JsonReader& r) {
      Claim c;
      c.sequence = r.at("sequence").string();
      if (auto f = r.find("frames")) {
        f->expect_array(2, 2);
        FrameRange fr{f->at(0).int32(0), f->at(1).int32(0)};
        if (fr.last < fr.first) f->fail("claim range end is before its start");
        c.frames = fr;
      }
      c.by = r.at("by").string();
      c.time_ms = r.integer_or("time", 0);
      m.claims.push_back(std::move(c));
    });
  }
  if (auto conflicts = root.find("conflicts")) {
    conflicts->for_each([&](const JsonReader& r) {
      m.conflicts.push_back({r.at("what").string(), r.string_or("ours", ""), r.string_or("theirs", "")});
    });
  }
  m.sort();
  return m;
}

std::optional<fs::path> Dataset::find_root(const fs::path& start) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(start, ec), ec);
  while (true) {
    if (fs::is_regular_file(p / kDatasetFileName, ec)) return p;
    if (!p.has_parent_path() || p.parent_path() == p) return std::nullopt;
    p = p.parent_path();
  }
}

Dataset Dataset::open(const fs::path& root) {
  Dataset d;
  std::error_code ec;
  d.root_ = fs::weakly_canonical(fs::absolute(root, ec), ec);
  const fs::path file = d.root_ / kDatasetFileName;
  if (!fs::is_regular_file(file, ec))
    throw FileError(root.string(), "", fmt::format("no {} here: not a dataset folder", kDatasetFileName));
  d.manifest_ = manifest_from_json(read_file_to_string(file), file.string());
  // The manifest's own check is lexical (no absolute path, no ".."); a
  // symbolic link inside the dataset can still lead out. Datasets come from
  // others (clone, pull): refused like a sequence naming outside data.
  for (size_t i = 0; i < d.manifest_.sequences.size(); ++i) {
    const SequenceEntry& e = d.manifest_.sequences[i];
    const fs::path resolved = fs::weakly_canonical(d.sequence_folder(e), ec);
    if (!ec && !path_is_inside(resolved, d.root_))
      throw FileError(file.string(), fmt::format("/sequences/{}/path", i),
                      fmt::format("sequence '{}': '{}' leads to {}, outside the dataset folder", e.name,
                                  e.path, resolved.string()));
  }
  return d;
}

Dataset Dataset::discover(const fs::path& start) {
  std::error_code ec;
  if (!fs::is_directory(start, ec)) throw FileError(start.string(), "", "is not a folder");
  auto root = find_root(start);
  if (!root)
    throw Error(fmt::format("{}: not inside a dataset (no {} here or in any parent folder; "
                            "create one with `vantage dataset init DIR`)",
                            start.string(), kDatasetFileName));
  return open(*root);
}

const SequenceEntry& Dataset::sequence(const std::string& name) const {
  if (const SequenceEntry* e = manifest_.find(name)) return *e;
  std::string known;
  for (const auto& s : manifest_.sequences) known += (known.empty() ? "" : ", ") + s.name;
  throw Error(fmt::format("{}: no sequence named '{}' (known: {})", (root_ / kDatasetFileName).string(),
                          name, known.empty() ? "none" : known));
}

Schema Dataset::load_schema() const {
  std::error_code ec;
  const fs::path p = schema_path();
  if (!fs::exists(p, ec)) throw FileError(p.string(), "", "the dataset schema is missing");
  return load_schema_file(p);
}

void Dataset::save() const {
  DatasetManifest m = manifest_;
  m.sort();
  write_file_atomic(root_ / kDatasetFileName, manifest_to_json(m), {false, true});
}

void Dataset::reload() { *this = open(root_); }

std::string dataset_gitignore() {
  return R"(# Vantage dataset: annotations are versioned, sensor data is referenced by
# path and content hash (files.json), never committed. Everything is ignored
# except the files below; add your own exceptions at the end.
/*
!/.gitignore
!/.gitattributes
!/dataset.json
!/schema.json
!/README.md
!/docs/
!/scripts/
!/sequences/
/sequences/*/*
!/sequences/*/sequence.json
!/sequences/*/schema.json
!/sequences/*/annotations.json
!/sequences/*/files.json
!/sequences/*/qa_rules.json
!/sequences/*/masks/
!/sequences/*/seg/
*.bak
*.tmp
)";
}

std::string dataset_gitattributes() {
  return R"(# Vantage's semantic three-way merge (objects by id, conflicts kept inside the
# file). Plain git needs the driver configured once per clone:
#   vantage dataset install-driver
annotations.json merge=vantage
schema.json merge=vantage
dataset.json merge=vantage
)";
}

Dataset init_dataset(const fs::path& dir, const InitOptions& options) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(fmt::format("{}: cannot create folder: {}", dir.string(), ec.message()));
  if (fs::exists(dir / kDatasetFileName, ec))
    throw Error(fmt::format("{}: already a dataset ({} exists)", dir.string(), kDatasetFileName));
  const fs::path root = fs::weakly_canonical(fs::absolute(dir, ec), ec);
  Schema schema = options.schema.empty() ? default_schema() : load_schema_file(options.schema);
  DatasetManifest m;
  m.name = options.name.empty() ? root.filename().string() : options.name;
  fs::create_directories(root / kDatasetSequencesDir, ec);
  write_file_atomic(root / m.schema_file, schema_to_json(schema), {false, true});
  write_file_atomic(root / ".gitignore", dataset_gitignore(), {false, true});
  write_file_atomic(root / ".gitattributes", dataset_gitattributes(), {false, true});
  write_file_atomic(root / kDatasetFileName, manifest_to_json(m), {false, true});
  Dataset d = Dataset::open(root);
  if (options.git) {
    init_repository(root);
    CommitOptions co;
    co.message = fmt::format("Create dataset {}", m.name);
    co.author = options.author;
    commit_dataset(d, co);
  }
  return d;
}

}  // namespace vantage::core
