#include "core/io/path_policy.h"

#include <sys/stat.h>

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <unordered_map>

#include "core/io/file_util.h"

namespace vantage::core {

namespace fs = std::filesystem;

bool path_is_inside(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

namespace {

fs::path real_path(const fs::path& p) {
  std::error_code ec;
  const fs::path abs = fs::absolute(p, ec).lexically_normal();
  fs::path real = fs::weakly_canonical(abs, ec);
  return ec || real.empty() ? abs : real;
}

std::vector<fs::path> read_trusted(const fs::path& file) {
  std::vector<fs::path> roots;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && fs::path(line).is_absolute()) roots.emplace_back(line);
  return roots;
}

}  // namespace

fs::path trusted_data_file() {
  fs::path dir;
  if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x)
    dir = fs::path(x) / "vantage";
  else if (const char* h = std::getenv("HOME"); h && *h)
    dir = fs::path(h) / ".local" / "state" / "vantage";
  else
    dir = fs::temp_directory_path() / "vantage-state";
  return dir / "trusted-data";
}

std::vector<fs::path> trusted_data_roots() {
  return read_trusted(trusted_data_file());
}

void trust_data_root(const fs::path& data_root) {
  const fs::path file = trusted_data_file();
  std::vector<fs::path> roots = read_trusted(file);
  const fs::path real = real_path(data_root);
  for (const fs::path& r : roots)
    if (path_is_inside(real, r)) return;  // that folder or one above it
  roots.push_back(real);
  std::string text;
  for (const fs::path& r : roots) text += r.string() + "\n";
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  write_file_atomic(file, text);
}

void trust_data_outside(const Sequence& sequence, const fs::path& folder,
                        const fs::path& source_folder) {
  const fs::path src = source_folder.empty() ? fs::path() : real_path(source_folder);
  // Files the source folder held are trusted by that folder (they may not
  // exist yet: frames still to come). Others only by the folders of files
  // that exist, and never a file system root: a missing "/x.bin" must not
  // make the whole disk trusted.
  bool from_source = false;
  std::set<fs::path> parents;
  std::error_code ec;
  for (const OutsidePath& o : files_outside(sequence, folder)) {
    if (!src.empty() && path_is_inside(o.resolved, src)) {
      from_source = true;
      continue;
    }
    const fs::path parent = o.resolved.parent_path();
    if (parent.empty() || parent == parent.root_path()) continue;
    if (fs::is_regular_file(o.resolved, ec)) parents.insert(parent);
  }
  if (from_source && src != src.root_path()) trust_data_root(src);
  for (const fs::path& p : parents) trust_data_root(p);
}

std::vector<OutsidePath> files_outside(const Sequence& sequence, const fs::path& folder) {
  std::error_code ec;
  const fs::path base = fs::absolute(folder, ec).lexically_normal();
  fs::path root = fs::weakly_canonical(base, ec);
  if (ec || root.empty()) root = base;
  const std::vector<fs::path> trusted = trusted_data_roots();
  const auto inside = [&](const fs::path& p) {
    if (path_is_inside(p, root)) return true;
    for (const fs::path& t : trusted)
      if (path_is_inside(p, t)) return true;
    return false;
  };
  // Real path of each distinct parent folder (few: image_2/, velodyne/, ...).
  std::unordered_map<std::string, fs::path> parents;
  std::vector<OutsidePath> out;
  for (size_t f = 0; f < sequence.frames.size(); ++f) {
    for (const auto& [sensor, file] : sequence.frames[f].files) {
      const fs::path p = fs::path(file).is_absolute() ? fs::path(file) : base / file;
      const fs::path normal = p.lexically_normal();
      const std::string parent_key = normal.parent_path().string();
      auto it = parents.find(parent_key);
      if (it == parents.end()) {
        fs::path real = fs::weakly_canonical(normal.parent_path(), ec);
        if (ec || real.empty()) real = normal.parent_path();
        it = parents.emplace(parent_key, std::move(real)).first;
      }
      fs::path resolved = it->second / normal.filename();
      // The file itself may be a link that leads out.
      struct stat st {};
      if (::lstat(resolved.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
        const fs::path real = fs::weakly_canonical(resolved, ec);
        if (!ec && !real.empty()) resolved = real;
      }
      if (!inside(resolved))
        out.push_back({static_cast<int>(f), sensor, file, resolved});
    }
  }
  return out;
}

namespace {

std::string describe(const std::vector<OutsidePath>& outside) {
  const OutsidePath& o = outside.front();
  return fmt::format(
      "names data outside its folder: frame {}, sensor {}: '{}' leads to {}{}. Sequence files "
      "from others may point anywhere; open with --allow-outside (or confirm in the "
      "workstation) if you trust this one; after cloning a dataset, `vantage dataset trust` "
      "trusts its recorded sources",
      o.frame, o.sensor, o.file, o.resolved.string(),
      outside.size() > 1 ? fmt::format(" (and {} more file(s))", outside.size() - 1) : "");
}

}  // namespace

OutsideDataError::OutsideDataError(const std::string& file, std::vector<OutsidePath> outside)
    : FileError(file,
                outside.empty() ? std::string()
                                : fmt::format("/frames/{}/files/{}", outside.front().frame,
                                              outside.front().sensor),
                outside.empty() ? std::string("names data outside its folder") : describe(outside)),
      outside_(std::move(outside)) {}

void check_files_inside(const Sequence& sequence, const fs::path& folder,
                        const std::string& file_label) {
  std::vector<OutsidePath> outside = files_outside(sequence, folder);
  if (!outside.empty()) throw OutsideDataError(file_label, std::move(outside));
}

}  // namespace vantage::core
