#pragma once
// Shared by the PCD and PLY readers: scalar types, which field names feed
// which PointCloud member, column-wise conversion of raw binary records, and
// fast parsing of ASCII values.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/point_cloud.h"

namespace vantage::core::pc {

enum class Scalar : uint8_t { I8, U8, I16, U16, I32, U32, I64, U64, F32, F64 };
size_t scalar_size(Scalar s);
bool is_float(Scalar s);

// What a field feeds in a PointCloud. Names are matched case-insensitively:
// x y z; intensity, reflectance, i; ring; rgb, rgba (packed 0x00RRGGBB in a
// 32-bit float or integer, PCL style); r g b or red green blue.
enum class Target : uint8_t { None, X, Y, Z, Intensity, Ring, Rgb, R, G, B };
Target target_for_field(std::string_view name);

// Where one field's values are: the byte offset of the first point's value
// and the distance between consecutive points (the record size for
// interleaved data, the value size for column-major data).
struct Column {
  Scalar type = Scalar::F32;
  size_t offset = 0;
  size_t stride = 0;
};

struct ColumnSet {
  std::optional<Column> x, y, z, intensity, ring, rgb, r, g, b;
  // Records the column for `t` unless one is already set (first field wins).
  void set(Target t, const Column& c);
  bool has_xyz() const { return x && y && z; }
  bool has_colour() const { return rgb || r || g || b; }
};

// Resizes `cloud` to `n` points and fills it from `data`. `swap` byte-swaps
// every value (big-endian PLY). The caller has checked that every column
// lies inside the data.
void convert_columns(const char* data, size_t n, const ColumnSet& columns, bool swap,
                     PointCloud& cloud);

// --- ASCII ------------------------------------------------------------------

// Whitespace-separated tokens with line numbers for error messages.
class TextCursor {
 public:
  TextCursor(const char* begin, const char* end, size_t first_line)
      : p_(begin), end_(end), line_(first_line) {}
  // The next token, empty at the end of the text.
  std::string_view next();
  size_t line() const { return line_; }

 private:
  const char* p_;
  const char* end_;
  size_t line_;
};

bool parse_float(std::string_view s, float& out);
bool parse_double(std::string_view s, double& out);
bool parse_u64(std::string_view s, uint64_t& out);
bool parse_i64(std::string_view s, int64_t& out);

// Per-point state while parsing ASCII values into a cloud.
struct AsciiSlot {
  Target target = Target::None;
  Scalar type = Scalar::F32;
  std::string field;  // for error messages
};

// Sizes `cloud` for `n` points with the members the slots feed.
void prepare_ascii_cloud(size_t n, const std::vector<AsciiSlot>& slots, PointCloud& cloud);
bool has_packed_rgb(const std::vector<AsciiSlot>& slots);
// Parses one value of point `i` (the cloud is prepared). `packed_rgb`: an
// rgb field exists, so separate r g b values are ignored.
void parse_ascii_value(std::string_view token, const AsciiSlot& slot, size_t i, bool packed_rgb,
                       size_t line, const std::string& file, PointCloud& cloud);
// Parses `n` points of `slots.size()` values each (one slot per value, in
// order) into `cloud`. Throws FileError(file, "line N", ...) on a value that
// is not a number or when the text ends early.
void parse_ascii_points(TextCursor& cursor, size_t n, const std::vector<AsciiSlot>& slots,
                        const std::string& file, PointCloud& cloud);

}  // namespace vantage::core::pc
