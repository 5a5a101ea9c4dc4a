// schema.json (native folder): parse, read, write back, read again: equal.
#include "core/io/native_format.h"
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  core::Schema schema;
  if (!fuzz::accepts([&] { schema = core::schema_from_json(core::parse_json_text(text, "f.json"), "f.json"); }))
    return 0;
  const std::string out = core::schema_to_json(schema);
  const core::Schema again = core::schema_from_json(core::parse_json_text(out, "out.json"), "out.json");
  if (!(again == schema)) fuzz::fail("schema.json does not round-trip");
  return 0;
}
