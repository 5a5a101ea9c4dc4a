// The LZF decoder against liblzf itself (the reference): random and
// compressible buffers, every length from 0 up, and corrupt inputs, which
// must return 0 without reading or writing outside the buffers (the ASan
// build checks that).
#include <catch2/catch.hpp>

#include <lzf.h>

#include <random>
#include <vector>

#include "core/io/lzf_decode.h"

using namespace vantage::core;

namespace {

std::vector<char> make_input(std::mt19937& rng, size_t n, int kind) {
  std::vector<char> v(n);
  for (size_t i = 0; i < n; ++i) {
    switch (kind) {
      case 0:  // noise: literals only
        v[i] = char(rng());
        break;
      case 1:  // runs: back references of distance 1
        v[i] = char((i / 37) % 5);
        break;
      default:  // float columns like a LiDAR sweep: mixed distances
        v[i] = char((i % 4 == 3) ? rng() % 3 : (i * 7) % 251);
        break;
    }
  }
  return v;
}

}  // namespace

TEST_CASE("lzf_decode reproduces liblzf's decompression", "[io][lzf]") {
  std::mt19937 rng(5);
  for (int kind = 0; kind < 3; ++kind)
    for (size_t n : {size_t(0), size_t(1), size_t(7), size_t(8), size_t(33), size_t(264),
                     size_t(4096), size_t(200000)}) {
      INFO("kind " << kind << " size " << n);
      const std::vector<char> src = make_input(rng, n, kind);
      std::vector<char> packed(n + n / 16 + 64);
      const unsigned c = lzf_compress(src.data(), unsigned(n), packed.data(), unsigned(packed.size()));
      if (n == 0) continue;
      REQUIRE(c > 0);
      std::vector<char> a(n), b(n);
      REQUIRE(lzf_decompress(packed.data(), c, a.data(), unsigned(n)) == n);
      REQUIRE(lzf_decode(packed.data(), c, b.data(), n) == n);
      CHECK(a == b);
      CHECK(b == src);
    }
}

TEST_CASE("lzf_decode refuses corrupt data without leaving its buffers", "[io][lzf]") {
  std::mt19937 rng(9);
  const std::vector<char> src = make_input(rng, 5000, 2);
  std::vector<char> packed(6000);
  const unsigned c = lzf_compress(src.data(), 5000, packed.data(), 6000);
  REQUIRE(c > 0);
  std::vector<char> out(5000);
  // Output too small, input cut short.
  CHECK(lzf_decode(packed.data(), c, out.data(), 4999) == 0);
  const size_t cut = lzf_decode(packed.data(), c - 1, out.data(), 5000);
  CHECK(cut < 5000);
  // A reference before the start of the output: ctrl 0xE0 (length 7+),
  // distance 8192 at position 0.
  const unsigned char bad[] = {0xFF, 0x05, 0xFF};
  CHECK(lzf_decode(bad, sizeof bad, out.data(), out.size()) == 0);
  // A literal run longer than what is left of the input.
  const unsigned char short_run[] = {0x1F, 'a', 'b'};
  CHECK(lzf_decode(short_run, sizeof short_run, out.data(), out.size()) == 0);
  // Random garbage: whatever comes out stays inside the buffer.
  for (int t = 0; t < 2000; ++t) {
    std::vector<unsigned char> junk(1 + rng() % 64);
    for (auto& b : junk) b = static_cast<unsigned char>(rng());
    std::vector<char> o(1 + rng() % 512);
    CHECK(lzf_decode(junk.data(), junk.size(), o.data(), o.size()) <= o.size());
  }
}

TEST_CASE("lzf_decode with slack (word copies past run ends) decodes the same bytes",
          "[io][lzf]") {
  std::mt19937 rng(17);
  for (int kind = 0; kind < 3; ++kind)
    for (size_t n : {size_t(1), size_t(9), size_t(100), size_t(5000), size_t(300000)}) {
      const std::vector<char> src = make_input(rng, n, kind);
      std::vector<char> packed(n + n / 16 + 64 + kLzfSlack);
      const unsigned c = lzf_compress(src.data(), unsigned(n), packed.data(), unsigned(packed.size()));
      REQUIRE(c > 0);
      std::vector<char> out(n + kLzfSlack, '\x7f');
      REQUIRE(lzf_decode(packed.data(), c, packed.size(), out.data(), n, out.size()) == n);
      CHECK(std::equal(src.begin(), src.end(), out.begin()));
      // Short patterns of every period 2..7 (back references closer than a word).
      for (size_t period = 2; period < 8; ++period) {
        std::vector<char> p(777);
        for (size_t i = 0; i < p.size(); ++i) p[i] = char(i < period ? rng() : p[i - period]);
        std::vector<char> pk(2000);
        const unsigned pc = lzf_compress(p.data(), unsigned(p.size()), pk.data(), unsigned(pk.size()));
        std::vector<char> o(p.size() + kLzfSlack);
        REQUIRE(lzf_decode(pk.data(), pc, pk.size(), o.data(), p.size(), o.size()) == p.size());
        CHECK(std::equal(p.begin(), p.end(), o.begin()));
      }
    }
}
