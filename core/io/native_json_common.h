#pragma once
// Pieces shared by the native JSON readers and writers.

#include "core/io/json_reader.h"
#include "core/io/json_writer.h"
#include "core/model/attribute.h"

namespace vantage::core {

// Checks "format" and "format_version" of a native file.
void check_format_header(const JsonReader& root, const char* expected_format);

void write_attribute_value(JsonWriter& w, const AttributeValue& v);
AttributeValue read_attribute_value(const JsonReader& r);
void write_attributes(JsonWriter& w, const AttributeMap& attrs);
AttributeMap read_attributes(const JsonReader& r);

}  // namespace vantage::core
