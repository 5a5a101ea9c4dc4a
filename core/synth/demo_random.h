#pragma once
// Deterministic randomness for the synthetic demo. The standard library's
// distributions are implementation-defined, so "same seed, same bytes" needs
// our own: a SplitMix64 stream for sequential draws and counter-based hashes
// for per-ray / per-pixel noise (order-free, so parallel work stays
// deterministic).

#include <cmath>
#include <cstdint>

namespace vantage::core {

// SplitMix64 finaliser: a good 64-bit mix of one word.
inline uint64_t mix64(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

inline uint64_t hash64(uint64_t a, uint64_t b = 0, uint64_t c = 0, uint64_t d = 0) {
  return mix64(mix64(mix64(mix64(a) ^ b) ^ c) ^ d);
}

// Uniform in [0, 1) from a hash.
inline double hash_unit(uint64_t a, uint64_t b = 0, uint64_t c = 0, uint64_t d = 0) {
  return static_cast<double>(hash64(a, b, c, d) >> 11) * 0x1.0p-53;
}

class DemoRng {
 public:
  explicit DemoRng(uint64_t seed) : state_(mix64(seed)) {}

  uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return mix64(state_);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double a, double b) { return a + (b - a) * uniform(); }
  // Inclusive range.
  int integer(int lo, int hi) {
    return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool chance(double p) { return uniform() < p; }
  // Standard normal (Box-Muller; one value per call keeps the stream simple).
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
  }
  // An independent stream, so adding draws to one part of the generator does
  // not reshuffle every other part.
  DemoRng fork(uint64_t salt) const { return DemoRng(hash64(state_, salt)); }

 private:
  uint64_t state_;
};

}  // namespace vantage::core
