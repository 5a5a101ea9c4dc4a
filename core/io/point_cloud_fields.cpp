#include "core/io/point_cloud_fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <type_traits>

#include "core/util/error.h"

namespace vantage::core::pc {

// [SECTION] scalar types and field names
// [SECTION] binary columns
// [SECTION] ASCII values

// --- [SECTION] scalar types and field names ---------------------------------

size_t scalar_size(Scalar s) {
  switch (s) {
    case Scalar::I8:
    case Scalar::U8:
      return 1;
    case Scalar::I16:
    case Scalar::U16:
      return 2;
    case Scalar::I32:
    case Scalar::U32:
    case Scalar::F32:
      return 4;
    case Scalar::I64:
    case Scalar::U64:
    case Scalar::F64:
      return 8;
  }
  return 0;
}

bool is_float(Scalar s) {
  return s == Scalar::F32 || s == Scalar::F64;
}

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

}  // namespace

Target target_for_field(std::string_view name) {
  if (iequals(name, "x")) return Target::X;
  if (iequals(name, "y")) return Target::Y;
  if (iequals(name, "z")) return Target::Z;
  if (iequals(name, "intensity") || iequals(name, "reflectance") || iequals(name, "i") ||
      iequals(name, "scalar_intensity"))
    return Target::Intensity;
  if (iequals(name, "ring")) return Target::Ring;
  if (iequals(name, "rgb") || iequals(name, "rgba")) return Target::Rgb;
  if (iequals(name, "r") || iequals(name, "red")) return Target::R;
  if (iequals(name, "g") || iequals(name, "green")) return Target::G;
  if (iequals(name, "b") || iequals(name, "blue")) return Target::B;
  return Target::None;
}

void ColumnSet::set(Target t, const Column& c) {
  auto put = [&](std::optional<Column>& slot) {
    if (!slot) slot = c;
  };
  switch (t) {
    case Target::X:
      put(x);
      break;
    case Target::Y:
      put(y);
      break;
    case Target::Z:
      put(z);
      break;
    case Target::Intensity:
      put(intensity);
      break;
    case Target::Ring:
      put(ring);
      break;
    case Target::Rgb:
      put(rgb);
      break;
    case Target::R:
      put(r);
      break;
    case Target::G:
      put(g);
      break;
    case Target::B:
      put(b);
      break;
    case Target::None:
      break;
  }
}

// --- [SECTION] binary columns -----------------------------------------------

namespace {

template <class T>
T byteswap(T v) {
  static_assert(std::is_trivially_copyable_v<T>);
  unsigned char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  std::reverse(b, b + sizeof(T));
  std::memcpy(&v, b, sizeof(T));
  return v;
}

template <class T, bool Swap>
inline T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  if constexpr (Swap) v = byteswap(v);
  return v;
}

// Calls f.template operator()<T>() with T the C++ type of `s`.
template <class F>
void with_type(Scalar s, F&& f) {
  switch (s) {
    case Scalar::I8:
      f(int8_t{});
      break;
    case Scalar::U8:
      f(uint8_t{});
      break;
    case Scalar::I16:
      f(int16_t{});
      break;
    case Scalar::U16:
      f(uint16_t{});
      break;
    case Scalar::I32:
      f(int32_t{});
      break;
    case Scalar::U32:
      f(uint32_t{});
      break;
    case Scalar::I64:
      f(int64_t{});
      break;
    case Scalar::U64:
      f(uint64_t{});
      break;
    case Scalar::F32:
      f(float{});
      break;
    case Scalar::F64:
      f(double{});
      break;
  }
}

template <class T, bool Swap>
void fill_component(const char* data, size_t n, const Column& c, float* dst) {
  const char* p = data + c.offset;
  for (size_t i = 0; i < n; ++i, p += c.stride)
    dst[i * 4] = static_cast<float>(load<T, Swap>(p));
}

template <class T>
uint16_t to_ring(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    if (!(v > 0)) return 0;  // also NaN
    return v >= 65535 ? uint16_t{65535} : static_cast<uint16_t>(std::lround(v));
  } else if constexpr (std::is_signed_v<T>) {
    return v < 0 ? uint16_t{0} : v > 65535 ? uint16_t{65535} : static_cast<uint16_t>(v);
  } else {
    return v > 65535 ? uint16_t{65535} : static_cast<uint16_t>(v);
  }
}

template <class T>
uint32_t to_channel(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    // Floating-point colour channels are 0..1.
    if (!(v > 0)) return 0;
    return v >= 1 ? 255u : static_cast<uint32_t>(std::lround(v * 255));
  } else if constexpr (sizeof(T) == 2) {
    // 16-bit channels: keep the high byte.
    return std::is_signed_v<T> && v < 0 ? 0u : static_cast<uint32_t>(static_cast<uint16_t>(v)) >> 8;
  } else if constexpr (std::is_signed_v<T>) {
    return v < 0 ? 0u : v > 255 ? 255u : static_cast<uint32_t>(v);
  } else {
    return v > 255 ? 255u : static_cast<uint32_t>(v);
  }
}

template <class T>
uint32_t to_packed_rgb(T v) {
  if constexpr (sizeof(T) == 4) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);  // PCL packs 0x00RRGGBB into the float's bits
    return bits & 0xFFFFFFu;
  } else if constexpr (std::is_floating_point_v<T>) {
    return static_cast<uint32_t>(static_cast<float>(v)) & 0xFFFFFFu;
  } else {
    return static_cast<uint32_t>(v) & 0xFFFFFFu;
  }
}

template <bool Swap>
void convert_impl(const char* data, size_t n, const ColumnSet& cs, PointCloud& cloud) {
  if (n == 0) return;  // no points: data() may be null, and null + k is UB
  float* base = reinterpret_cast<float*>(cloud.points.data());
  const std::optional<Column>* comps[4] = {&cs.x, &cs.y, &cs.z, &cs.intensity};
  for (int k = 0; k < 4; ++k) {
    if (!*comps[k]) continue;
    const Column& c = **comps[k];
    with_type(c.type, [&](auto tag) { fill_component<decltype(tag), Swap>(data, n, c, base + k); });
  }
  if (cs.ring) {
    const Column& c = *cs.ring;
    cloud.ring.resize(n);
    with_type(c.type, [&](auto tag) {
      using T = decltype(tag);
      const char* p = data + c.offset;
      for (size_t i = 0; i < n; ++i, p += c.stride)
        cloud.ring[i] = to_ring(load<T, Swap>(p));
    });
  }
  if (cs.has_colour()) {
    cloud.rgb.assign(n, 0u);
    if (cs.rgb) {
      const Column& c = *cs.rgb;
      with_type(c.type, [&](auto tag) {
        using T = decltype(tag);
        const char* p = data + c.offset;
        for (size_t i = 0; i < n; ++i, p += c.stride)
          cloud.rgb[i] = to_packed_rgb(load<T, Swap>(p));
      });
    } else {
      const std::optional<Column>* ch[3] = {&cs.r, &cs.g, &cs.b};
      for (int k = 0; k < 3; ++k) {
        if (!*ch[k]) continue;
        const Column& c = **ch[k];
        const int shift = 16 - 8 * k;
        with_type(c.type, [&](auto tag) {
          using T = decltype(tag);
          const char* p = data + c.offset;
          for (size_t i = 0; i < n; ++i, p += c.stride)
            cloud.rgb[i] |= to_channel(load<T, Swap>(p)) << shift;
        });
      }
    }
  }
}

}  // namespace

void convert_columns(const char* data, size_t n, const ColumnSet& cs, bool swap,
                     PointCloud& cloud) {
  cloud.points.clear();
  cloud.points.resize(n, glm::vec4(0.0f));
  cloud.ring.clear();
  cloud.rgb.clear();
  cloud.has_intensity = cs.intensity.has_value();
  // The common KITTI-style layout is one copy.
  if (!swap && cs.x && cs.y && cs.z && cs.intensity && cs.x->type == Scalar::F32 &&
      cs.y->type == Scalar::F32 && cs.z->type == Scalar::F32 && cs.intensity->type == Scalar::F32 &&
      cs.x->stride == 16 && cs.y->stride == 16 && cs.z->stride == 16 &&
      cs.intensity->stride == 16 && cs.y->offset == cs.x->offset + 4 &&
      cs.z->offset == cs.x->offset + 8 && cs.intensity->offset == cs.x->offset + 12 && !cs.ring &&
      !cs.has_colour()) {
    if (n) std::memcpy(cloud.points.data(), data + cs.x->offset, n * 16);
    return;
  }
  if (swap)
    convert_impl<true>(data, n, cs, cloud);
  else
    convert_impl<false>(data, n, cs, cloud);
}

// --- [SECTION] ASCII values -------------------------------------------------

std::string_view TextCursor::next() {
  while (p_ < end_) {
    const char c = *p_;
    if (c == '\n') {
      ++line_;
    } else if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') {
      break;
    }
    ++p_;
  }
  const char* start = p_;
  while (p_ < end_) {
    const char c = *p_;
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') break;
    ++p_;
  }
  return std::string_view(start, static_cast<size_t>(p_ - start));
}

namespace {

std::string_view strip_plus(std::string_view s) {
  if (s.size() > 1 && s[0] == '+' && s[1] != '-') s.remove_prefix(1);
  return s;
}

template <class T>
bool parse_number(std::string_view s, T& out) {
  s = strip_plus(s);
  if (s.empty()) return false;
  const char* end = s.data() + s.size();
  auto r = std::from_chars(s.data(), end, out);
  if (r.ptr != end) return false;
  if (r.ec == std::errc()) return true;
  if constexpr (std::is_floating_point_v<T>) {
    // Out of range: overflow becomes infinity, underflow zero (as strtod).
    if (r.ec == std::errc::result_out_of_range) {
      const double d = std::strtod(std::string(s).c_str(), nullptr);
      out = static_cast<T>(d);
      return true;
    }
  }
  return false;
}

}  // namespace

bool parse_float(std::string_view s, float& out) {
  return parse_number(s, out);
}
bool parse_double(std::string_view s, double& out) {
  return parse_number(s, out);
}
bool parse_u64(std::string_view s, uint64_t& out) {
  return parse_number(s, out);
}
bool parse_i64(std::string_view s, int64_t& out) {
  return parse_number(s, out);
}

namespace {

// An integer-looking token in a float-typed rgb field is the packed bits
// written as an integer (PCL's ASCII writer does this).
bool looks_integer(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

[[noreturn]] void bad_value(const std::string& file, size_t line, const AsciiSlot& slot,
                            std::string_view token) {
  throw FileError(file, fmt::format("line {}", line),
                  fmt::format("field '{}': '{}' is not a number", slot.field, token.substr(0, 40)));
}

}  // namespace

void prepare_ascii_cloud(size_t n, const std::vector<AsciiSlot>& slots, PointCloud& cloud) {
  bool ring = false, colour = false;
  cloud.has_intensity = false;
  for (const auto& s : slots) {
    ring |= s.target == Target::Ring;
    colour |= s.target == Target::Rgb || s.target == Target::R || s.target == Target::G ||
              s.target == Target::B;
    cloud.has_intensity |= s.target == Target::Intensity;
  }
  cloud.points.assign(n, glm::vec4(0.0f));
  cloud.ring.assign(ring ? n : 0, uint16_t{0});
  cloud.rgb.assign(colour ? n : 0, 0u);
}

bool has_packed_rgb(const std::vector<AsciiSlot>& slots) {
  for (const auto& s : slots)
    if (s.target == Target::Rgb) return true;
  return false;
}

void parse_ascii_value(std::string_view tok, const AsciiSlot& slot, size_t i, bool packed_rgb,
                       size_t line, const std::string& file, PointCloud& cloud) {
  switch (slot.target) {
    case Target::None:
      break;
    case Target::X:
    case Target::Y:
    case Target::Z:
    case Target::Intensity: {
      float v;
      if (!parse_float(tok, v)) bad_value(file, line, slot, tok);
      cloud.points[i][static_cast<int>(slot.target) - static_cast<int>(Target::X)] = v;
      break;
    }
    case Target::Ring: {
      double v;
      if (!parse_double(tok, v)) bad_value(file, line, slot, tok);
      cloud.ring[i] = to_ring(v);
      break;
    }
    case Target::Rgb: {
      uint32_t bits = 0;
      uint64_t u;
      if (is_float(slot.type) && !looks_integer(tok)) {
        float f;
        if (!parse_float(tok, f)) bad_value(file, line, slot, tok);
        bits = to_packed_rgb(f);
      } else if (parse_u64(tok, u)) {
        bits = static_cast<uint32_t>(u) & 0xFFFFFFu;
      } else {
        bad_value(file, line, slot, tok);
      }
      cloud.rgb[i] = bits;
      break;
    }
    case Target::R:
    case Target::G:
    case Target::B: {
      double v;
      if (!parse_double(tok, v)) bad_value(file, line, slot, tok);
      if (packed_rgb) break;  // a packed rgb field wins over separate channels
      uint32_t c;
      if (is_float(slot.type))
        c = to_channel(v);
      else if (scalar_size(slot.type) == 2)
        c = to_channel(static_cast<uint16_t>(std::clamp(v, 0.0, 65535.0)));
      else
        c = to_channel(static_cast<int64_t>(std::clamp(v, -1.0, 1e6)));
      const int shift = 16 - 8 * (static_cast<int>(slot.target) - static_cast<int>(Target::R));
      cloud.rgb[i] |= c << shift;
      break;
    }
  }
}

void parse_ascii_points(TextCursor& cursor, size_t n, const std::vector<AsciiSlot>& slots,
                        const std::string& file, PointCloud& cloud) {
  prepare_ascii_cloud(n, slots, cloud);
  const bool packed = has_packed_rgb(slots);
  for (size_t i = 0; i < n; ++i) {
    for (const AsciiSlot& slot : slots) {
      const std::string_view tok = cursor.next();
      if (tok.empty())
        throw FileError(file, fmt::format("line {}", cursor.line()),
                        fmt::format("the data ends after {} of {} points (field '{}' missing)", i,
                                    n, slot.field));
      if (slot.target != Target::None)
        parse_ascii_value(tok, slot, i, packed, cursor.line(), file, cloud);
    }
  }
}

}  // namespace vantage::core::pc
