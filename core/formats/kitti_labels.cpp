#include "core/formats/kitti_labels.h"

#include <fmt/format.h>

#include <array>
#include <cmath>

#include "core/io/file_util.h"
#include "core/io/text_fields.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

// Column names in label_02 order; label_2 starts at "type".
constexpr std::array<const char*, 18> kTrackingColumns = {
    "frame", "track_id", "type", "truncated", "occluded", "alpha", "x1", "y1",         "x2",
    "y2",    "h",        "w",    "l",         "x",        "y",     "z",  "rotation_y", "score"};

class LineParser {
 public:
  LineParser(const std::string& file, int line, std::vector<std::string_view> fields, size_t offset)
      : file_(file), line_(line), fields_(std::move(fields)), offset_(offset) {}

  [[noreturn]] void fail(size_t i, const std::string& what) const {
    throw FileError(file_, fmt::format("line {}", line_),
                    fmt::format("column {} ({}): {}", i + 1, kTrackingColumns[i + offset_], what));
  }
  double number(size_t i) const {
    const auto v = parse_finite_double(fields_[i]);
    if (!v) fail(i, fmt::format("'{}' is not a finite number", fields_[i]));
    return *v;
  }
  long long integer(size_t i, long long lo, long long hi) const {
    const auto v = parse_integer(fields_[i]);
    if (!v) fail(i, fmt::format("'{}' is not an integer", fields_[i]));
    if (*v < lo || *v > hi) fail(i, fmt::format("{} is out of range [{}, {}]", *v, lo, hi));
    return *v;
  }
  std::string_view text(size_t i) const { return fields_[i]; }

 private:
  const std::string& file_;
  int line_;
  std::vector<std::string_view> fields_;
  size_t offset_;  // 2 for label_2 (no frame/track columns)
};

}  // namespace

bool KittiLabel::has_3d() const {
  return !is_dont_care() && height > 0 && width > 0 && length > 0;
}

std::vector<KittiLabel> parse_kitti_labels(std::string_view text, KittiLabelKind kind,
                                           const std::string& file) {
  const bool tracking = kind == KittiLabelKind::Tracking;
  const size_t base = tracking ? 17 : 15;
  std::vector<KittiLabel> out;
  for_each_line(text, [&](int line_no, std::string_view line) {
    auto fields = split_fields(line);
    if (fields.empty()) return;
    if (fields.size() != base && fields.size() != base + 1)
      throw FileError(
          file, fmt::format("line {}", line_no),
          fmt::format("expected {} or {} columns ({}type truncated occluded alpha x1 y1 "
                      "x2 y2 h w l x y z rotation_y [score]), found {}",
                      base, base + 1, tracking ? "frame track_id " : "", fields.size()));
    const size_t has_score = fields.size() == base + 1;
    LineParser p(file, line_no, std::move(fields), tracking ? 0 : 2);
    KittiLabel l;
    size_t i = 0;
    if (tracking) {
      l.frame = static_cast<int>(p.integer(i++, 0, 100000000));
      l.track_id = p.integer(i++, -1, int64_t{1} << 53);
    }
    l.type = std::string(p.text(i++));
    l.truncated = p.number(i++);
    l.occluded = static_cast<int>(p.integer(i++, -1, 3));
    l.alpha = p.number(i++);
    l.box.x1 = p.number(i++);
    l.box.y1 = p.number(i++);
    l.box.x2 = p.number(i++);
    l.box.y2 = p.number(i++);
    l.height = p.number(i++);
    l.width = p.number(i++);
    l.length = p.number(i++);
    l.location.x = p.number(i++);
    l.location.y = p.number(i++);
    l.location.z = p.number(i++);
    l.rotation_y = p.number(i++);
    if (has_score) l.score = p.number(i++);
    out.push_back(std::move(l));
  });
  return out;
}

std::vector<KittiLabel> read_kitti_labels(const std::filesystem::path& path, KittiLabelKind kind) {
  return parse_kitti_labels(read_file_to_string(path), kind, path.string());
}

namespace {

bool is_integral(double v) {
  return std::floor(v) == v && std::abs(v) < 1e15;
}

void append_shortest(std::string& out, double v) {
  fmt::format_to(std::back_inserter(out), "{}", v);
}

void append_decimals12(std::string& out, double v) {
  const size_t start = out.size();
  fmt::format_to(std::back_inserter(out), "{:.12f}", v);
  if (out.find('.', start) == std::string::npos) return;  // inf/nan
  while (out.back() == '0')
    out.pop_back();
  if (out.back() == '.') out.pop_back();
  if (out.compare(start, std::string::npos, "-0") == 0) out.erase(start, 1);
}

}  // namespace

std::string format_kitti_label(const KittiLabel& l, KittiLabelKind kind,
                               const KittiLabelWriteOptions& options) {
  const bool tracking = kind == KittiLabelKind::Tracking;
  const bool dataset = options.style == KittiNumberStyle::Dataset;
  const bool decimals12 = options.style == KittiNumberStyle::Decimals12;
  std::string out;
  out.reserve(160);
  auto it = std::back_inserter(out);
  // `invalid_style`: label_2 writes DontCare's placeholder values as integers.
  auto num = [&](double v, bool integer_placeholder = false) {
    out += ' ';
    if (decimals12)
      append_decimals12(out, v);
    else if (!dataset || (integer_placeholder && is_integral(v)))
      append_shortest(out, v);
    else if (tracking)
      fmt::format_to(it, "{:f}", v);
    else
      fmt::format_to(it, "{:.2f}", v);
  };
  if (tracking) fmt::format_to(it, "{} {} ", l.frame, l.track_id);
  out += l.type;
  const bool dc_placeholders = !tracking && l.is_dont_care();
  if (tracking && is_integral(l.truncated))
    fmt::format_to(it, " {}", static_cast<long long>(l.truncated));
  else
    num(l.truncated, dc_placeholders);
  fmt::format_to(it, " {}", l.occluded);
  num(l.alpha, dc_placeholders);
  num(l.box.x1);
  num(l.box.y1);
  num(l.box.x2);
  num(l.box.y2);
  for (double v :
       {l.height, l.width, l.length, l.location.x, l.location.y, l.location.z, l.rotation_y})
    num(v, dc_placeholders);
  if (l.score) {
    out += ' ';
    append_shortest(out, *l.score);
  }
  return out;
}

std::string format_kitti_labels(const std::vector<KittiLabel>& labels, KittiLabelKind kind,
                                const KittiLabelWriteOptions& options) {
  std::string out;
  out.reserve(labels.size() * 120);
  for (const KittiLabel& l : labels) {
    out += format_kitti_label(l, kind, options);
    out += '\n';
  }
  return out;
}

void write_kitti_labels(const std::filesystem::path& path, const std::vector<KittiLabel>& labels,
                        KittiLabelKind kind, const KittiLabelWriteOptions& options) {
  write_file_atomic(path, format_kitti_labels(labels, kind, options), options.file);
}

KittiLabel kitti_dont_care_label(KittiLabelKind kind, const Box2D& box, int frame) {
  KittiLabel l;
  l.type = "DontCare";
  l.box = box;
  l.truncated = -1;
  l.occluded = -1;
  l.alpha = -10;
  if (kind == KittiLabelKind::Tracking) {
    // The tracking ground truth's own placeholders (every DontCare row of
    // label_02 reads "-1000 -1000 -1000 -10 -1 -1 -1").
    l.frame = frame;
    l.track_id = -1;
    l.height = l.width = l.length = -1000;
    l.location = Vec3{-10, -1, -1};
    l.rotation_y = -1;
  } else {
    l.height = l.width = l.length = -1;
    l.location = Vec3{-1000.0};
    l.rotation_y = -10;
  }
  return l;
}

}  // namespace vantage::core
