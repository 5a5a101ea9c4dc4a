// The LZF decoder (PCD binary_compressed), against liblzf's as the
// reference: the same output or the same rejection, for any input and
// output length, with and without slack past the buffers.
#include <lzf.h>

#include <cstring>
#include <vector>

#include "core/io/lzf_decode.h"
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2 || size > 65536) return -1;
  // The first two bytes give the expected output length (0..65535).
  const size_t out_len = size_t{data[0]} | (size_t{data[1]} << 8);
  const uint8_t* in = data + 2;
  const size_t in_len = size - 2;
  const bool slack = (fuzz::flags_of(data, size) & 1) != 0;
  // Exact-size heap buffers so ASan sees any access past them.
  std::vector<char> src(in, in + in_len);
  src.resize(in_len + (slack ? core::kLzfSlack : 0));
  std::vector<char> out(out_len + (slack ? core::kLzfSlack : 0));
  std::vector<char> ref(out_len ? out_len : 1);
  const size_t got = core::lzf_decode(src.data(), in_len, src.size(), out.data(), out_len, out.size());
  const unsigned want =
      in_len ? lzf_decompress(src.data(), static_cast<unsigned>(in_len), ref.data(),
                              static_cast<unsigned>(out_len))
             : 0;
  // Both return the bytes decoded (fewer than out_len when the input ends
  // first) or 0 for corrupt data and output that does not fit.
  if (got != want) fuzz::fail("lzf_decode and liblzf disagree on the length");
  if (got && std::memcmp(out.data(), ref.data(), got) != 0) fuzz::fail("lzf_decode differs from liblzf");
  return 0;
}
