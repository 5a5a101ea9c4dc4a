#include "core/io/fast_json.h"

#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "core/io/file_util.h"
#include "core/io/json_reader.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

const char* type_name(const simdjson::dom::element& e) {
  switch (e.type()) {
    case simdjson::dom::element_type::ARRAY:
      return "array";
    case simdjson::dom::element_type::OBJECT:
      return "object";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
      return "number";
    case simdjson::dom::element_type::STRING:
      return "string";
    case simdjson::dom::element_type::BOOL:
      return "boolean";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
  }
  return "value";
}

std::string found_text(const simdjson::dom::element& e) {
  if (e.is_string()) {
    std::string s(e.get_string().value_unsafe());
    if (s.size() > 40) s = s.substr(0, 37) + "...";
    return fmt::format("string \"{}\"", s);
  }
  if (e.is_number() || e.is_bool()) return fmt::format("{} {}", type_name(e), simdjson::minify(e));
  return type_name(e);
}

}  // namespace

std::string FastJson::pointer() const {
  std::vector<const FastJson*> chain;
  for (const FastJson* p = this; p && p->parent_; p = p->parent_)
    chain.push_back(p);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    out += '/';
    if ((*it)->index_ != SIZE_MAX)
      out += std::to_string((*it)->index_);
    else
      out += json_pointer_escape(std::string((*it)->key_));
  }
  return out.empty() ? "/" : out;
}

void FastJson::fail(const std::string& message) const {
  throw FileError(*file_, pointer(), message);
}

void FastJson::fail_member(std::string_view key, const std::string& message) const {
  std::string p = pointer();
  if (p == "/") p.clear();
  throw FileError(*file_, p + "/" + json_pointer_escape(std::string(key)), message);
}

void FastJson::expected(const char* what) const {
  fail(fmt::format("expected {}, found {}", what, found_text(e_)));
}

void FastJson::expect_object() const {
  if (!e_.is_object()) expected("an object");
}

void FastJson::expect_array(size_t min_size, size_t max_size) const {
  if (!e_.is_array()) expected("an array");
  const size_t n = simdjson::dom::array(e_).size();
  if (n < min_size || n > max_size) {
    if (min_size == max_size)
      fail(fmt::format("expected an array of {} values, found {}", min_size, n));
    if (max_size == SIZE_MAX)
      fail(fmt::format("expected an array of at least {} values, found {}", min_size, n));
    fail(fmt::format("expected an array of {} to {} values, found {}", min_size, max_size, n));
  }
}

FastJson FastJson::at(std::string_view key) const {
  expect_object();
  simdjson::dom::element c;
  if (simdjson::dom::object(e_).at_key(key).get(c) != simdjson::SUCCESS)
    fail_member(key, "missing required member");
  return FastJson(c, this, key, SIZE_MAX, file_);
}

std::optional<FastJson> FastJson::find(std::string_view key) const {
  expect_object();
  simdjson::dom::element c;
  if (simdjson::dom::object(e_).at_key(key).get(c) != simdjson::SUCCESS || c.is_null())
    return std::nullopt;
  return FastJson(c, this, key, SIZE_MAX, file_);
}

FastJson FastJson::at(size_t index) const {
  if (!e_.is_array()) expected("an array");
  simdjson::dom::element c;
  const simdjson::dom::array a(e_);
  if (a.at(index).get(c) != simdjson::SUCCESS)
    fail(fmt::format("expected at least {} values, found {}", index + 1, a.size()));
  return FastJson(c, this, {}, index, file_);
}

size_t FastJson::size() const {
  if (!e_.is_array()) expected("an array");
  return simdjson::dom::array(e_).size();
}

double FastJson::number() const {
  double v = 0;
  if (e_.get_double().get(v) != simdjson::SUCCESS) expected("a number");
  return v;
}

int64_t FastJson::integer() const {
  int64_t v = 0;
  if (e_.get_int64().get(v) == simdjson::SUCCESS) return v;
  double d = 0;
  if (e_.get_double().get(d) == simdjson::SUCCESS && std::isfinite(d) && d == std::floor(d) &&
      std::abs(d) < 9e15)
    return static_cast<int64_t>(d);
  expected("an integer");
}

int FastJson::int32(int64_t min, int64_t max) const {
  const int64_t v = integer();
  if (v < min || v > max) fail(fmt::format("{} is out of range [{}, {}]", v, min, max));
  return static_cast<int>(v);
}

bool FastJson::boolean() const {
  bool v = false;
  if (e_.get_bool().get(v) != simdjson::SUCCESS) expected("a boolean");
  return v;
}

std::string_view FastJson::string() const {
  std::string_view v;
  if (e_.get_string().get(v) != simdjson::SUCCESS) expected("a string");
  return v;
}

double FastJson::number_or(std::string_view key, double def) const {
  const auto v = find(key);
  return v ? v->number() : def;
}

int64_t FastJson::integer_or(std::string_view key, int64_t def) const {
  const auto v = find(key);
  return v ? v->integer() : def;
}

bool FastJson::boolean_or(std::string_view key, bool def) const {
  const auto v = find(key);
  return v ? v->boolean() : def;
}

std::string FastJson::string_or(std::string_view key, const std::string& def) const {
  const auto v = find(key);
  return v ? std::string(v->string()) : def;
}

std::string FastJson::dump() const {
  return simdjson::minify(e_);
}

FastJsonFile::FastJsonFile(const std::filesystem::path& path)
    : file_(path.string()), root_(simdjson::dom::element(), nullptr, {}, SIZE_MAX, &file_) {
  if (simdjson::padded_string::load(path.string()).get(text_) != simdjson::SUCCESS)
    read_file_to_string(path);  // throws the usual "cannot read" error
  simdjson::dom::element doc;
  const auto err = parser_.parse(text_).get(doc);
  if (err != simdjson::SUCCESS) {
    // Only now pay for nlohmann: it says where the syntax breaks.
    parse_json_text(std::string(text_.data(), text_.size()), file_);
    throw FileError(file_, "", fmt::format("invalid JSON: {}", simdjson::error_message(err)));
  }
  root_ = FastJson(doc, nullptr, {}, SIZE_MAX, &file_);
}

}  // namespace vantage::core
