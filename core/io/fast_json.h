#pragma once
// Read-only JSON for large imports (COCO, OpenLABEL): simdjson's DOM, which
// parses about ten times faster than nlohmann's and frees the whole document
// at once, behind an API like JsonReader's. A value that is missing or of the
// wrong type throws FileError naming the file and the value's JSON pointer;
// a syntax error is reported with line and column (the file is re-read with
// nlohmann only then, for the message).
//
// A FastJson refers to its parent to compute its pointer when an error is
// reported: use children while their parents are alive (nested scopes, the
// callbacks of for_each) and never keep a child of a temporary.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace vantage::core {

class FastJson {
 public:
  FastJson(simdjson::dom::element e, const FastJson* parent, std::string_view key, size_t index,
           const std::string* file)
      : e_(e), parent_(parent), key_(key), index_(index), file_(file) {}

  bool is_object() const { return e_.is_object(); }
  bool is_array() const { return e_.is_array(); }
  bool is_number() const { return e_.is_number(); }
  bool is_string() const { return e_.is_string(); }
  bool is_bool() const { return e_.is_bool(); }
  bool is_null() const { return e_.is_null(); }

  // Required member of an object.
  FastJson at(std::string_view key) const;
  // Optional member; nullopt when absent or null.
  std::optional<FastJson> find(std::string_view key) const;
  FastJson at(size_t index) const;
  FastJson at(int index) const { return at(static_cast<size_t>(index)); }
  size_t size() const;  // requires an array
  void expect_object() const;
  void expect_array(size_t min_size = 0, size_t max_size = SIZE_MAX) const;

  double number() const;
  int64_t integer() const;  // integral numbers (12 or 12.0)
  int int32(int64_t min = INT32_MIN, int64_t max = INT32_MAX) const;
  bool boolean() const;
  std::string_view string() const;

  double number_or(std::string_view key, double def) const;
  int64_t integer_or(std::string_view key, int64_t def) const;
  bool boolean_or(std::string_view key, bool def) const;
  std::string string_or(std::string_view key, const std::string& def) const;

  // Minified JSON text of the value (object keys of ids, messages).
  std::string dump() const;

  template <class F>
  void for_each(F&& f) const {
    expect_array();
    size_t i = 0;
    for (simdjson::dom::element c : simdjson::dom::array(e_))
      f(FastJson(c, this, {}, i++, file_));
  }
  template <class F>
  void for_each_member(F&& f) const {
    expect_object();
    for (const auto kv : simdjson::dom::object(e_))
      f(kv.key, FastJson(kv.value, this, kv.key, SIZE_MAX, file_));
  }

  [[noreturn]] void fail(const std::string& message) const;
  [[noreturn]] void fail_member(std::string_view key, const std::string& message) const;
  [[noreturn]] void expected(const char* what) const;
  std::string pointer() const;
  const std::string& file() const { return *file_; }
  simdjson::dom::element raw() const { return e_; }

 private:
  simdjson::dom::element e_;
  const FastJson* parent_;
  std::string_view key_;
  size_t index_;
  const std::string* file_;
};

// A parsed file; root() is valid while it lives.
class FastJsonFile {
 public:
  // Throws FileError: unreadable file, or invalid JSON ("line L, column C").
  explicit FastJsonFile(const std::filesystem::path& path);
  FastJsonFile(const FastJsonFile&) = delete;
  FastJsonFile& operator=(const FastJsonFile&) = delete;
  const FastJson& root() const { return root_; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  simdjson::dom::parser parser_;
  simdjson::padded_string text_;
  FastJson root_;
};

}  // namespace vantage::core
