// YOLO import of a dataset folder: labels/000000.txt (first part of the
// input) and data.yaml (second part, after "\n----\n"; class names, kpt_shape),
// then an export in YOLO again (see fuzz_support.h, import_and_export).
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  const auto parts = fuzz::split_parts({reinterpret_cast<const char*>(data), size}, 2);
  fuzz::clear_scratch();
  fuzz::write_scratch("in/labels/000000.txt", parts[0]);
  if (!parts[1].empty()) fuzz::write_scratch("in/data.yaml", parts[1]);
  fuzz::import_and_export(core::FormatId::Yolo, fuzz::scratch_dir() / "in",
                          fuzz::flags_of(data, size));
  return 0;
}
