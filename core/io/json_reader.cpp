#include "core/io/json_reader.h"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/io/file_util.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

// Finds the JSON pointer of `target` under `node` by address. Only used when
// reporting an error, so the cost of the walk never matters.
bool find_path(const Json& node, const Json* target, std::string& path) {
  if (&node == target) return true;
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      const size_t len = path.size();
      path += "/" + json_pointer_escape(it.key());
      if (find_path(it.value(), target, path)) return true;
      path.resize(len);
    }
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) {
      const size_t len = path.size();
      path += "/" + std::to_string(i);
      if (find_path(node[i], target, path)) return true;
      path.resize(len);
    }
  }
  return false;
}

std::string found_text(const Json& j) {
  if (j.is_string()) {
    std::string s = j.get_ref<const std::string&>();
    if (s.size() > 40) s = s.substr(0, 37) + "...";
    return fmt::format("string \"{}\"", s);
  }
  if (j.is_number() || j.is_boolean()) return fmt::format("{} {}", j.type_name(), j.dump());
  return j.type_name();
}

}  // namespace

std::string json_pointer_escape(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

// Real files nest a handful of levels. nlohmann parses any depth, but copies,
// dump() and the error path (find_path) recurse once per level: a file of a
// million '[' would overflow the stack there.
constexpr size_t kMaxJsonDepth = 512;

std::pair<size_t, size_t> line_column(const std::string& text, size_t byte) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

void check_nesting(const std::string& text, const std::string& file_label) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        const auto [line, col] = line_column(text, i);
        throw FileError(file_label, fmt::format("line {}, column {}", line, col),
                        fmt::format("invalid JSON: nested deeper than {} levels", kMaxJsonDepth));
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

}  // namespace

Json parse_json_text(const std::string& text, const std::string& file_label) {
  check_nesting(text, file_label);
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    // Translate the byte offset into line:column for the message.
    const auto [line, col] = line_column(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 2: ".
    const size_t colon = what.find(": ", what.find("parse error"));
    if (colon != std::string::npos) what = what.substr(colon + 2);
    throw FileError(file_label, fmt::format("line {}, column {}", line, col),
                    fmt::format("invalid JSON: {}", what));
  }
}

Json parse_json_file(const std::filesystem::path& path) {
  return parse_json_text(read_file_to_string(path), path.string());
}

std::string JsonReader::pointer() const {
  std::string path;
  if (find_path(*ctx_->root, node_, path)) return path.empty() ? "/" : path;
  return "?";
}

void JsonReader::fail(const std::string& message) const {
  throw FileError(ctx_->file, pointer(), message);
}

void JsonReader::fail_member(const char* key, const std::string& message) const {
  std::string p = pointer();
  if (p == "/") p.clear();
  throw FileError(ctx_->file, p + "/" + json_pointer_escape(key), message);
}

void JsonReader::expected(const char* what) const {
  fail(fmt::format("expected {}, found {}", what, found_text(*node_)));
}

void JsonReader::expect_object() const {
  if (!node_->is_object()) expected("an object");
}

void JsonReader::expect_array(size_t min_size, size_t max_size) const {
  if (!node_->is_array()) expected("an array");
  const size_t n = node_->size();
  if (n < min_size || n > max_size) {
    if (min_size == max_size)
      fail(fmt::format("expected an array of {} values, found {}", min_size, n));
    if (max_size == SIZE_MAX)
      fail(fmt::format("expected an array of at least {} values, found {}", min_size, n));
    fail(fmt::format("expected an array of {} to {} values, found {}", min_size, max_size, n));
  }
}

JsonReader JsonReader::at(const char* key) const {
  expect_object();
  auto it = node_->find(key);
  if (it == node_->end()) fail_member(key, "missing required member");
  return JsonReader(*it, *ctx_);
}

std::optional<JsonReader> JsonReader::find(const char* key) const {
  expect_object();
  auto it = node_->find(key);
  if (it == node_->end() || it->is_null()) return std::nullopt;
  return JsonReader(*it, *ctx_);
}

JsonReader JsonReader::at(size_t index) const {
  if (!node_->is_array()) expected("an array");
  if (index >= node_->size())
    fail(fmt::format("expected at least {} values, found {}", index + 1, node_->size()));
  return JsonReader((*node_)[index], *ctx_);
}

size_t JsonReader::size() const {
  if (!node_->is_array()) expected("an array");
  return node_->size();
}

double JsonReader::number() const {
  if (!node_->is_number()) expected("a number");
  const double d = node_->get<double>();
  if (!std::isfinite(d)) fail("expected a finite number");
  return d;
}

int64_t JsonReader::integer() const {
  if (node_->is_number_integer()) return node_->get<int64_t>();
  if (node_->is_number_float()) {
    const double d = node_->get<double>();
    if (std::floor(d) == d && std::fabs(d) < 9.0e15) return static_cast<int64_t>(d);
  }
  expected("an integer");
}

int JsonReader::int32(int64_t min, int64_t max) const {
  const int64_t v = integer();
  if (v < min || v > max) fail(fmt::format("expected an integer in [{}, {}], found {}", min, max, v));
  return static_cast<int>(v);
}

bool JsonReader::boolean() const {
  if (!node_->is_boolean()) expected("true or false");
  return node_->get<bool>();
}

const std::string& JsonReader::string() const {
  if (!node_->is_string()) expected("a string");
  return node_->get_ref<const std::string&>();
}

double JsonReader::number_or(const char* key, double def) const {
  auto r = find(key);
  return r ? r->number() : def;
}

int64_t JsonReader::integer_or(const char* key, int64_t def) const {
  auto r = find(key);
  return r ? r->integer() : def;
}

bool JsonReader::boolean_or(const char* key, bool def) const {
  auto r = find(key);
  return r ? r->boolean() : def;
}

std::string JsonReader::string_or(const char* key, const std::string& def) const {
  auto r = find(key);
  return r ? r->string() : def;
}

}  // namespace vantage::core
