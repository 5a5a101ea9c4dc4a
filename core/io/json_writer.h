#pragma once
// A streaming JSON writer: fast (no DOM) and readable output (objects one
// member per line, arrays of numbers on one line). Doubles are written in the
// shortest form that reads back to the same value, so saves round-trip
// exactly. Non-finite numbers are refused: JSON cannot hold them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vantage::core {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = true) : pretty_(pretty) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  // An array written on one line whatever it holds (polygon points).
  JsonWriter& begin_inline_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);

  JsonWriter& value(double v);
  JsonWriter& value(int64_t v);
  JsonWriter& value(int v) { return value(static_cast<int64_t>(v)); }
  JsonWriter& value(uint32_t v) { return value(static_cast<int64_t>(v)); }
  JsonWriter& value(uint64_t v);
  JsonWriter& value(bool v);
  JsonWriter& value(std::string_view v);
  JsonWriter& value(const char* v) { return value(std::string_view(v)); }
  JsonWriter& value(const std::string& v) { return value(std::string_view(v)); }
  JsonWriter& null();
  // Inserts already-serialised JSON as one value.
  JsonWriter& raw(std::string_view json);

  template <class T>
  JsonWriter& member(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }
  // Array of doubles on one line.
  JsonWriter& numbers(const double* v, size_t n);

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  struct Level {
    bool array;
    bool first;
    bool inline_ = false;
  };
  void before_value(bool container);
  void newline();

  std::string out_;
  std::vector<Level> stack_;
  bool pretty_;
  bool after_key_ = false;
  int inline_depth_ = 0;
};

// Appends `s` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view s);

}  // namespace vantage::core
