#include "core/dataset/verify.h"

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/dataset/git_util.h"
#include "core/io/file_util.h"
#include "core/io/json_reader.h"
#include "core/io/json_writer.h"
#include "core/io/native_format.h"

namespace vantage::core {

namespace fs = std::filesystem;

std::string files_manifest_to_json(const std::vector<FileRecord>& files) {
  JsonWriter w;
  w.begin_object();
  w.member("format", "vantage.files").member("format_version", 1).member("hash", "git-blob-sha1");
  w.key("files").begin_array();
  for (const FileRecord& f : files) {
    // One line per file.
    w.begin_inline_array().value(f.path).value(f.size).value(f.hash).end_array();
  }
  w.end_array();
  w.end_object();
  return w.take() + "\n";
}

std::vector<FileRecord> files_manifest_from_json(const std::string& text, const std::string& label) {
  const Json json = parse_json_text(text, label);
  JsonReader::Context ctx{&json, label};
  JsonReader root(json, ctx);
  root.expect_object();
  if (root.at("format").string() != "vantage.files") root.at("format").fail("expected \"vantage.files\"");
  if (root.at("hash").string() != "git-blob-sha1") root.at("hash").fail("unknown hash (expected \"git-blob-sha1\")");
  std::vector<FileRecord> out;
  root.at("files").for_each([&](const JsonReader& r) {
    r.expect_array(3, 3);
    FileRecord f;
    f.path = r.at(0).string();
    const int64_t size = r.at(1).integer();
    if (size < 0) r.at(1).fail("a size cannot be negative");
    f.size = static_cast<uint64_t>(size);
    f.hash = r.at(2).string();
    if (f.hash.size() != 40) r.at(2).fail("expected a 40-digit hash");
    out.push_back(std::move(f));
  });
  return out;
}

namespace {

std::vector<std::string> referenced_paths(const Sequence& s) {
  std::set<std::string> paths;
  for (const Frame& f : s.frames)
    for (const auto& kv : f.files) paths.insert(kv.second);
  return {paths.begin(), paths.end()};
}

fs::path resolve(const fs::path& folder, const std::string& p) {
  const fs::path path(p);
  return path.is_absolute() ? path : folder / path;
}

}  // namespace

std::vector<FileRecord> record_sequence_files(const fs::path& folder, const Sequence& sequence) {
  const std::vector<std::string> paths = referenced_paths(sequence);
  std::vector<FileRecord> records(paths.size());
  std::vector<char> present(paths.size(), 0);
  tbb::parallel_for(size_t(0), paths.size(), [&](size_t i) {
    std::error_code ec;
    const fs::path p = resolve(folder, paths[i]);
    if (!fs::is_regular_file(p, ec)) return;
    records[i] = {paths[i], static_cast<uint64_t>(fs::file_size(p, ec)), git::hash_file(p)};
    present[i] = 1;
  });
  std::vector<FileRecord> out;
  for (size_t i = 0; i < records.size(); ++i)
    if (present[i]) out.push_back(std::move(records[i]));
  write_file_atomic(folder / kSequenceFilesName, files_manifest_to_json(out), {false, true});
  return out;
}

VerifyReport verify_dataset(const Dataset& d, const VerifyOptions& options) {
  VerifyReport report;
  for (const SequenceEntry& e : d.manifest().sequences) {
    if (!options.sequences.empty() &&
        std::find(options.sequences.begin(), options.sequences.end(), e.name) == options.sequences.end())
      continue;
    ++report.sequences;
    const fs::path folder = d.sequence_folder(e);
    const Sequence seq = load_sequence_file(folder / kSequenceFileName);
    if (options.update) {
      record_sequence_files(folder, seq);
    }
    std::error_code ec;
    const fs::path manifest = folder / kSequenceFilesName;
    std::map<std::string, FileRecord> recorded;
    if (fs::exists(manifest, ec)) {
      for (auto& r : files_manifest_from_json(read_file_to_string(manifest), manifest.string()))
        recorded[r.path] = r;
    } else {
      report.problems.push_back({e.name, "", "no-record-file",
                                 fmt::format("{}: no {} (record it with `vantage dataset verify --update`)",
                                             folder.string(), kSequenceFilesName)});
    }
    const std::vector<std::string> paths = referenced_paths(seq);
    std::vector<std::vector<VerifyProblem>> found(paths.size());
    tbb::parallel_for(size_t(0), paths.size(), [&](size_t i) {
      std::error_code ec2;
      const fs::path p = resolve(folder, paths[i]);
      auto add = [&](const char* kind, std::string msg) { found[i].push_back({e.name, paths[i], kind, std::move(msg)}); };
      if (!fs::is_regular_file(p, ec2)) {
        add("missing", fmt::format("{}: missing (referenced by {})", p.string(), (folder / kSequenceFileName).string()));
        return;
      }
      auto it = recorded.find(paths[i]);
      if (it == recorded.end()) {
        if (fs::exists(manifest, ec2)) add("unrecorded", fmt::format("{}: no hash recorded in {}", p.string(), manifest.string()));
        return;
      }
      const uint64_t size = fs::file_size(p, ec2);
      if (size != it->second.size) {
        add("changed", fmt::format("{}: size {} differs from the recorded {}", p.string(), size, it->second.size));
        return;
      }
      const std::string hash = git::hash_file(p);
      if (hash != it->second.hash)
        add("changed", fmt::format("{}: content hash {} differs from the recorded {}", p.string(), hash, it->second.hash));
    });
    report.files += paths.size();
    for (auto& v : found)
      for (auto& p : v) report.problems.push_back(std::move(p));
  }
  return report;
}

}  // namespace vantage::core
