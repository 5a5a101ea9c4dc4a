// sequence.json (native folder): parse, read, and if it reads, write it back
// and read that again: the same sequence (the native format is lossless).
#include "core/io/native_format.h"
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  core::Sequence seq;
  if (!fuzz::accepts([&] { seq = core::sequence_from_json(core::parse_json_text(text, "f.json"), "f.json"); }))
    return 0;
  const std::string out = core::sequence_to_json(seq);
  const core::Sequence again = core::sequence_from_json(core::parse_json_text(out, "out.json"), "out.json");
  if (!(again == seq)) fuzz::fail("sequence.json does not round-trip");
  return 0;
}
