// A whole native folder (sequence.json, schema.json, annotations.json, split
// from one input at "\n----\n"): load_native, with schema migration and the
// checks between the files, then the structural validation `vantage
// validate` runs on every opened document.
#include "core/io/native_format.h"
#include "core/qa/structural_validation.h"
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  const auto parts = fuzz::split_parts({reinterpret_cast<const char*>(data), size}, 3);
  fuzz::clear_scratch();
  const auto dir = fuzz::scratch_dir() / "seq";
  fuzz::write_scratch("seq/sequence.json", parts[0]);
  if (!parts[1].empty()) fuzz::write_scratch("seq/schema.json", parts[1]);
  if (!parts[2].empty()) fuzz::write_scratch("seq/annotations.json", parts[2]);
  core::Document doc;
  if (!fuzz::accepts([&] { doc = core::load_native(dir); })) return 0;
  fuzz::accepts([&] { (void)core::validate_structure(doc); });
  return 0;
}
