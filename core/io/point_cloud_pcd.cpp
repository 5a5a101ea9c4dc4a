// PCD v0.7 (PCL's format): header lines, then ascii, binary (interleaved
// records) or binary_compressed (LZF over column-major data) point data.
//
// [SECTION] header
// [SECTION] reader
// [SECTION] writer
#include <lzf.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <iterator>
#include <memory>
#include <vector>

#include "core/io/file_util.h"
#include "core/io/lzf_decode.h"
#include "core/io/point_cloud_fields.h"
#include "core/io/point_cloud_io.h"
#include "core/io/raw_file.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

using pc::Scalar;

// --- [SECTION] header -------------------------------------------------------

enum class PcdData { Ascii, Binary, Compressed };

struct PcdField {
  std::string name;
  char type = 'F';
  int size = 4;
  int count = 1;
  Scalar scalar = Scalar::F32;
  size_t offset = 0;  // within a record
};

struct PcdHeader {
  std::vector<PcdField> fields;
  size_t stride = 0;  // bytes per point
  uint64_t points = 0;
  PcdData data = PcdData::Binary;
  uint64_t data_offset = 0;
  size_t data_line = 0;  // line after DATA (ASCII error messages)
};

std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
      ++i;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t')
      ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::optional<Scalar> scalar_for(char type, int size) {
  switch (type) {
    case 'F':
      if (size == 4) return Scalar::F32;
      if (size == 8) return Scalar::F64;
      return std::nullopt;
    case 'I':
      if (size == 1) return Scalar::I8;
      if (size == 2) return Scalar::I16;
      if (size == 4) return Scalar::I32;
      if (size == 8) return Scalar::I64;
      return std::nullopt;
    case 'U':
      if (size == 1) return Scalar::U8;
      if (size == 2) return Scalar::U16;
      if (size == 4) return Scalar::U32;
      if (size == 8) return Scalar::U64;
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

// Reads the header from the start of the file (growing the read until the
// DATA line is found).
PcdHeader parse_pcd_header(const RawFile& file) {
  const std::string& name = file.name();
  std::string head;
  size_t want = 4096;
  size_t data_end = std::string::npos;  // end of the DATA line
  size_t line_no = 0;
  PcdHeader h;
  std::vector<std::string_view> fields, sizes, types, counts;
  size_t fields_line = 0, sizes_line = 0, types_line = 0, counts_line = 0;
  std::optional<uint64_t> width, height, points;
  size_t width_line = 0, points_line = 0;
  std::string data_kind;
  size_t data_line = 0;

  auto number = [&](std::string_view tok, size_t line, const char* key) {
    uint64_t v;
    if (!pc::parse_u64(tok, v))
      throw FileError(name, fmt::format("line {}", line),
                      fmt::format("{} '{}' is not a non-negative integer", key, tok.substr(0, 40)));
    return v;
  };

  // Keep the head string alive: the word views point into it.
  for (;;) {
    head.resize(std::min<uint64_t>(want, file.size()));
    head.resize(file.read_at(0, head.data(), head.size()));
    size_t pos = 0;
    line_no = 0;
    fields.clear(), sizes.clear(), types.clear(), counts.clear();
    width.reset(), height.reset(), points.reset();
    data_kind.clear();
    bool complete = false;
    while (pos < head.size()) {
      const size_t nl = head.find('\n', pos);
      if (nl == std::string::npos && head.size() < file.size()) break;  // need more
      const size_t end = nl == std::string::npos ? head.size() : nl;
      std::string_view line(head.data() + pos, end - pos);
      pos = nl == std::string::npos ? head.size() : nl + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      auto words = split_words(line);
      if (words.empty() || words[0][0] == '#') continue;
      const std::string key = upper(words[0]);
      std::vector<std::string_view> rest(words.begin() + 1, words.end());
      if (key == "VERSION" || key == "VIEWPOINT") {
        continue;
      } else if (key == "FIELDS" || key == "COLUMNS") {
        fields = rest, fields_line = line_no;
      } else if (key == "SIZE") {
        sizes = rest, sizes_line = line_no;
      } else if (key == "TYPE") {
        types = rest, types_line = line_no;
      } else if (key == "COUNT") {
        counts = rest, counts_line = line_no;
      } else if (key == "WIDTH" && rest.size() == 1) {
        width = number(rest[0], line_no, "WIDTH"), width_line = line_no;
      } else if (key == "HEIGHT" && rest.size() == 1) {
        height = number(rest[0], line_no, "HEIGHT");
      } else if (key == "POINTS" && rest.size() == 1) {
        points = number(rest[0], line_no, "POINTS"), points_line = line_no;
      } else if (key == "DATA") {
        data_kind = rest.empty() ? std::string() : std::string(rest[0]);
        data_line = line_no;
        data_end = pos;
        complete = true;
        break;
      } else if (key == "WIDTH" || key == "HEIGHT" || key == "POINTS") {
        throw FileError(name, fmt::format("line {}", line_no),
                        fmt::format("{} takes one value", key));
      } else {
        // Tolerate unknown keywords from other writers, but not binary junk.
        if (!std::all_of(words[0].begin(), words[0].end(), [](char c) {
              return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            }))
          throw FileError(name, fmt::format("line {}", line_no),
                          "not a PCD header line (expected FIELDS, SIZE, TYPE, COUNT, WIDTH, "
                          "HEIGHT, VIEWPOINT, POINTS or DATA)");
      }
    }
    if (complete) break;
    if (head.size() >= file.size() || want >= (size_t(64) << 20))
      throw FileError(name, "header", "no DATA line: not a PCD file or a truncated header");
    want *= 4;
  }

  if (fields.empty()) throw FileError(name, "header", "no FIELDS line");
  if (sizes.size() != fields.size())
    throw FileError(name, fmt::format("line {}", sizes_line ? sizes_line : data_line),
                    sizes.empty() ? std::string("no SIZE line")
                                  : fmt::format("SIZE has {} values but FIELDS names {} fields",
                                                sizes.size(), fields.size()));
  if (types.size() != fields.size())
    throw FileError(name, fmt::format("line {}", types_line ? types_line : data_line),
                    types.empty() ? std::string("no TYPE line")
                                  : fmt::format("TYPE has {} values but FIELDS names {} fields",
                                                types.size(), fields.size()));
  if (!counts.empty() && counts.size() != fields.size())
    throw FileError(name, fmt::format("line {}", counts_line),
                    fmt::format("COUNT has {} values but FIELDS names {} fields", counts.size(),
                                fields.size()));
  size_t offset = 0;
  for (size_t i = 0; i < fields.size(); ++i) {
    PcdField f;
    f.name = std::string(fields[i]);
    uint64_t size = 0, count = 1;
    if (!pc::parse_u64(sizes[i], size) || size > 8)
      throw FileError(name, fmt::format("line {}", sizes_line),
                      fmt::format("field '{}': SIZE '{}' is not 1, 2, 4 or 8", f.name, sizes[i]));
    if (!counts.empty() && (!pc::parse_u64(counts[i], count) || count < 1 || count > 1000000))
      throw FileError(
          name, fmt::format("line {}", counts_line),
          fmt::format("field '{}': COUNT '{}' is not a positive integer", f.name, counts[i]));
    f.size = static_cast<int>(size);
    f.count = static_cast<int>(count);
    f.type = types[i].size() == 1 ? static_cast<char>(std::toupper(types[i][0])) : '?';
    if (f.type != 'F' && f.type != 'I' && f.type != 'U')
      throw FileError(
          name, fmt::format("line {}", types_line),
          fmt::format("field '{}': unknown TYPE '{}' (expected F, I or U)", f.name, types[i]));
    const auto scalar = scalar_for(f.type, f.size);
    if (!scalar)
      throw FileError(name, fmt::format("line {}", types_line),
                      fmt::format("field '{}': TYPE {} with SIZE {} is not supported (F takes 4 or "
                                  "8 bytes; I and U take 1, 2, 4 or 8)",
                                  f.name, f.type, f.size));
    f.scalar = *scalar;
    f.offset = offset;
    offset += static_cast<size_t>(f.size) * static_cast<size_t>(f.count);
    h.fields.push_back(std::move(f));
  }
  h.stride = offset;

  bool has_x = false, has_y = false, has_z = false;
  for (const auto& f : h.fields) {
    const auto t = pc::target_for_field(f.name);
    has_x |= t == pc::Target::X, has_y |= t == pc::Target::Y, has_z |= t == pc::Target::Z;
  }
  if (!has_x || !has_y || !has_z)
    throw FileError(name, fmt::format("line {}", fields_line),
                    "FIELDS has no x, y and z: not a point cloud this reader can show");

  if (points) {
    h.points = *points;
    if (width && *width * height.value_or(1) != *points)
      throw FileError(name, fmt::format("line {}", points_line),
                      fmt::format("POINTS {} does not match WIDTH x HEIGHT = {} x {}", *points,
                                  *width, height.value_or(1)));
  } else if (width) {
    h.points = *width * height.value_or(1);
    (void)width_line;
  } else {
    throw FileError(name, "header", "neither POINTS nor WIDTH says how many points there are");
  }

  const std::string kind = [&] {
    std::string k = data_kind;
    for (char& c : k)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return k;
  }();
  if (kind == "ascii")
    h.data = PcdData::Ascii;
  else if (kind == "binary")
    h.data = PcdData::Binary;
  else if (kind == "binary_compressed")
    h.data = PcdData::Compressed;
  else
    throw FileError(name, fmt::format("line {}", data_line),
                    fmt::format("DATA '{}' is not ascii, binary or binary_compressed", data_kind));
  h.data_offset = data_end;
  h.data_line = data_line + 1;
  return h;
}

pc::ColumnSet interleaved_columns(const PcdHeader& h) {
  pc::ColumnSet cs;
  for (const auto& f : h.fields)
    cs.set(pc::target_for_field(f.name), {f.scalar, f.offset, h.stride});
  return cs;
}

// --- [SECTION] reader -------------------------------------------------------

void read_binary(const RawFile& file, const PcdHeader& h, PointCloud& cloud) {
  const uint64_t available = file.size() - std::min(file.size(), h.data_offset);
  if (h.stride && h.points > available / h.stride)
    throw FileError(file.name(), fmt::format("byte {}", h.data_offset),
                    fmt::format("POINTS {} of {} bytes each need {} bytes of binary data, but only "
                                "{} bytes follow the header",
                                h.points, h.stride, h.points * h.stride, available));
  const size_t n = static_cast<size_t>(h.points);
  const size_t bytes = n * h.stride;
  const pc::ColumnSet cs = interleaved_columns(h);
  if (h.stride == 16 && cs.x && cs.x->offset == 0 && cs.y->offset == 4 && cs.z->offset == 8 &&
      cs.intensity && cs.intensity->offset == 12 && cs.x->type == Scalar::F32 &&
      cs.y->type == Scalar::F32 && cs.z->type == Scalar::F32 && cs.intensity->type == Scalar::F32) {
    // x y z intensity as float32: the records are PointCloud::points.
    cloud.points.resize(n);
    cloud.has_intensity = true;
    file.read_exact(h.data_offset, cloud.points.data(), bytes, "binary point data");
    return;
  }
  std::unique_ptr<char[]> data(new char[bytes ? bytes : 1]);
  file.read_exact(h.data_offset, data.get(), bytes, "binary point data");
  pc::convert_columns(data.get(), n, cs, false, cloud);
}

// Four float columns read as points: an iterator over them, so the points
// vector is built in one pass without being zero-filled first.
struct XyziColumns {
  using iterator_category = std::random_access_iterator_tag;
  using value_type = glm::vec4;
  using difference_type = std::ptrdiff_t;
  using pointer = const glm::vec4*;
  using reference = glm::vec4;
  const float *x, *y, *z, *w;
  size_t i;
  glm::vec4 operator*() const { return {x[i], y[i], z[i], w[i]}; }
  glm::vec4 operator[](difference_type k) const { return *(*this + k); }
  XyziColumns& operator++() { return ++i, *this; }
  XyziColumns operator++(int) { XyziColumns t = *this; ++i; return t; }
  XyziColumns& operator--() { return --i, *this; }
  XyziColumns operator--(int) { XyziColumns t = *this; --i; return t; }
  XyziColumns& operator+=(difference_type k) { return i += size_t(k), *this; }
  XyziColumns& operator-=(difference_type k) { return i -= size_t(k), *this; }
  XyziColumns operator+(difference_type k) const { XyziColumns t = *this; return t += k; }
  XyziColumns operator-(difference_type k) const { XyziColumns t = *this; return t -= k; }
  difference_type operator-(const XyziColumns& o) const { return difference_type(i) - difference_type(o.i); }
  bool operator==(const XyziColumns& o) const { return i == o.i; }
  bool operator!=(const XyziColumns& o) const { return i != o.i; }
  bool operator<(const XyziColumns& o) const { return i < o.i; }
};

// FIELDS x y z intensity, each one float32: the layout of nearly every
// LiDAR PCD (PCL's PointXYZI).
bool columns_are_xyzi(const PcdHeader& h) {
  if (h.fields.size() != 4) return false;
  const char* names[4] = {"x", "y", "z", "intensity"};
  for (size_t i = 0; i < 4; ++i) {
    const auto& f = h.fields[i];
    if (f.name != names[i] || f.scalar != Scalar::F32 || f.size != 4 || f.count != 1 ||
        f.offset != 4 * i)
      return false;
  }
  return true;
}

void read_compressed(const RawFile& file, const PcdHeader& h, PointCloud& cloud) {
  uint32_t sizes[2];
  file.read_exact(h.data_offset, sizes, sizeof sizes, "binary_compressed size words");
  const uint32_t compressed = sizes[0], uncompressed = sizes[1];
  const uint64_t expected =
      h.stride && h.points > UINT32_MAX / h.stride ? UINT64_MAX : h.points * h.stride;
  if (uncompressed != expected)
    throw FileError(file.name(), fmt::format("byte {}", h.data_offset + 4),
                    fmt::format("uncompressed size {} does not match POINTS {} x {} bytes per "
                                "point = {}",
                                uncompressed, h.points, h.stride, expected));
  const uint64_t left = file.size() - (h.data_offset + 8);
  if (compressed > left)
    throw FileError(file.name(), fmt::format("byte {}", h.data_offset),
                    fmt::format("compressed size {} exceeds the {} bytes left in the file "
                                "(truncated?)",
                                compressed, left));
  // LZF expands at most 88:1 (a 3-byte back reference covers 264 bytes).
  if (uncompressed / 88 > uint64_t{compressed} + 16)
    throw FileError(file.name(), fmt::format("byte {}", h.data_offset),
                    fmt::format("compressed size {} cannot hold {} bytes of LZF data: corrupt "
                                "size words",
                                compressed, uncompressed));
  const size_t n = static_cast<size_t>(h.points);
  // Buffers reused across reads on this thread (the frame cache's workers
  // read one sweep after another): no page faults for fresh megabytes.
  // Both have slack past their ends for the decoder's word copies.
  thread_local std::vector<char> packed, data;
  if (packed.size() < compressed + kLzfSlack) packed.resize(compressed + kLzfSlack);
  if (data.size() < uncompressed + kLzfSlack) data.resize(uncompressed + kLzfSlack);
  file.read_exact(h.data_offset + 8, packed.data(), compressed, "compressed point data");
  if (uncompressed) {
    const size_t got = lzf_decode(packed.data(), compressed, packed.size(), data.data(),
                                  uncompressed, data.size());
    if (got != uncompressed)
      throw FileError(file.name(), fmt::format("byte {}", h.data_offset + 8),
                      got == 0
                          ? std::string("corrupt LZF data: cannot decompress the point data")
                          : fmt::format("corrupt LZF data: decompressed to {} bytes, expected {}",
                                        got, uncompressed));
  }
  // Column-major: all values of field 0, then all of field 1, ...
  if (columns_are_xyzi(h)) {
    // x, y, z, intensity as float32 columns: one pass that writes each point
    // once and reads four sequential streams.
    cloud.ring.clear();
    cloud.rgb.clear();
    cloud.has_intensity = true;
    const char* base = data.data();
    const XyziColumns cols{reinterpret_cast<const float*>(base + h.fields[0].offset * n),
                           reinterpret_cast<const float*>(base + h.fields[1].offset * n),
                           reinterpret_cast<const float*>(base + h.fields[2].offset * n),
                           reinterpret_cast<const float*>(base + h.fields[3].offset * n), 0};
    // Built straight from the columns: no zero-filled vector first.
    XyziColumns end = cols;
    end.i = n;
    cloud.points.assign(cols, end);
    return;
  }
  pc::ColumnSet cs;
  for (const auto& f : h.fields)
    cs.set(pc::target_for_field(f.name),
           {f.scalar, f.offset * n, static_cast<size_t>(f.size) * static_cast<size_t>(f.count)});
  pc::convert_columns(data.data(), n, cs, false, cloud);
}

void read_ascii(const RawFile& file, const PcdHeader& h, PointCloud& cloud) {
  const std::string text = file.read_rest(h.data_offset);
  std::vector<pc::AsciiSlot> slots;
  std::vector<bool> seen(10, false);
  for (const auto& f : h.fields) {
    auto t = pc::target_for_field(f.name);
    // The first field of a kind wins, as in binary data.
    if (seen[static_cast<size_t>(t)]) t = pc::Target::None;
    if (t != pc::Target::None) seen[static_cast<size_t>(t)] = true;
    for (int c = 0; c < f.count; ++c)
      slots.push_back({c == 0 ? t : pc::Target::None, f.scalar, f.name});
  }
  pc::TextCursor cursor(text.data(), text.data() + text.size(), h.data_line);
  if (h.points > text.size())  // every value takes at least two characters
    throw FileError(file.name(), fmt::format("line {}", h.data_line),
                    fmt::format("POINTS {} is more than the {} bytes of ASCII data can hold",
                                h.points, text.size()));
  pc::parse_ascii_points(cursor, static_cast<size_t>(h.points), slots, file.name(), cloud);
}

}  // namespace

PointCloud read_pcd(const std::filesystem::path& path) {
  RawFile file(path);
  const PcdHeader h = parse_pcd_header(file);
  PointCloud cloud;
  switch (h.data) {
    case PcdData::Binary:
      read_binary(file, h, cloud);
      break;
    case PcdData::Compressed:
      read_compressed(file, h, cloud);
      break;
    case PcdData::Ascii:
      read_ascii(file, h, cloud);
      break;
  }
  return cloud;
}

// --- [SECTION] writer -------------------------------------------------------

namespace {

struct OutField {
  const char* name;
  char type;
  int size;
};

void append_float(std::string& out, float v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

template <class T>
void append_int(std::string& out, T v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

}  // namespace

void write_pcd(const std::filesystem::path& path, const PointCloud& cloud,
               const std::string& encoding) {
  const size_t n = cloud.size();
  if (!cloud.ring.empty() && cloud.ring.size() != n)
    throw Error(fmt::format("{}: cannot write PCD: {} ring values for {} points", path.string(),
                            cloud.ring.size(), n));
  if (!cloud.rgb.empty() && cloud.rgb.size() != n)
    throw Error(fmt::format("{}: cannot write PCD: {} colours for {} points", path.string(),
                            cloud.rgb.size(), n));
  if (encoding != "ascii" && encoding != "binary" && encoding != "binary_compressed")
    throw Error(fmt::format("{}: unknown PCD encoding '{}' (ascii, binary or binary_compressed)",
                            path.string(), encoding));
  const bool ring = !cloud.ring.empty(), rgb = !cloud.rgb.empty(), inten = cloud.has_intensity;
  // rgb as a packed float32 as PCL writes PointXYZRGB.
  std::vector<OutField> fields = {{"x", 'F', 4}, {"y", 'F', 4}, {"z", 'F', 4}};
  if (inten) fields.push_back({"intensity", 'F', 4});
  if (ring) fields.push_back({"ring", 'U', 2});
  if (rgb) fields.push_back({"rgb", 'F', 4});
  size_t stride = 0;
  for (const auto& f : fields)
    stride += static_cast<size_t>(f.size);

  std::string out = "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\nFIELDS";
  for (const auto& f : fields)
    out += fmt::format(" {}", f.name);
  out += "\nSIZE";
  for (const auto& f : fields)
    out += fmt::format(" {}", f.size);
  out += "\nTYPE";
  for (const auto& f : fields)
    out += fmt::format(" {}", f.type);
  out += "\nCOUNT";
  for (size_t i = 0; i < fields.size(); ++i)
    out += " 1";
  out += fmt::format("\nWIDTH {}\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS {}\nDATA {}\n", n, n,
                     encoding);

  if (encoding == "ascii") {
    out.reserve(out.size() + n * 48);
    for (size_t i = 0; i < n; ++i) {
      const glm::vec4& p = cloud.points[i];
      append_float(out, p.x), out += ' ';
      append_float(out, p.y), out += ' ';
      append_float(out, p.z);
      if (inten) out += ' ', append_float(out, p.w);
      if (ring) out += ' ', append_int(out, cloud.ring[i]);
      // PCL writes the packed rgb float as its integer bits in ASCII.
      if (rgb) out += ' ', append_int(out, cloud.rgb[i]);
      out += '\n';
    }
  } else {
    std::string data(n * stride, '\0');
    const bool columns = encoding == "binary_compressed";
    size_t field_offset = 0;
    for (const auto& f : fields) {
      const size_t fs = static_cast<size_t>(f.size);
      for (size_t i = 0; i < n; ++i) {
        char* dst = data.data() + (columns ? field_offset * n + i * fs : i * stride + field_offset);
        const std::string_view name = f.name;
        if (name == "x")
          std::memcpy(dst, &cloud.points[i].x, 4);
        else if (name == "y")
          std::memcpy(dst, &cloud.points[i].y, 4);
        else if (name == "z")
          std::memcpy(dst, &cloud.points[i].z, 4);
        else if (name == "intensity")
          std::memcpy(dst, &cloud.points[i].w, 4);
        else if (name == "ring")
          std::memcpy(dst, &cloud.ring[i], 2);
        else
          std::memcpy(dst, &cloud.rgb[i], 4);
      }
      field_offset += fs;
    }
    if (!columns) {
      out += data;
    } else {
      const uint32_t raw = static_cast<uint32_t>(data.size());
      if (data.size() > UINT32_MAX)
        throw Error(fmt::format("{}: too many points for binary_compressed PCD", path.string()));
      std::string packed(data.size() + data.size() / 16 + 64, '\0');
      uint32_t size = 0;
      if (raw) {
        size = lzf_compress(data.data(), raw, packed.data(), static_cast<unsigned>(packed.size()));
        if (size == 0) throw Error(fmt::format("{}: LZF compression failed", path.string()));
      }
      out.append(reinterpret_cast<const char*>(&size), 4);
      out.append(reinterpret_cast<const char*>(&raw), 4);
      out.append(packed.data(), size);
    }
  }
  AtomicWriteOptions opts;
  opts.keep_backup = false;
  write_file_atomic(path, out, opts);
}

}  // namespace vantage::core
