#pragma once
// A dataset: a folder holding dataset.json (name, schema file, the sequences
// with their paths, status and split, claims), the dataset's schema.json and
// one native sequence folder per sequence under sequences/<name>/. The folder
// is a git repository (versions.h); annotations and small sidecars are
// committed, sensor data is referenced by path and content hash (verify.h)
// and kept out of git by the .gitignore that `init` writes.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/model/object.h"
#include "core/model/review.h"
#include "core/model/schema.h"

namespace vantage::core {

inline constexpr const char* kDatasetFileName = "dataset.json";
inline constexpr const char* kDatasetSequencesDir = "sequences";
inline constexpr const char* kSequenceFilesName = "files.json";

struct SequenceEntry {
  std::string name;  // unique; also the folder name under sequences/
  std::string path;  // relative to the dataset root (generic separators)
  ReviewStatus status = ReviewStatus::Todo;
  std::string split;   // "train", "val", "test" or empty
  std::string source;  // where it was imported from (informative)
  bool operator==(const SequenceEntry& o) const {
    return name == o.name && path == o.path && status == o.status && split == o.split &&
           source == o.source;
  }
  bool operator!=(const SequenceEntry& o) const { return !(*this == o); }
};

// Someone working on frames of a sequence, so others leave them alone.
struct Claim {
  std::string sequence;
  std::optional<FrameRange> frames;  // nullopt: the whole sequence
  std::string by;
  int64_t time_ms = 0;
  bool overlaps(const Claim& o) const;
  bool operator==(const Claim& o) const {
    return sequence == o.sequence && frames == o.frames && by == o.by && time_ms == o.time_ms;
  }
};
std::string to_string(const Claim& c);  // "0001:0-99 by alice" / "0001 by alice"

// A dataset.json conflict left by a merge (a field both sides changed, or
// overlapping claims): the manifest keeps ours, this records theirs.
struct ManifestConflict {
  std::string what;  // "sequence 0001: status" / "claims on 0001"
  std::string ours, theirs;
  bool operator==(const ManifestConflict& o) const {
    return what == o.what && ours == o.ours && theirs == o.theirs;
  }
};

struct SplitSettings {
  std::vector<std::string> names;  // "train", "val", "test"
  std::vector<double> ratios;
  uint64_t seed = 0;
  bool operator==(const SplitSettings& o) const {
    return names == o.names && ratios == o.ratios && seed == o.seed;
  }
};

struct DatasetManifest {
  std::string name;
  std::string schema_file = "schema.json";
  std::vector<SequenceEntry> sequences;  // sorted by name
  std::vector<Claim> claims;             // sorted by sequence, first frame, name
  std::optional<SplitSettings> split;    // how the split fields were made
  std::vector<ManifestConflict> conflicts;

  const SequenceEntry* find(const std::string& sequence) const;
  SequenceEntry* find(const std::string& sequence);
  void sort();
  bool operator==(const DatasetManifest& o) const {
    return name == o.name && schema_file == o.schema_file && sequences == o.sequences &&
           claims == o.claims && split == o.split && conflicts == o.conflicts;
  }
};

std::string manifest_to_json(const DatasetManifest& manifest);
DatasetManifest manifest_from_json(const std::string& text, const std::string& file_label);

// An opened dataset folder.
class Dataset {
 public:
  // Opens the dataset whose dataset.json is in `root`.
  static Dataset open(const std::filesystem::path& root);
  // The dataset containing `start` (this folder or the nearest parent with a
  // dataset.json), like git finds its repository. Throws Error when none.
  static Dataset discover(const std::filesystem::path& start);
  static std::optional<std::filesystem::path> find_root(const std::filesystem::path& start);

  const std::filesystem::path& root() const { return root_; }
  DatasetManifest& manifest() { return manifest_; }
  const DatasetManifest& manifest() const { return manifest_; }
  std::filesystem::path schema_path() const { return root_ / manifest_.schema_file; }
  std::filesystem::path sequence_folder(const SequenceEntry& e) const { return root_ / e.path; }
  // Throws Error listing the known names when there is no such sequence.
  const SequenceEntry& sequence(const std::string& name) const;
  Schema load_schema() const;

  // Writes dataset.json atomically.
  void save() const;
  // Re-reads dataset.json (after a merge or checkout changed it).
  void reload();

 private:
  std::filesystem::path root_;
  DatasetManifest manifest_;
};

struct InitOptions {
  std::string name;           // default: the folder name
  std::filesystem::path schema;  // schema.json to start from; default: the built-in one
  bool git = true;            // create the git repository and the first commit
  std::string author;         // "Name <email>" for the first commit
};

// Creates DIR (may exist, must not hold a dataset.json) with dataset.json,
// schema.json, .gitignore (sensor data stays out of git), .gitattributes (the
// semantic merge driver for annotations.json, schema.json and dataset.json)
// and, with git, a repository with the merge driver configured and a first
// commit.
Dataset init_dataset(const std::filesystem::path& dir, const InitOptions& options = {});

// The .gitignore and .gitattributes `init` writes.
std::string dataset_gitignore();
std::string dataset_gitattributes();

struct AddOptions {
  std::string name;      // default: the source folder's name (KITTI: the sequence id)
  std::string sequence;  // KITTI tracking sequence id
  bool hash_files = true;  // record content hashes of the sensor files (files.json)
};

struct AddResult {
  std::string name;
  std::filesystem::path folder;
  int frames = 0;
  size_t objects = 0;
  size_t files_hashed = 0;
  std::vector<std::string> classes_added;  // classes the sequence used that the schema lacked
};

// Adds a sequence: a native folder (its annotation files are copied into
// sequences/<name>, sensor paths rewritten to keep pointing at the data), or
// anything open_document reads (KITTI object/tracking, nuScenes, images),
// imported on the way. The sequence's annotations are migrated to the
// dataset schema; classes the schema lacks are added to it.
AddResult add_sequence(Dataset& dataset, const std::filesystem::path& source,
                       const AddOptions& options = {});

// Writes the dataset schema into every sequence folder whose schema.json is
// older, migrating its annotations (after a schema change or a merge).
// Returns the sequences changed.
std::vector<std::string> sync_sequence_schemas(const Dataset& dataset);

}  // namespace vantage::core
