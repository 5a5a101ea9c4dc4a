#include "core/io/json_writer.h"

#include <fmt/format.h>

#include <cmath>

#include "core/util/error.h"

namespace vantage::core {

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void JsonWriter::newline() {
  if (!pretty_ || inline_depth_ > 0) return;
  out_ += '\n';
  out_.append(stack_.size() * 2, ' ');
}

void JsonWriter::before_value(bool container) {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (stack_.empty()) return;
  Level& l = stack_.back();
  if (!l.first) out_ += ',';
  // Arrays of scalars stay on one line; containers inside arrays get a line.
  if (container && inline_depth_ == 0) newline();
  else if (!l.first && pretty_) out_ += ' ';
  l.first = false;
}

JsonWriter& JsonWriter::begin_object() {
  before_value(true);
  out_ += '{';
  stack_.push_back({false, true});
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  const bool empty = stack_.back().first;
  stack_.pop_back();
  if (!empty) newline();
  out_ += '}';
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value(true);
  out_ += '[';
  stack_.push_back({true, true});
  return *this;
}

JsonWriter& JsonWriter::begin_inline_array() {
  before_value(true);
  out_ += '[';
  stack_.push_back({true, true, true});
  ++inline_depth_;
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  if (stack_.back().inline_) --inline_depth_;
  stack_.pop_back();
  // Close on the same line unless the last element started its own line.
  if (pretty_ && !out_.empty() && (out_.back() == '}' || out_.back() == ']')) newline();
  out_ += ']';
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  Level& l = stack_.back();
  if (!l.first) out_ += ',';
  l.first = false;
  newline();
  append_json_string(out_, k);
  out_ += pretty_ ? ": " : ":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(double v) {
  if (!std::isfinite(v)) throw Error("cannot write a non-finite number to JSON");
  before_value(false);
  fmt::format_to(std::back_inserter(out_), "{}", v);
  return *this;
}

JsonWriter& JsonWriter::value(int64_t v) {
  before_value(false);
  fmt::format_to(std::back_inserter(out_), "{}", v);
  return *this;
}

JsonWriter& JsonWriter::value(uint64_t v) {
  before_value(false);
  fmt::format_to(std::back_inserter(out_), "{}", v);
  return *this;
}

JsonWriter& JsonWriter::value(bool v) {
  before_value(false);
  out_ += v ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view v) {
  before_value(false);
  append_json_string(out_, v);
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value(false);
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  before_value(false);
  out_ += json;
  return *this;
}

JsonWriter& JsonWriter::numbers(const double* v, size_t n) {
  begin_array();
  for (size_t i = 0; i < n; ++i) value(v[i]);
  return end_array();
}

}  // namespace vantage::core
