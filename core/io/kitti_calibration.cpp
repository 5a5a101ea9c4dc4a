#include "core/io/kitti_calibration.h"

#include <fmt/format.h>

#include <array>
#include <optional>

#include "core/io/text_fields.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

// One calibration entry: the canonical (object-form) key, its tracking-devkit
// alias, and where its values go.
struct Entry {
  const char* key;
  const char* alias;
  size_t count;
  double* values;
};

std::array<Entry, 7> entries_of(KittiCalibration& c) {
  return {{{"P0", nullptr, 12, c.P[0].data()},
           {"P1", nullptr, 12, c.P[1].data()},
           {"P2", nullptr, 12, c.P[2].data()},
           {"P3", nullptr, 12, c.P[3].data()},
           {"R0_rect", "R_rect", 9, c.R0_rect.data()},
           {"Tr_velo_to_cam", "Tr_velo_cam", 12, c.Tr_velo_to_cam.data()},
           {"Tr_imu_to_velo", "Tr_imu_velo", 12, c.Tr_imu_to_velo.data()}}};
}

}  // namespace

KittiCalibration parse_kitti_calibration(std::string_view text, const std::string& file) {
  KittiCalibration c;
  auto entries = entries_of(c);
  std::array<int, 7> seen_on{};  // line number where each key was read (0 = not yet)
  for_each_line(text, [&](int line_no, std::string_view line) {
    auto fields = split_fields(line);
    if (fields.empty()) return;
    std::string_view key = fields[0];
    if (!key.empty() && key.back() == ':') key.remove_suffix(1);
    for (size_t e = 0; e < entries.size(); ++e) {
      const Entry& entry = entries[e];
      if (key != entry.key && !(entry.alias && key == entry.alias)) continue;
      const std::string where = fmt::format("line {}", line_no);
      if (seen_on[e])
        throw FileError(file, where,
                        fmt::format("{}: given twice (first on line {})", key, seen_on[e]));
      seen_on[e] = line_no;
      if (fields.size() - 1 != entry.count)
        throw FileError(
            file, where,
            fmt::format("{}: expected {} values, found {}", key, entry.count, fields.size() - 1));
      for (size_t i = 0; i < entry.count; ++i) {
        const auto v = parse_finite_double(fields[i + 1]);
        if (!v)
          throw FileError(
              file, where,
              fmt::format("{}: value {} '{}' is not a finite number", key, i + 1, fields[i + 1]));
        entry.values[i] = *v;
      }
      return;
    }
  });
  for (size_t e = 0; e < entries.size(); ++e) {
    if (seen_on[e]) continue;
    const Entry& entry = entries[e];
    throw FileError(file, "",
                    entry.alias ? fmt::format("missing key {} (or {})", entry.key, entry.alias)
                                : fmt::format("missing key {}", entry.key));
  }
  return c;
}

KittiCalibration read_kitti_calibration(const std::filesystem::path& path) {
  return parse_kitti_calibration(read_file_to_string(path), path.string());
}

std::string format_kitti_calibration(const KittiCalibration& calibration) {
  KittiCalibration c = calibration;  // entries_of wants a mutable one
  std::string out;
  out.reserve(1700);
  auto it = std::back_inserter(out);
  for (const Entry& entry : entries_of(c)) {
    out += entry.key;
    out += ':';
    for (size_t i = 0; i < entry.count; ++i) {
      const double v = entry.values[i];
      const std::string kitti = fmt::format("{:.12e}", v);
      const auto back = parse_finite_double(kitti);
      if (back && *back == v)
        fmt::format_to(it, " {}", kitti);
      else
        fmt::format_to(it, " {}", v);
    }
    out += '\n';
  }
  out += '\n';
  return out;
}

void write_kitti_calibration(const std::filesystem::path& path, const KittiCalibration& calibration,
                             const AtomicWriteOptions& options) {
  write_file_atomic(path, format_kitti_calibration(calibration), options);
}

}  // namespace vantage::core
