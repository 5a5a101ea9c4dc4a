#include "core/io/path_policy.h"

#include <sys/stat.h>

#include <fmt/format.h>

#include <unordered_map>

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

std::vector<OutsidePath> files_outside(const Sequence& sequence, const fs::path& folder) {
  std::error_code ec;
  const fs::path base = fs::absolute(folder, ec).lexically_normal();
  fs::path root = fs::weakly_canonical(base, ec);
  if (ec || root.empty()) root = base;
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
      if (!path_is_inside(resolved, root))
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
      "workstation) if you trust this one",
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
