#include "core/geometry/progressive_order.h"

#include <numeric>

namespace vantage::core {

namespace {
__extension__ typedef unsigned __int128 U128;  // GCC and Clang: -Wpedantic accepts it so
}  // namespace

std::vector<uint32_t> progressive_order(size_t n, uint64_t seed) {
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  // splitmix64: fast, and good enough that prefixes look uniform.
  uint64_t s = seed;
  auto next = [&s] {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  for (size_t i = n; i > 1; --i) {
    // Lemire's multiply-shift: an index in [0, i) without division.
    const size_t j = size_t(U128(next()) * i >> 64);
    std::swap(order[i - 1], order[j]);
  }
  return order;
}

}  // namespace vantage::core
