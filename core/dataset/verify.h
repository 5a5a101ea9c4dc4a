#pragma once
// Sensor data by reference: each sequence folder's files.json records the
// size and content hash (git's blob id, what `git hash-object FILE` prints)
// of every file its sequence.json references. The data itself stays out of
// git; `verify` checks that every referenced file exists and still matches.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/model/sequence.h"

namespace vantage::core {

struct FileRecord {
  std::string path;  // as sequence.json writes it (relative to the sequence folder, or absolute)
  uint64_t size = 0;
  std::string hash;
  bool operator==(const FileRecord& o) const { return path == o.path && size == o.size && hash == o.hash; }
};

std::string files_manifest_to_json(const std::vector<FileRecord>& files);
std::vector<FileRecord> files_manifest_from_json(const std::string& text, const std::string& file_label);

// Hashes every file `sequence` references that exists (missing ones are
// skipped) and writes `folder`/files.json. Returns the records.
std::vector<FileRecord> record_sequence_files(const std::filesystem::path& folder, const Sequence& sequence);

struct VerifyProblem {
  std::string sequence;
  std::string file;      // the referenced path
  std::string kind;      // "missing", "changed", "unrecorded", "no-record-file"
  std::string message;
};

struct VerifyOptions {
  std::vector<std::string> sequences;  // empty: all
  bool update = false;  // re-record files.json from the data as it is now
};

struct VerifyReport {
  size_t sequences = 0;
  size_t files = 0;
  std::vector<VerifyProblem> problems;
  bool ok() const { return problems.empty(); }
};

VerifyReport verify_dataset(const Dataset& dataset, const VerifyOptions& options = {});

}  // namespace vantage::core
