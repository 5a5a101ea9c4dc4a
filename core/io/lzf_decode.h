#pragma once
// LZF decompression (the format of liblzf, used by PCL's binary_compressed
// PCD) at memory speed. liblzf's decoder copies byte by byte; this one copies
// literal runs and back references in 8- and 16-byte words, expands short
// repeating patterns (a back reference closer than 8 bytes, common in float
// columns) a word at a time, and, when the caller's buffers have slack past
// their ends, copies whole words past a run's end (the next run overwrites
// them), as fast LZ decoders do. liblzf stays the writer; tests check this
// decoder against it.
//
// Safe on hostile input: every run and reference is checked against both
// buffers' real lengths before it is copied; wild copies stay inside the
// capacities.

#include <cstddef>

namespace vantage::core {

// Bytes of slack past the lengths that let lzf_decode copy whole words.
inline constexpr size_t kLzfSlack = 64;

// Decodes `in` (in_len bytes; readable up to in_capacity) into `out`
// (out_len bytes expected; writable up to out_capacity). Returns the number
// of bytes decoded, or 0 when the data is corrupt (a reference before the
// start of the output, a run past either buffer's end).
size_t lzf_decode(const void* in, size_t in_len, size_t in_capacity, void* out, size_t out_len,
                  size_t out_capacity);
inline size_t lzf_decode(const void* in, size_t in_len, void* out, size_t out_len) {
  return lzf_decode(in, in_len, in_len, out, out_len, out_len);
}

}  // namespace vantage::core
