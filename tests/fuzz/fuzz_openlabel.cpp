// OpenLabel import (import_annotations on openlabel.json), then an export of the
// result in the same format (see fuzz_support.h, import_and_export).
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  fuzz::clear_scratch();
  const auto input = fuzz::write_scratch("in/openlabel.json", {reinterpret_cast<const char*>(data), size});
  fuzz::import_and_export(core::FormatId::OpenLabel, input, fuzz::flags_of(data, size));
  return 0;
}
