// PLY point clouds (ascii, binary_little_endian, binary_big_endian): the
// vertex element's x y z with optional intensity, ring and colour. Other
// elements (faces, edges, ...) and properties, list properties included, are
// skipped.
//
// [SECTION] header
// [SECTION] binary
// [SECTION] ascii
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "core/io/point_cloud_fields.h"
#include "core/io/point_cloud_io.h"
#include "core/io/raw_file.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

using pc::Scalar;

// --- [SECTION] header -------------------------------------------------------

enum class PlyFormat { Ascii, BinaryLittle, BinaryBig };

struct PlyProperty {
  std::string name;
  Scalar type = Scalar::F32;
  bool list = false;
  Scalar count_type = Scalar::U8;
};

struct PlyElement {
  std::string name;
  uint64_t count = 0;
  std::vector<PlyProperty> properties;
  bool fixed() const {
    for (const auto& p : properties)
      if (p.list) return false;
    return true;
  }
  size_t stride() const {  // fixed-size elements only
    size_t s = 0;
    for (const auto& p : properties)
      s += pc::scalar_size(p.type);
    return s;
  }
};

struct PlyHeader {
  PlyFormat format = PlyFormat::Ascii;
  std::vector<PlyElement> elements;
  uint64_t data_offset = 0;
  size_t data_line = 0;
};

std::optional<Scalar> ply_type(std::string_view t) {
  if (t == "char" || t == "int8") return Scalar::I8;
  if (t == "uchar" || t == "uint8") return Scalar::U8;
  if (t == "short" || t == "int16") return Scalar::I16;
  if (t == "ushort" || t == "uint16") return Scalar::U16;
  if (t == "int" || t == "int32") return Scalar::I32;
  if (t == "uint" || t == "uint32") return Scalar::U32;
  if (t == "float" || t == "float32") return Scalar::F32;
  if (t == "double" || t == "float64") return Scalar::F64;
  return std::nullopt;
}

std::vector<std::string_view> words_of(std::string_view line) {
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

PlyHeader parse_ply_header(const std::string& name, const std::string& text) {
  PlyHeader h;
  size_t pos = 0, line_no = 0;
  bool have_format = false;
  auto type_of = [&](std::string_view t, const std::string& prop, const std::string& elem) {
    const auto s = ply_type(t);
    if (!s)
      throw FileError(name, fmt::format("line {}", line_no),
                      fmt::format("property '{}' of element '{}' has unknown type '{}' (expected "
                                  "char, uchar, short, ushort, int, uint, float, double or "
                                  "int8 ... float64)",
                                  prop, elem, t.substr(0, 40)));
    return *s;
  };
  for (;;) {
    const size_t nl = text.find('\n', pos);
    if (nl == std::string::npos)
      throw FileError(name, "header", "no end_header line: not a PLY file or a truncated header");
    std::string_view line(text.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto w = words_of(line);
    if (line_no == 1) {
      if (w.size() != 1 || w[0] != "ply")
        throw FileError(name, "line 1", "not a PLY file (the first line is not 'ply')");
      continue;
    }
    if (w.empty() || w[0] == "comment" || w[0] == "obj_info") continue;
    if (w[0] == "end_header") break;
    if (w[0] == "format") {
      if (w.size() < 2)
        throw FileError(name, fmt::format("line {}", line_no), "format line without a format");
      if (w[1] == "ascii")
        h.format = PlyFormat::Ascii;
      else if (w[1] == "binary_little_endian")
        h.format = PlyFormat::BinaryLittle;
      else if (w[1] == "binary_big_endian")
        h.format = PlyFormat::BinaryBig;
      else
        throw FileError(name, fmt::format("line {}", line_no),
                        fmt::format("unknown format '{}' (ascii, binary_little_endian or "
                                    "binary_big_endian)",
                                    w[1].substr(0, 40)));
      have_format = true;
    } else if (w[0] == "element") {
      uint64_t count = 0;
      if (w.size() != 3 || !pc::parse_u64(w[2], count))
        throw FileError(name, fmt::format("line {}", line_no),
                        "expected 'element NAME COUNT' with a non-negative integer count");
      h.elements.push_back({std::string(w[1]), count, {}});
    } else if (w[0] == "property") {
      if (h.elements.empty())
        throw FileError(name, fmt::format("line {}", line_no), "property before any element");
      PlyElement& e = h.elements.back();
      PlyProperty p;
      if (w.size() == 5 && w[1] == "list") {
        p.name = std::string(w[4]);
        p.list = true;
        p.count_type = type_of(w[2], p.name, e.name);
        if (pc::is_float(p.count_type))
          throw FileError(
              name, fmt::format("line {}", line_no),
              fmt::format("list property '{}' has a floating-point count type", p.name));
        p.type = type_of(w[3], p.name, e.name);
      } else if (w.size() == 3) {
        p.name = std::string(w[2]);
        p.type = type_of(w[1], p.name, e.name);
      } else {
        throw FileError(name, fmt::format("line {}", line_no),
                        "expected 'property TYPE NAME' or 'property list COUNT_TYPE TYPE NAME'");
      }
      e.properties.push_back(std::move(p));
    } else {
      throw FileError(name, fmt::format("line {}", line_no),
                      fmt::format("unknown header keyword '{}'", w[0].substr(0, 40)));
    }
  }
  if (!have_format) throw FileError(name, "header", "no format line");
  h.data_offset = pos;
  h.data_line = line_no + 1;
  return h;
}

pc::ColumnSet vertex_columns(const PlyElement& v, size_t stride) {
  pc::ColumnSet cs;
  size_t off = 0;
  for (const auto& p : v.properties) {
    if (!p.list) {
      cs.set(pc::target_for_field(p.name), {p.type, off, stride});
      off += pc::scalar_size(p.type);
    }
  }
  return cs;
}

// --- [SECTION] binary -------------------------------------------------------

uint64_t read_count(const char* p, Scalar t, bool swap) {
  unsigned char b[8] = {};
  const size_t n = pc::scalar_size(t);
  std::memcpy(b, p, n);
  if (swap) std::reverse(b, b + n);
  switch (t) {
    case Scalar::I8:
      return static_cast<uint64_t>(std::max<int8_t>(0, static_cast<int8_t>(b[0])));
    case Scalar::U8:
      return b[0];
    case Scalar::I16: {
      int16_t v;
      std::memcpy(&v, b, 2);
      return v < 0 ? 0 : static_cast<uint64_t>(v);
    }
    case Scalar::U16: {
      uint16_t v;
      std::memcpy(&v, b, 2);
      return v;
    }
    case Scalar::I32: {
      int32_t v;
      std::memcpy(&v, b, 4);
      return v < 0 ? 0 : static_cast<uint64_t>(v);
    }
    case Scalar::U32: {
      uint32_t v;
      std::memcpy(&v, b, 4);
      return v;
    }
    default:
      return 0;
  }
}

PointCloud read_binary(const std::string& name, const std::string& bytes, const PlyHeader& h) {
  const bool swap = h.format == PlyFormat::BinaryBig;
  const uint64_t size = bytes.size();
  uint64_t off = h.data_offset;
  auto need = [&](uint64_t at, uint64_t n, const PlyElement& e, uint64_t index) {
    if (at > size || n > size - at)
      throw FileError(name, fmt::format("byte {}", at),
                      fmt::format("file ends early: element '{}' {} of {} needs {} bytes, only {} "
                                  "left (truncated?)",
                                  e.name, index, e.count, n, at > size ? 0 : size - at));
  };
  // Walks one instance of an element with list properties; returns its size.
  auto instance_size = [&](const PlyElement& e, uint64_t at, uint64_t index) {
    uint64_t p = at;
    for (const auto& prop : e.properties) {
      if (!prop.list) {
        need(p, pc::scalar_size(prop.type), e, index);
        p += pc::scalar_size(prop.type);
        continue;
      }
      const size_t cs = pc::scalar_size(prop.count_type);
      need(p, cs, e, index);
      const uint64_t count = read_count(bytes.data() + p, prop.count_type, swap);
      p += cs;
      need(p, count * pc::scalar_size(prop.type), e, index);
      p += count * pc::scalar_size(prop.type);
    }
    return p - at;
  };
  for (const auto& e : h.elements) {
    if (e.name != "vertex") {
      if (e.fixed()) {
        const uint64_t stride = e.stride();
        if (stride && e.count > (size - std::min(size, off)) / stride)
          need(off, e.count * stride, e, 0);
        off += e.count * stride;
      } else {
        for (uint64_t i = 0; i < e.count; ++i)
          off += instance_size(e, off, i);
      }
      continue;
    }
    const size_t n = static_cast<size_t>(e.count);
    PointCloud cloud;
    if (e.fixed()) {
      const size_t stride = e.stride();
      if (stride && e.count > (size - std::min(size, off)) / stride)
        need(off, e.count * stride, e, 0);
      pc::convert_columns(bytes.data() + off, n, vertex_columns(e, stride), swap, cloud);
      return cloud;
    }
    // Lists inside vertices: copy each vertex's fixed-size values into a
    // packed record first.
    PlyElement packed_e = e;
    packed_e.properties.erase(std::remove_if(packed_e.properties.begin(), packed_e.properties.end(),
                                             [](const PlyProperty& p) { return p.list; }),
                              packed_e.properties.end());
    const size_t stride = packed_e.stride();
    if (e.count > size) need(off, e.count, e, 0);  // every vertex takes at least a byte
    std::string packed(n * stride, '\0');
    for (size_t i = 0; i < n; ++i) {
      uint64_t p = off;
      size_t q = i * stride;
      for (const auto& prop : e.properties) {
        if (!prop.list) {
          const size_t s = pc::scalar_size(prop.type);
          need(p, s, e, i);
          std::memcpy(packed.data() + q, bytes.data() + p, s);
          p += s, q += s;
        } else {
          const size_t cs = pc::scalar_size(prop.count_type);
          need(p, cs, e, i);
          const uint64_t count = read_count(bytes.data() + p, prop.count_type, swap);
          p += cs;
          need(p, count * pc::scalar_size(prop.type), e, i);
          p += count * pc::scalar_size(prop.type);
        }
      }
      off = p;
    }
    pc::convert_columns(packed.data(), n, vertex_columns(packed_e, stride), swap, cloud);
    return cloud;
  }
  throw FileError(name, "header", "no vertex element");
}

// --- [SECTION] ascii --------------------------------------------------------

PointCloud read_ascii(const std::string& name, const std::string& bytes, const PlyHeader& h) {
  pc::TextCursor cur(bytes.data() + h.data_offset, bytes.data() + bytes.size(), h.data_line);
  auto skip = [&](const PlyElement& e, uint64_t index, const PlyProperty& prop) {
    const std::string_view tok = cur.next();
    if (tok.empty())
      throw FileError(name, fmt::format("line {}", cur.line()),
                      fmt::format("the data ends in element '{}' {} of {} (property '{}')", e.name,
                                  index, e.count, prop.name));
    return tok;
  };
  auto skip_instance = [&](const PlyElement& e, uint64_t index) {
    for (const auto& prop : e.properties) {
      const std::string_view tok = skip(e, index, prop);
      if (!prop.list) continue;
      uint64_t count = 0;
      if (!pc::parse_u64(tok, count))
        throw FileError(name, fmt::format("line {}", cur.line()),
                        fmt::format("list '{}' of element '{}': count '{}' is not a non-negative "
                                    "integer",
                                    prop.name, e.name, tok.substr(0, 40)));
      for (uint64_t k = 0; k < count; ++k)
        skip(e, index, prop);
    }
  };
  for (const auto& e : h.elements) {
    if (e.name != "vertex") {
      if (e.properties.empty()) continue;  // nothing to skip, whatever the count
      for (uint64_t i = 0; i < e.count; ++i)
        skip_instance(e, i);
      continue;
    }
    if (e.count > bytes.size())
      throw FileError(name, fmt::format("line {}", cur.line()),
                      fmt::format("element vertex {} is more than the file can hold", e.count));
    PointCloud cloud;
    if (e.fixed()) {
      std::vector<pc::AsciiSlot> slots;
      bool seen[10] = {};  // the first property of a kind wins, as in binary data
      for (const auto& prop : e.properties) {
        auto t = pc::target_for_field(prop.name);
        if (seen[static_cast<int>(t)]) t = pc::Target::None;
        seen[static_cast<int>(t)] = t != pc::Target::None;
        slots.push_back({t, prop.type, prop.name});
      }
      pc::parse_ascii_points(cur, static_cast<size_t>(e.count), slots, name, cloud);
      return cloud;
    }
    // Vertices with list properties: parse one value at a time.
    std::vector<pc::AsciiSlot> slots;
    for (const auto& prop : e.properties)
      slots.push_back(
          {prop.list ? pc::Target::None : pc::target_for_field(prop.name), prop.type, prop.name});
    pc::prepare_ascii_cloud(static_cast<size_t>(e.count), slots, cloud);
    const bool packed = pc::has_packed_rgb(slots);
    for (uint64_t i = 0; i < e.count; ++i) {
      for (size_t k = 0; k < e.properties.size(); ++k) {
        const PlyProperty& prop = e.properties[k];
        const std::string_view tok = skip(e, i, prop);
        if (!prop.list) {
          pc::parse_ascii_value(tok, slots[k], static_cast<size_t>(i), packed, cur.line(), name,
                                cloud);
          continue;
        }
        uint64_t count = 0;
        if (!pc::parse_u64(tok, count))
          throw FileError(name, fmt::format("line {}", cur.line()),
                          fmt::format("list '{}': count '{}' is not a non-negative integer",
                                      prop.name, tok.substr(0, 40)));
        for (uint64_t c = 0; c < count; ++c)
          skip(e, i, prop);
      }
    }
    return cloud;
  }
  throw FileError(name, "header", "no vertex element");
}

}  // namespace

PointCloud read_ply(const std::filesystem::path& path) {
  RawFile file(path);
  const std::string bytes = file.read_rest(0);
  const PlyHeader h = parse_ply_header(file.name(), bytes);
  const PlyElement* vertex = nullptr;
  for (const auto& e : h.elements)
    if (e.name == "vertex") vertex = &e;
  if (!vertex) throw FileError(file.name(), "header", "no vertex element");
  pc::ColumnSet cs = vertex_columns(*vertex, 0);
  if (!cs.has_xyz())
    throw FileError(file.name(), "header", "the vertex element has no x, y and z properties");
  return h.format == PlyFormat::Ascii ? read_ascii(file.name(), bytes, h)
                                      : read_binary(file.name(), bytes, h);
}

}  // namespace vantage::core
