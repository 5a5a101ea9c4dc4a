#include "core/io/native_json_common.h"

#include <fmt/format.h>

#include "core/io/native_format.h"

namespace vantage::core {

void check_format_header(const JsonReader& root, const char* expected_format) {
  root.expect_object();
  const std::string& format = root.at("format").string();
  if (format != expected_format)
    root.at("format").fail(fmt::format("expected \"{}\", found \"{}\"", expected_format, format));
  const int64_t version = root.at("format_version").integer();
  if (version < 1 || version > kNativeFormatVersion)
    root.at("format_version")
        .fail(fmt::format("format version {} is not supported (this build reads 1 to {}); "
                          "it may have been written by a newer Vantage",
                          version, kNativeFormatVersion));
}

void write_attribute_value(JsonWriter& w, const AttributeValue& v) {
  if (const bool* b = std::get_if<bool>(&v)) {
    w.value(*b);
  } else if (const double* d = std::get_if<double>(&v)) {
    w.value(*d);
  } else if (const std::string* s = std::get_if<std::string>(&v)) {
    w.value(*s);
  } else {
    const auto& vec = std::get<std::vector<double>>(v);
    w.numbers(vec.data(), vec.size());
  }
}

AttributeValue read_attribute_value(const JsonReader& r) {
  if (r.is_bool()) return r.boolean();
  if (r.is_number()) return r.number();
  if (r.is_string()) return r.string();
  if (r.is_array()) {
    std::vector<double> v(r.size());
    for (size_t i = 0; i < v.size(); ++i) v[i] = r.at(i).number();
    return v;
  }
  r.expected("a boolean, number, string or array of numbers");
}

void write_attributes(JsonWriter& w, const AttributeMap& attrs) {
  w.begin_object();
  for (const auto& [k, v] : attrs) {
    w.key(k);
    write_attribute_value(w, v);
  }
  w.end_object();
}

AttributeMap read_attributes(const JsonReader& r) {
  AttributeMap out;
  r.for_each_member([&](const std::string& k, const JsonReader& v) {
    out.emplace(k, read_attribute_value(v));
  });
  return out;
}

}  // namespace vantage::core
