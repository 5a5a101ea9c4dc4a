// Point cloud readers and the PCD writer: real KITTI / nuScenes / PCD files
// against PROVENANCE.md and their raw bytes, hand-built PCD and PLY files in
// every encoding, round trips, and bad input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <random>

#include <fmt/format.h>

#include "core/io/point_cloud_io.h"
#include "core/util/error.h"
#include "tests/support/test_support.h"

using namespace vantage::core;
namespace fs = std::filesystem;
using vantage::test::TempDir;

namespace {

// Little- or big-endian byte builder for hand-made binary files.
struct Bytes {
  std::string s;
  template <class T>
  Bytes& put(T v, bool big_endian = false) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    if (big_endian) std::reverse(b, b + sizeof(T));
    s.append(b, sizeof(T));
    return *this;
  }
  Bytes& text(const std::string& t) {
    s += t;
    return *this;
  }
};

void write_bytes(const fs::path& p, const std::string& bytes) {
  std::ofstream f(p, std::ios::binary);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string read_bytes(const fs::path& p, size_t offset, size_t n) {
  std::ifstream f(p, std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  std::string out(n, '\0');
  f.read(out.data(), static_cast<std::streamsize>(n));
  return out;
}

// The error a reader throws, or a failed test.
template <class F>
FileError error_of(F&& f) {
  try {
    f();
  } catch (const FileError& e) {
    return e;
  }
  FAIL("expected a FileError");
  return FileError("", "", "");
}

bool same_cloud(const PointCloud& a, const PointCloud& b) {
  return a.points.size() == b.points.size() && a.has_intensity == b.has_intensity &&
         a.ring == b.ring && a.rgb == b.rgb &&
         std::memcmp(a.points.data(), b.points.data(), a.points.size() * sizeof(glm::vec4)) == 0;
}

// An LZF stream of literal runs only (control byte n-1, then n <= 32 bytes):
// valid LZF that any decoder must reproduce, built without the compressor.
std::string lzf_literals(const std::string& raw) {
  std::string out;
  for (size_t i = 0; i < raw.size(); i += 32) {
    const size_t n = std::min<size_t>(32, raw.size() - i);
    out += static_cast<char>(n - 1);
    out.append(raw, i, n);
  }
  return out;
}

}  // namespace

// --- real data ----------------------------------------------------------------

TEST_CASE("KITTI velodyne .bin files: point counts and raw bytes", "[io][data]") {
  const fs::path dir = vantage::test::shared_data() / "kitti_object" / "velodyne";
  const std::pair<const char*, size_t> expected[] = {
      {"000000.bin", 115384}, {"000001.bin", 120268}, {"000002.bin", 126891}};
  for (const auto& [name, count] : expected) {
    const PointCloud c = read_point_cloud(dir / name);
    CHECK(c.size() == count);
    CHECK(c.has_intensity);
    CHECK(c.ring.empty());
    CHECK(c.rgb.empty());
    // First and last point equal the raw float32 bytes.
    CHECK(read_bytes(dir / name, 0, 16) ==
          std::string(reinterpret_cast<const char*>(&c.points[0]), 16));
    CHECK(read_bytes(dir / name, (count - 1) * 16, 16) ==
          std::string(reinterpret_cast<const char*>(&c.points[count - 1]), 16));
    float lo = 1e9f, hi = -1e9f;
    for (const auto& p : c.points)
      lo = std::min(lo, p.w), hi = std::max(hi, p.w);
    CHECK(lo >= 0.0f);
    CHECK(hi <= 1.0f);
  }
}

TEST_CASE("Real binary PCD files: POINTS wins over the trailing bytes", "[io][data]") {
  const fs::path dir = vantage::test::shared_data() / "pcd" / "sfnd_kitti_raw_data_1";
  const std::pair<const char*, size_t> expected[] = {
      {"0000000000.pcd", 119978}, {"0000000001.pcd", 118703}, {"0000000002.pcd", 116651}};
  for (const auto& [name, count] : expected) {
    const PointCloud c = read_point_cloud(dir / name);
    CHECK(c.size() == count);
    CHECK(c.has_intensity);
    // The header is 190 bytes; the data are x y z intensity float32.
    CHECK(fs::file_size(dir / name) == 190 + count * 16 + 3906);
    CHECK(read_bytes(dir / name, 190, 16) ==
          std::string(reinterpret_cast<const char*>(&c.points[0]), 16));
    CHECK(read_bytes(dir / name, 190 + (count - 1) * 16, 16) ==
          std::string(reinterpret_cast<const char*>(&c.points[count - 1]), 16));
  }
}

TEST_CASE("nuScenes .pcd.bin: 5 values per point with intensity and ring", "[io][data]") {
  const fs::path dir = vantage::test::shared_data() / "nuscenes_sample" / "samples" / "LIDAR_TOP";
  const fs::path file = dir / "n015-2018-07-24-11-22-45+0800__LIDAR_TOP__1532402927647951.pcd.bin";
  PointCloudReadOptions o;
  o.bin_values_per_point = 5;
  const PointCloud c = read_point_cloud(file, o);
  REQUIRE(c.size() == 34688);
  REQUIRE(c.ring.size() == 34688);
  const std::string raw = read_bytes(file, 0, 40);
  float v[10];
  std::memcpy(v, raw.data(), 40);
  CHECK(c.points[0] == glm::vec4(v[0], v[1], v[2], v[3]));
  CHECK(c.ring[0] == static_cast<uint16_t>(v[4]));
  CHECK(c.points[1] == glm::vec4(v[5], v[6], v[7], v[8]));
  float ilo = 1e9f, ihi = -1e9f;
  uint16_t rhi = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    ilo = std::min(ilo, c.points[i].w), ihi = std::max(ihi, c.points[i].w);
    rhi = std::max(rhi, c.ring[i]);
  }
  CHECK(ilo >= 0.0f);
  CHECK(ihi > 1.0f);  // 0..255, unlike KITTI's 0..1
  CHECK(ihi <= 255.0f);
  CHECK(rhi == 31);
  // With 3 values per point the size does not divide.
  const FileError e = error_of([&] { read_kitti_bin(file, 3); });
  CHECK(e.file() == file.string());
  CHECK_THAT(e.message(), Catch::Contains("693760 bytes is not a multiple of the point size 12"));
}

TEST_CASE("PCD round trips: ascii, binary and binary_compressed give identical clouds",
          "[io][data]") {
  const PointCloud real =
      read_pcd(vantage::test::shared_data() / "pcd" / "sfnd_kitti_raw_data_1" / "0000000001.pcd");
  TempDir dir;
  for (const char* enc : {"ascii", "binary", "binary_compressed"}) {
    const fs::path p = dir / (std::string(enc) + ".pcd");
    write_pcd(p, real, enc);
    const PointCloud back = read_pcd(p);
    CHECK(same_cloud(back, real));
  }
  // binary_compressed is smaller than binary for real data.
  CHECK(fs::file_size(dir / "binary_compressed.pcd") < fs::file_size(dir / "binary.pcd"));
}

// --- hand-made files ----------------------------------------------------------

TEST_CASE("PCD round trips keep ring, colour, NaN and extreme values", "[io]") {
  PointCloud c;
  c.has_intensity = true;
  c.points = {{1.5f, -2.25f, 3.0f, 0.125f},
              {std::nanf(""), 0.0f, -0.0f, 255.0f},
              {1e-38f, -3.4e38f, 1.17549435e-38f, 1e-45f},
              {0.1f, 0.2f, 0.3f, 0.4f}};
  c.ring = {0, 31, 65535, 7};
  c.rgb = {0xFF0000, 0x00FF00, 0x0000FF, 0x123456};
  TempDir dir;
  for (const char* enc : {"ascii", "binary", "binary_compressed"}) {
    const fs::path p = dir / (std::string(enc) + ".pcd");
    write_pcd(p, c, enc);
    const PointCloud back = read_pcd(p);
    CHECK(same_cloud(back, c));
  }
  PointCloud plain;  // no intensity: the field is not written
  plain.points = {{1, 2, 3, 0}};
  write_pcd(dir / "plain.pcd", plain, "ascii");
  CHECK(vantage::test::read_text(dir / "plain.pcd").find("FIELDS x y z\n") != std::string::npos);
  CHECK(same_cloud(read_pcd(dir / "plain.pcd"), plain));
  CHECK_THROWS_AS(write_pcd(dir / "bad.pcd", plain, "binary_lz4"), Error);
}

TEST_CASE("PCD ascii: comments, COUNT, mixed types, CRLF and extra fields", "[io]") {
  TempDir dir;
  const fs::path p = dir / "a.pcd";
  vantage::test::write_text(p,
                            "# .PCD v0.7 - a comment\r\n"
                            "VERSION .7\r\n"
                            "FIELDS normal x y z i ring rgb\r\n"
                            "# comments may appear anywhere in the header\r\n"
                            "SIZE 4 8 4 4 1 2 4\r\n"
                            "TYPE F F F F U U F\r\n"
                            "COUNT 3 1 1 1 1 1 1\r\n"
                            "WIDTH 2\r\n"
                            "HEIGHT 1\r\n"
                            "VIEWPOINT 0 0 0 1 0 0 0\r\n"
                            "POINTS 2\r\n"
                            "DATA ascii\r\n"
                            "0.1 0.2 0.3 1.25 -2 +3e2 200 5 4278190335\r\n"
                            "nan 0 0 nan 1 2 0 65535 1.0e-40\r\n");
  const PointCloud c = read_pcd(p);
  REQUIRE(c.size() == 2);
  CHECK(c.points[0] == glm::vec4(1.25f, -2.0f, 300.0f, 200.0f));
  CHECK(std::isnan(c.points[1].x));
  CHECK(c.points[1].y == 1.0f);
  CHECK(c.has_intensity);
  CHECK(c.ring == std::vector<uint16_t>{5, 65535});
  REQUIRE(c.rgb.size() == 2);
  CHECK(c.rgb[0] == 0x0000FF);  // 0xFF0000FF as integer text: alpha dropped
  float f = 1.0e-40f;
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  CHECK(c.rgb[1] == (bits & 0xFFFFFFu));
}

TEST_CASE("PCD binary with mixed field types and binary_compressed built by hand", "[io]") {
  TempDir dir;
  const std::string header =
      "VERSION 0.7\nFIELDS x y z intensity ring r g b _\nSIZE 8 8 8 2 2 1 1 1 1\n"
      "TYPE F F F U U U U U I\nCOUNT 1 1 1 1 1 1 1 1 1\nWIDTH 3\nHEIGHT 1\nPOINTS 3\n";
  const double xs[3] = {1.5, -7.25, 100.0};
  const uint16_t inten[3] = {0, 1000, 65535};
  const uint16_t ring[3] = {3, 4, 63};
  const uint8_t rgb[3][3] = {{255, 0, 0}, {1, 2, 3}, {0, 0, 255}};
  Bytes rows;
  for (int i = 0; i < 3; ++i)
    rows.put(xs[i])
        .put(xs[i] * 2)
        .put(xs[i] * 3)
        .put(inten[i])
        .put(ring[i])
        .put(rgb[i][0])
        .put(rgb[i][1])
        .put(rgb[i][2])
        .put(int8_t{-1});
  write_bytes(dir / "bin.pcd", header + "DATA binary\n" + rows.s);
  // The same points column-major, LZF-wrapped.
  Bytes cols;
  for (int i = 0; i < 3; ++i)
    cols.put(xs[i]);
  for (int i = 0; i < 3; ++i)
    cols.put(xs[i] * 2);
  for (int i = 0; i < 3; ++i)
    cols.put(xs[i] * 3);
  for (int i = 0; i < 3; ++i)
    cols.put(inten[i]);
  for (int i = 0; i < 3; ++i)
    cols.put(ring[i]);
  for (int k = 0; k < 3; ++k)
    for (int i = 0; i < 3; ++i)
      cols.put(rgb[i][k]);
  for (int i = 0; i < 3; ++i)
    cols.put(int8_t{-1});
  const std::string packed = lzf_literals(cols.s);
  Bytes comp;
  comp.put(static_cast<uint32_t>(packed.size())).put(static_cast<uint32_t>(cols.s.size()));
  write_bytes(dir / "comp.pcd", header + "DATA binary_compressed\n" + comp.s + packed);
  for (const char* name : {"bin.pcd", "comp.pcd"}) {
    INFO(name);
    const PointCloud c = read_pcd(dir / name);
    REQUIRE(c.size() == 3);
    for (int i = 0; i < 3; ++i) {
      CHECK(c.points[i] ==
            glm::vec4(float(xs[i]), float(xs[i] * 2), float(xs[i] * 3), float(inten[i])));
      CHECK(c.ring[i] == ring[i]);
      CHECK(c.rgb[i] == (uint32_t(rgb[i][0]) << 16 | uint32_t(rgb[i][1]) << 8 | rgb[i][2]));
    }
  }
}

namespace {

// A face element (with a list property) before the vertices, an edge element
// after them, and vertex properties we do not keep.
std::string ply_header(const std::string& format) {
  return "ply\nformat " + format +
         " 1.0\ncomment made by hand\nelement face 2\nproperty list uchar int vertex_indices\n"
         "property float quality\n"
         "element vertex 3\nproperty float x\nproperty float y\nproperty float z\n"
         "property double nx\nproperty ushort intensity\nproperty uchar red\n"
         "property uchar green\nproperty uchar blue\nelement edge 1\nproperty int v1\n"
         "property int v2\nend_header\n";
}

const float kPlyXyz[3][3] = {{1, 2, 3}, {-4.5f, 0.25f, 8}, {1e6f, -1e-6f, 0}};
const uint16_t kPlyIntensity[3] = {7, 500, 65535};
const uint8_t kPlyRgb[3][3] = {{255, 128, 0}, {0, 0, 0}, {10, 20, 30}};

std::string ply_binary(bool be) {
  Bytes b;
  b.text(ply_header(be ? "binary_big_endian" : "binary_little_endian"));
  // Faces: 3 and 4 indices.
  b.put(uint8_t{3}, be).put(int32_t{0}, be).put(int32_t{1}, be).put(int32_t{2}, be).put(0.5f, be);
  b.put(uint8_t{4}, be)
      .put(int32_t{0}, be)
      .put(int32_t{1}, be)
      .put(int32_t{2}, be)
      .put(int32_t{0}, be)
      .put(1.5f, be);
  for (int i = 0; i < 3; ++i) {
    b.put(kPlyXyz[i][0], be).put(kPlyXyz[i][1], be).put(kPlyXyz[i][2], be).put(0.577, be);
    b.put(kPlyIntensity[i], be).put(kPlyRgb[i][0]).put(kPlyRgb[i][1]).put(kPlyRgb[i][2]);
  }
  b.put(int32_t{0}, be).put(int32_t{1}, be);
  return b.s;
}

void check_ply_cloud(const PointCloud& c) {
  REQUIRE(c.size() == 3);
  CHECK(c.has_intensity);
  CHECK(c.ring.empty());
  REQUIRE(c.rgb.size() == 3);
  for (int i = 0; i < 3; ++i) {
    CHECK(c.points[i] == glm::vec4(kPlyXyz[i][0], kPlyXyz[i][1], kPlyXyz[i][2], kPlyIntensity[i]));
    CHECK(c.rgb[i] ==
          (uint32_t(kPlyRgb[i][0]) << 16 | uint32_t(kPlyRgb[i][1]) << 8 | kPlyRgb[i][2]));
  }
}

}  // namespace

TEST_CASE("PLY in ascii, binary little and big endian, skipping other elements", "[io]") {
  TempDir dir;
  std::string ascii = ply_header("ascii");
  ascii += "3 0 1 2 0.5\n4 0 1 2 0 1.5\n";
  ascii +=
      "1 2 3 0.577 7 255 128 0\n-4.5 0.25 8 0.577 500 0 0 0\n1e6 -1e-6 0 0.577 65535 10 20 30\n";
  ascii += "0 1\n";
  vantage::test::write_text(dir / "a.ply", ascii);
  write_bytes(dir / "le.ply", ply_binary(false));
  write_bytes(dir / "be.ply", ply_binary(true));
  for (const char* name : {"a.ply", "le.ply", "be.ply"}) {
    INFO(name);
    check_ply_cloud(read_point_cloud(dir / name));
  }
}

TEST_CASE("PLY vertices with a list property and float colours", "[io]") {
  TempDir dir;
  const std::string header =
      "ply\nformat {} 1.0\nelement vertex 2\nproperty float x\nproperty list uchar float tags\n"
      "property float y\nproperty float z\nproperty float r\nproperty float g\nproperty float b\n"
      "end_header\n";
  auto with = [&](const std::string& f) {
    std::string h = header;
    h.replace(h.find("{}"), 2, f);
    return h;
  };
  vantage::test::write_text(dir / "a.ply", with("ascii") + "1 2 9 9 2 3 1 0.5 0\n4 0 5 6 0 0 1\n");
  Bytes b;
  b.text(with("binary_little_endian"));
  b.put(1.0f).put(uint8_t{2}).put(9.0f).put(9.0f).put(2.0f).put(3.0f).put(1.0f).put(0.5f).put(0.0f);
  b.put(4.0f).put(uint8_t{0}).put(5.0f).put(6.0f).put(0.0f).put(0.0f).put(1.0f);
  write_bytes(dir / "b.ply", b.s);
  for (const char* name : {"a.ply", "b.ply"}) {
    INFO(name);
    const PointCloud c = read_ply(dir / name);
    REQUIRE(c.size() == 2);
    CHECK(!c.has_intensity);
    CHECK(c.points[0] == glm::vec4(1, 2, 3, 0));
    CHECK(c.points[1] == glm::vec4(4, 5, 6, 0));
    CHECK(c.rgb == std::vector<uint32_t>{0xFF8000, 0x0000FF});
  }
}

// --- bad input ------------------------------------------------------------------

TEST_CASE("Bad point cloud files give errors naming the file and the place", "[io]") {
  TempDir dir;
  SECTION(".bin whose size is not a multiple of the point size") {
    write_bytes(dir / "odd.bin", std::string(16 * 3 + 5, '\0'));
    const FileError e = error_of([&] { read_point_cloud(dir / "odd.bin"); });
    CHECK(e.file() == (dir / "odd.bin").string());
    CHECK(e.location() == "byte 48");
    CHECK_THAT(e.message(), Catch::Contains("53 bytes is not a multiple of the point size 16"));
  }
  SECTION("missing file") {
    const FileError e = error_of([&] { read_point_cloud(dir / "none.pcd"); });
    CHECK_THAT(e.message(), Catch::Contains("cannot open"));
  }
  SECTION("unknown extension") {
    write_bytes(dir / "x.xyz", "1 2 3\n");
    CHECK_THROWS_WITH(read_point_cloud(dir / "x.xyz"),
                      Catch::Contains("unknown point cloud extension"));
  }
  const std::string head = "VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\n";
  SECTION("PCD header that lies about its size") {
    write_bytes(dir / "lie.pcd",
                head + "WIDTH 10\nHEIGHT 1\nPOINTS 10\nDATA binary\n" + std::string(12 * 4, '\0'));
    const FileError e = error_of([&] { read_pcd(dir / "lie.pcd"); });
    CHECK(e.file() == (dir / "lie.pcd").string());
    CHECK(e.location() == fmt::format("byte {}", head.size() + 40));
    CHECK_THAT(e.message(), Catch::Contains("POINTS 10 of 12 bytes each need 120 bytes") &&
                                Catch::Contains("only 48 bytes follow"));
  }
  SECTION("PCD ascii with fewer points than POINTS") {
    write_bytes(dir / "few.pcd", head + "WIDTH 3\nHEIGHT 1\nPOINTS 3\nDATA ascii\n1 2 3\n4 5 6\n");
    const FileError e = error_of([&] { read_pcd(dir / "few.pcd"); });
    CHECK_THAT(e.message(), Catch::Contains("ends after 2 of 3 points"));
  }
  SECTION("PCD ascii with a non-number") {
    write_bytes(dir / "nan.pcd",
                head + "WIDTH 2\nHEIGHT 1\nPOINTS 2\nDATA ascii\n1 2 3\n4 abc 6\n");
    const FileError e = error_of([&] { read_pcd(dir / "nan.pcd"); });
    CHECK(e.location() == "line 11");
    CHECK_THAT(e.message(), Catch::Contains("field 'y': 'abc' is not a number"));
  }
  SECTION("PCD WIDTH x HEIGHT disagreeing with POINTS") {
    write_bytes(dir / "wh.pcd", head + "WIDTH 5\nHEIGHT 2\nPOINTS 9\nDATA binary\n");
    const FileError e = error_of([&] { read_pcd(dir / "wh.pcd"); });
    CHECK(e.location() == "line 8");
    CHECK_THAT(e.message(), Catch::Contains("POINTS 9 does not match WIDTH x HEIGHT = 5 x 2"));
  }
  SECTION("PCD TYPE/SIZE combinations") {
    write_bytes(dir / "f2.pcd", "FIELDS x y z\nSIZE 4 2 4\nTYPE F F F\nPOINTS 0\nDATA binary\n");
    FileError e = error_of([&] { read_pcd(dir / "f2.pcd"); });
    CHECK(e.location() == "line 3");
    CHECK_THAT(e.message(), Catch::Contains("field 'y': TYPE F with SIZE 2 is not supported"));
    write_bytes(dir / "q.pcd", "FIELDS x y z\nSIZE 4 4 4\nTYPE F Q F\nPOINTS 0\nDATA binary\n");
    e = error_of([&] { read_pcd(dir / "q.pcd"); });
    CHECK_THAT(e.message(), Catch::Contains("field 'y': unknown TYPE 'Q'"));
    write_bytes(dir / "u3.pcd", "FIELDS x y z\nSIZE 4 4 3\nTYPE F F U\nPOINTS 0\nDATA binary\n");
    e = error_of([&] { read_pcd(dir / "u3.pcd"); });
    CHECK_THAT(e.message(), Catch::Contains("TYPE U with SIZE 3"));
    write_bytes(dir / "n.pcd", "FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nPOINTS 0\nDATA binary\n");
    CHECK(read_pcd(dir / "n.pcd").empty());
  }
  SECTION("PCD header problems") {
    write_bytes(dir / "s.pcd", "FIELDS x y z\nSIZE 4 4\nTYPE F F F\nPOINTS 0\nDATA binary\n");
    CHECK_THROWS_WITH(
        read_pcd(dir / "s.pcd"),
        Catch::Contains("line 2") && Catch::Contains("SIZE has 2 values but FIELDS names 3"));
    write_bytes(dir / "noxyz.pcd", "FIELDS a b c\nSIZE 4 4 4\nTYPE F F F\nPOINTS 0\nDATA binary\n");
    CHECK_THROWS_WITH(read_pcd(dir / "noxyz.pcd"), Catch::Contains("no x, y and z"));
    write_bytes(dir / "nodata.pcd", "FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nPOINTS 0\n");
    CHECK_THROWS_WITH(read_pcd(dir / "nodata.pcd"), Catch::Contains("no DATA line"));
    write_bytes(dir / "kind.pcd", "FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nPOINTS 0\nDATA zip\n");
    CHECK_THROWS_WITH(read_pcd(dir / "kind.pcd"),
                      Catch::Contains("DATA 'zip' is not ascii, binary or binary_compressed"));
    write_bytes(dir / "neg.pcd", "FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nPOINTS -3\nDATA ascii\n");
    CHECK_THROWS_WITH(read_pcd(dir / "neg.pcd"),
                      Catch::Contains("POINTS '-3' is not a non-negative integer"));
    write_bytes(dir / "junk.pcd", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, '\x01'));
    CHECK_THROWS_AS(read_pcd(dir / "junk.pcd"), FileError);
  }
  SECTION("PCD binary_compressed: corrupt LZF data and bad sizes") {
    const std::string h = head + "WIDTH 2\nHEIGHT 1\nPOINTS 2\nDATA binary_compressed\n";
    // A back reference before the start of the output.
    Bytes bad;
    bad.put(uint32_t{4}).put(uint32_t{24}).text(std::string("\xE0\x00\x10\x00", 4));
    write_bytes(dir / "lzf.pcd", h + bad.s);
    FileError e = error_of([&] { read_pcd(dir / "lzf.pcd"); });
    CHECK(e.location() == fmt::format("byte {}", h.size() + 8));
    CHECK_THAT(e.message(), Catch::Contains("corrupt LZF data"));
    // Literal run longer than the data.
    Bytes shortrun;
    shortrun.put(uint32_t{5}).put(uint32_t{24}).text(std::string("\x1F\x01\x02\x03\x04", 5));
    write_bytes(dir / "run.pcd", h + shortrun.s);
    CHECK_THROWS_WITH(read_pcd(dir / "run.pcd"), Catch::Contains("corrupt LZF data"));
    // Size words that disagree with POINTS.
    Bytes wrong;
    wrong.put(uint32_t{4}).put(uint32_t{20}).text("abcd");
    write_bytes(dir / "size.pcd", h + wrong.s);
    CHECK_THROWS_WITH(read_pcd(dir / "size.pcd"),
                      Catch::Contains("uncompressed size 20 does not match POINTS 2 x 12"));
    // Compressed size beyond the end of the file.
    Bytes trunc;
    trunc.put(uint32_t{1000}).put(uint32_t{24}).text("abcd");
    write_bytes(dir / "trunc.pcd", h + trunc.s);
    CHECK_THROWS_WITH(read_pcd(dir / "trunc.pcd"),
                      Catch::Contains("compressed size 1000 exceeds the 4 bytes left"));
    write_bytes(dir / "nowords.pcd", h + "ab");
    CHECK_THROWS_WITH(read_pcd(dir / "nowords.pcd"), Catch::Contains("file ends early"));
  }
  SECTION("PLY unknown property type") {
    vantage::test::write_text(dir / "t.ply",
                              "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\n"
                              "property float y\nproperty half z\nend_header\n1 2 3\n");
    const FileError e = error_of([&] { read_ply(dir / "t.ply"); });
    CHECK(e.file() == (dir / "t.ply").string());
    CHECK(e.location() == "line 6");
    CHECK_THAT(e.message(),
               Catch::Contains("property 'z' of element 'vertex' has unknown type 'half'"));
  }
  SECTION("PLY truncated binary data") {
    std::string b = ply_binary(false);
    b.resize(b.size() - 20);  // into the last vertex
    write_bytes(dir / "tr.ply", b);
    const FileError e = error_of([&] { read_ply(dir / "tr.ply"); });
    CHECK_THAT(e.location(), Catch::StartsWith("byte "));
    CHECK_THAT(e.message(), Catch::Contains("file ends early: element 'vertex'"));
    // Truncated inside a face list before the vertices.
    std::string f = ply_header("binary_little_endian");
    Bytes face;
    face.put(uint8_t{200}).put(int32_t{0});
    write_bytes(dir / "tf.ply", f + face.s);
    const FileError e2 = error_of([&] { read_ply(dir / "tf.ply"); });
    CHECK_THAT(e2.message(), Catch::Contains("element 'face' 0 of 2"));
  }
  SECTION("PLY header problems") {
    vantage::test::write_text(dir / "nomagic.ply", "plx\nformat ascii 1.0\nend_header\n");
    CHECK_THROWS_WITH(read_ply(dir / "nomagic.ply"), Catch::Contains("not a PLY file"));
    vantage::test::write_text(
        dir / "novert.ply",
        "ply\nformat ascii 1.0\nelement face 0\nproperty list uchar int i\nend_header\n");
    CHECK_THROWS_WITH(read_ply(dir / "novert.ply"), Catch::Contains("no vertex element"));
    vantage::test::write_text(dir / "fmt.ply",
                              "ply\nformat binary_middle_endian 1.0\nend_header\n");
    CHECK_THROWS_WITH(read_ply(dir / "fmt.ply"),
                      Catch::Contains("line 2") && Catch::Contains("unknown format"));
    vantage::test::write_text(dir / "ascii_short.ply",
                              "ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\nproperty "
                              "float y\nproperty float z\nend_header\n1 2 3\n4 5\n");
    CHECK_THROWS_WITH(read_ply(dir / "ascii_short.ply"),
                      Catch::Contains("ends after 1 of 2 points"));
    vantage::test::write_text(dir / "noend.ply", "ply\nformat ascii 1.0\nelement vertex 2\n");
    CHECK_THROWS_WITH(read_ply(dir / "noend.ply"), Catch::Contains("no end_header"));
  }
}

TEST_CASE("Random bytes never crash the point cloud readers", "[io]") {
  TempDir dir;
  std::mt19937 rng(7);
  const std::string pcd_head =
      "VERSION 0.7\nFIELDS x y z rgb\nSIZE 4 4 4 4\nTYPE F F F U\nPOINTS 50\n";
  for (int i = 0; i < 200; ++i) {
    std::string junk(static_cast<size_t>(rng() % 600), '\0');
    for (char& c : junk)
      c = static_cast<char>(rng());
    const std::string variants[] = {
        pcd_head + "DATA binary_compressed\n" + junk, pcd_head + "DATA binary\n" + junk,
        pcd_head + "DATA ascii\n" + junk,
        "ply\nformat binary_big_endian 1.0\nelement face 3\n"
        "property list uchar int i\nelement vertex 9\nproperty float x\nproperty float y\n"
        "property float z\nend_header\n" +
            junk,
        junk};
    int k = 0;
    for (const auto& v : variants) {
      const char* ext = k == 3 ? ".ply" : ".pcd";
      const fs::path p = dir / ("f" + std::to_string(k++) + ext);
      write_bytes(p, v);
      try {
        (void)read_point_cloud(p);
      } catch (const FileError& e) {
        CHECK(e.file() == p.string());
      }
    }
  }
}
