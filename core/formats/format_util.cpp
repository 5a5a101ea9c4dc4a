#include "core/formats/format_util.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <opencv2/imgcodecs.hpp>

#include "core/io/file_util.h"

namespace vantage::core {

namespace fs = std::filesystem;

void append_double(std::string& out, double v) {
  if (v == 0.0) v = 0.0;  // no "-0"
  fmt::format_to(std::back_inserter(out), "{}", v);
}

std::string format_double(double v) {
  std::string s;
  append_double(s, v);
  return s;
}

void append_fixed(std::string& out, double v, int decimals) {
  const size_t start = out.size();
  fmt::format_to(std::back_inserter(out), "{:.{}f}", v, decimals);
  // "-0.00" -> "0.00"
  if (out[start] == '-' && std::all_of(out.begin() + static_cast<std::ptrdiff_t>(start) + 1,
                                       out.end(), [](char c) { return c == '0' || c == '.'; }))
    out.erase(start, 1);
}

bool parse_double(std::string_view s, double& out) {
  if (s.empty()) return false;
  if (s.front() == '+') s.remove_prefix(1);
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && p == end && std::isfinite(out);
}

bool parse_int(std::string_view s, int64_t& out) {
  if (s.empty()) return false;
  if (s.front() == '+') s.remove_prefix(1);
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && p == end;
}

void split_ws(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])))
      ++i;
    const size_t start = i;
    while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i])))
      ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = text.substr(start, nl - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    start = nl + 1;
  }
  return lines;
}

bool far_outside_image(const Box2D& b, int w, int h) {
  if (!std::isfinite(b.x1) || !std::isfinite(b.y1) || !std::isfinite(b.x2) || !std::isfinite(b.y2))
    return true;
  constexpr double kSizes = 64.0;
  return (w > 0 && (b.x1 < -kSizes * w || b.x2 > (kSizes + 1) * w)) ||
         (h > 0 && (b.y1 < -kSizes * h || b.y2 > (kSizes + 1) * h));
}

std::string line_location(size_t line_number) {
  return fmt::format("line {}", line_number);
}

void write_export_file(const fs::path& path, std::string_view content, FormatReport& report) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec)
    throw Error(
        fmt::format("{}: cannot create folder: {}", path.parent_path().string(), ec.message()));
  AtomicWriteOptions o;
  o.keep_backup = false;
  o.sync = false;
  write_file_atomic(path, content, o);
  report.files_written.push_back(path);
}

void copy_export_image(const fs::path& src, const fs::path& dst, FormatReport& report) {
  std::error_code ec;
  if (src.empty() || !fs::is_regular_file(src, ec)) {
    report.note("images not copied", "their files are missing");
    return;
  }
  fs::create_directories(dst.parent_path(), ec);
  fs::remove(dst, ec);
  ec.clear();
  fs::create_hard_link(src, dst, ec);
  if (ec) {
    ec.clear();
    fs::copy_file(src, dst, fs::copy_options::overwrite_existing, ec);
    if (ec)
      throw Error(
          fmt::format("{}: cannot copy to {}: {}", src.string(), dst.string(), ec.message()));
  }
  report.files_written.push_back(dst);
}

std::optional<std::pair<int, int>> probe_image_size(const fs::path& path) {
  std::error_code ec;
  if (path.empty() || !fs::is_regular_file(path, ec)) return std::nullopt;
  try {
    const cv::Mat m = cv::imread(path.string(), cv::IMREAD_UNCHANGED);
    if (m.empty()) return std::nullopt;
    return std::make_pair(m.cols, m.rows);
  } catch (const cv::Exception&) {
    return std::nullopt;
  }
}

fs::path image_path(const Document& doc, int frame, const std::string& camera) {
  if (frame < 0 || frame >= doc.sequence.frame_count()) return {};
  const Frame& fr = doc.sequence.frames[static_cast<size_t>(frame)];
  const auto it = fr.files.find(camera);
  if (it == fr.files.end()) return {};
  fs::path p(it->second);
  if (p.is_relative() && !doc.folder.empty()) p = doc.folder / p;
  return p;
}

std::string safe_file_name(std::string name) {
  for (char& c : name)
    if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';
  if (name.empty()) return "_";
  if (name.front() == '.') name.front() = '_';  // ".", "..", hidden files
  return name;
}

std::string image_label_stem(int frame, const std::string& camera, bool several_cameras) {
  // The camera name becomes a folder: it must stay one folder inside the
  // export, whatever the sequence calls its cameras.
  return several_cameras ? fmt::format("{}/{:06d}", safe_file_name(camera), frame)
                         : fmt::format("{:06d}", frame);
}

std::vector<fs::path> files_with_extension(const fs::path& dir, const std::string& ext) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string e = it->path().extension().string();
    std::transform(e.begin(), e.end(), e.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (e == ext) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string iso_date(int64_t unix_ms) {
  const std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

}  // namespace vantage::core
