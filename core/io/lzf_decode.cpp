#include "core/io/lzf_decode.h"

#include <cstdint>
#include <cstring>

namespace vantage::core {

namespace {

inline void copy8(uint8_t* d, const uint8_t* s) { std::memcpy(d, s, 8); }
inline void copy16(uint8_t* d, const uint8_t* s) { std::memcpy(d, s, 16); }

}  // namespace

size_t lzf_decode(const void* in_data, size_t in_len, size_t in_capacity, void* out_data,
                  size_t out_len, size_t out_capacity) {
  const uint8_t* ip = static_cast<const uint8_t*>(in_data);
  const uint8_t* const in_end = ip + in_len;
  const uint8_t* const in_cap = ip + (in_capacity < in_len ? in_len : in_capacity);
  uint8_t* op = static_cast<uint8_t*>(out_data);
  uint8_t* const out = op;
  uint8_t* const out_end = op + out_len;
  uint8_t* const out_cap = op + (out_capacity < out_len ? out_len : out_capacity);
  // Fast loop: while no token can run past either end (a token reads at
  // most 3 + 32 bytes and writes at most 264, and the slack covers the
  // word copies), only references before the output's start are checked.
  if (in_cap - in_end >= 32 && out_cap - out_end >= 64 && in_len > 40 && out_len > 300) {
    const uint8_t* const in_fast = in_end - 40;
    uint8_t* const out_fast = out_end - 300;
    while (ip < in_fast && op < out_fast) {
      const unsigned ctrl = *ip++;
      if (ctrl < 32) {
        copy16(op, ip);
        copy16(op + 16, ip + 16);
        op += ctrl + 1;
        ip += ctrl + 1;
        continue;
      }
      size_t len = ctrl >> 5;
      if (len == 7) len += *ip++;
      const size_t dist = ((static_cast<size_t>(ctrl & 31) << 8) | *ip++) + 1;
      len += 2;
      if (static_cast<size_t>(op - out) < dist) return 0;
      const uint8_t* ref = op - dist;
      if (dist >= 16) {
        copy16(op, ref);
        for (size_t k = 16; k < len; k += 16) copy16(op + k, ref + k);
      } else if (dist >= 8) {
        for (size_t k = 0; k < len; k += 8) copy8(op + k, ref + k);
      } else if (dist == 1) {
        std::memset(op, *ref, len);
      } else {
        uint8_t pat[8];
        for (size_t k = 0; k < dist; ++k) pat[k] = ref[k];
        for (size_t k = dist; k < 8; ++k) pat[k] = pat[k - dist];
        const size_t step = (8 / dist) * dist;
        for (size_t k = 0; k < len; k += step) copy8(op + k, pat);
      }
      op += len;
    }
  }
  while (ip < in_end) {
    const unsigned ctrl = *ip++;
    if (ctrl < 32) {  // literal run of ctrl + 1 bytes (1..32)
      const size_t len = ctrl + 1;
      if (static_cast<size_t>(in_end - ip) < len || static_cast<size_t>(out_end - op) < len)
        return 0;
      if (in_cap - ip >= 32 && out_cap - op >= 32) {
        copy16(op, ip);
        copy16(op + 16, ip + 16);
      } else {
        std::memcpy(op, ip, len);
      }
      op += len;
      ip += len;
      continue;
    }
    // Back reference: length (ctrl >> 5) + 2, or 9 + next byte when 7;
    // distance ((ctrl & 31) << 8) + next byte + 1.
    size_t len = ctrl >> 5;
    if (ip >= in_end) return 0;
    if (len == 7) {
      len += *ip++;
      if (ip >= in_end) return 0;
    }
    const size_t dist = ((static_cast<size_t>(ctrl & 31) << 8) | *ip++) + 1;
    len += 2;
    if (static_cast<size_t>(op - out) < dist || static_cast<size_t>(out_end - op) < len) return 0;
    const uint8_t* ref = op - dist;
    const bool wild = static_cast<size_t>(out_cap - op) >= len + 16;
    if (dist >= 16 && wild) {
      // Words of 16 never overlap their own source; later words read what
      // earlier ones wrote, as the format means.
      for (size_t k = 0; k < len; k += 16) copy16(op + k, ref + k);
    } else if (dist >= 8 && wild) {
      for (size_t k = 0; k < len; k += 8) copy8(op + k, ref + k);
    } else if (dist == 1) {
      std::memset(op, *ref, len);
    } else if (wild) {
      // A pattern of 2..7 bytes repeated: 16 bytes of it, written a word at
      // a time in steps of a whole number of periods.
      uint8_t pat[16];
      for (size_t k = 0; k < dist; ++k) pat[k] = ref[k];
      for (size_t k = dist; k < 8; ++k) pat[k] = pat[k - dist];
      const size_t step = (8 / dist) * dist;
      for (size_t k = 0; k < len; k += step) copy8(op + k, pat);
    } else {
      for (size_t k = 0; k < len; ++k) op[k] = ref[k];  // near the end: exact
    }
    op += len;
  }
  return static_cast<size_t>(op - out);
}

}  // namespace vantage::core
