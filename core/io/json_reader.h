#pragma once
// Typed, position-aware access to parsed JSON. Any mismatch throws a
// FileError naming the file and the JSON pointer of the offending value, with
// what was expected and what was found. Readers are two pointers wide; the
// pointer text is only computed when an error is reported.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace vantage::core {

using Json = nlohmann::json;

// Parses a whole file; syntax errors report line and column.
Json parse_json_file(const std::filesystem::path& path);
Json parse_json_text(const std::string& text, const std::string& file_label);

class JsonReader {
 public:
  struct Context {
    const Json* root;
    std::string file;
  };
  JsonReader(const Json& node, const Context& ctx) : node_(&node), ctx_(&ctx) {}

  const Json& json() const { return *node_; }
  // Required member of an object.
  JsonReader at(const char* key) const;
  // Optional member; nullopt when absent or null.
  std::optional<JsonReader> find(const char* key) const;
  JsonReader at(size_t index) const;
  // Literal indices (`at(0)`) would otherwise be ambiguous with at(const char*).
  JsonReader at(int index) const { return at(static_cast<size_t>(index)); }
  size_t size() const;  // requires an array

  bool is_null() const { return node_->is_null(); }
  bool is_array() const { return node_->is_array(); }
  bool is_object() const { return node_->is_object(); }
  bool is_number() const { return node_->is_number(); }
  bool is_string() const { return node_->is_string(); }
  bool is_bool() const { return node_->is_boolean(); }

  void expect_object() const;
  void expect_array(size_t min_size = 0, size_t max_size = SIZE_MAX) const;
  double number() const;
  int64_t integer() const;
  int int32(int64_t min = INT32_MIN, int64_t max = INT32_MAX) const;
  bool boolean() const;
  const std::string& string() const;

  // Optional members with defaults.
  double number_or(const char* key, double def) const;
  int64_t integer_or(const char* key, int64_t def) const;
  bool boolean_or(const char* key, bool def) const;
  std::string string_or(const char* key, const std::string& def) const;

  // Throws a FileError at this value.
  [[noreturn]] void fail(const std::string& message) const;
  [[noreturn]] void fail_member(const char* key, const std::string& message) const;
  [[noreturn]] void expected(const char* what) const;
  std::string pointer() const;
  const std::string& file() const { return ctx_->file; }

  // A reader for a value inside this one (same file and root).
  JsonReader child(const Json& node) const { return JsonReader(node, *ctx_); }
  // Calls f(key, reader) for each member of an object.
  template <class F>
  void for_each_member(F&& f) const {
    expect_object();
    for (auto it = node_->begin(); it != node_->end(); ++it) f(it.key(), child(it.value()));
  }

  template <class F>
  void for_each(F&& f) const {
    const size_t n = size();
    for (size_t i = 0; i < n; ++i) f(at(i));
  }

 private:
  const Json* node_;
  const Context* ctx_;
};

// Escapes a key for a JSON pointer (RFC 6901).
std::string json_pointer_escape(const std::string& key);

}  // namespace vantage::core
