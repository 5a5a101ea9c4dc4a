// Bad native files: each gives a FileError naming the file and the place
// (line/column for syntax, JSON pointer for structure); none crashes.
#include <catch2/catch.hpp>

#include <random>

#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "core/util/error.h"
#include "tests/support/fixtures.h"
#include "tests/support/test_support.h"

using namespace vantage::core;
using vantage::test::TempDir;

namespace {

const std::string kGoodAnnotations = R"({
  "format": "vantage.annotations", "format_version": 1,
  "objects": [
    {"id": 1, "class": "Car", "tracks": [
      {"sensor": "CAM_FRONT", "kind": "box2d", "shapes": [
        {"frame": 0, "box": [1, 2, 30, 40]},
        {"frame": 1, "box": [2, 3, 31, 41]}
      ]}
    ]}
  ]
})";

// Loads `text` as annotations.json and returns the error.
FileError annotations_error(const std::string& text) {
  try {
    annotations_from_json(parse_json_text(text, "annotations.json"), "annotations.json");
  } catch (const FileError& e) {
    return e;
  }
  FAIL("expected a FileError for:\n" << text);
  return FileError("", "", "");
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("The good fixture loads", "[malformed]") {
  const Annotations a = annotations_from_json(parse_json_text(kGoodAnnotations, "a"), "a");
  CHECK(a.objects.size() == 1);
}

TEST_CASE("Syntax errors report line and column", "[malformed]") {
  const FileError e = annotations_error(replace(kGoodAnnotations, "[2, 3, 31, 41]", "[2, 3, 31 41]"));
  CHECK(e.file() == "annotations.json");
  CHECK(e.location() == "line 7, column 40");  // the last character read, as nlohmann reports it
  CHECK_THAT(e.message(), Catch::Contains("unexpected number literal"));
  CHECK_THAT(e.message(), Catch::Contains("invalid JSON"));
}

TEST_CASE("Wrong types report the JSON pointer, expected and found", "[malformed]") {
  const FileError e = annotations_error(replace(kGoodAnnotations, "[2, 3, 31, 41]", "[2, 3, \"31\", 41]"));
  CHECK(e.location() == "/objects/0/tracks/0/shapes/1/box/2");
  CHECK(e.message() == "expected a number, found string \"31\"");
  CHECK(std::string(e.what()) == "annotations.json: /objects/0/tracks/0/shapes/1/box/2: expected a number, found string \"31\"");
}

TEST_CASE("Missing members are named", "[malformed]") {
  const FileError e = annotations_error(replace(kGoodAnnotations, "\"class\": \"Car\", ", ""));
  CHECK(e.location() == "/objects/0/class");
  CHECK(e.message() == "missing required member");
}

TEST_CASE("Structural problems are explained", "[malformed]") {
  SECTION("box of three values") {
    const FileError e = annotations_error(replace(kGoodAnnotations, "[1, 2, 30, 40]", "[1, 2, 30]"));
    CHECK(e.location() == "/objects/0/tracks/0/shapes/0/box");
    CHECK(e.message() == "expected an array of 4 values, found 3");
  }
  SECTION("reversed box") {
    const FileError e = annotations_error(replace(kGoodAnnotations, "[1, 2, 30, 40]", "[31, 2, 30, 40]"));
    CHECK_THAT(e.message(), Catch::Contains("x1 <= x2"));
  }
  SECTION("unknown shape kind") {
    const FileError e = annotations_error(replace(kGoodAnnotations, "\"box2d\"", "\"circle\""));
    CHECK(e.location() == "/objects/0/tracks/0/kind");
    CHECK_THAT(e.message(), Catch::Contains("unknown shape kind \"circle\""));
  }
  SECTION("frames not increasing") {
    const FileError e = annotations_error(replace(kGoodAnnotations, "\"frame\": 1", "\"frame\": 0"));
    CHECK(e.location() == "/objects/0/tracks/0/shapes/1/frame");
  }
  SECTION("negative frame") {
    const FileError e = annotations_error(replace(kGoodAnnotations, "\"frame\": 0", "\"frame\": -4"));
    CHECK_THAT(e.message(), Catch::Contains("expected an integer in [0,"));
  }
  SECTION("newer format version") {
    const FileError e = annotations_error(replace(kGoodAnnotations, "\"format_version\": 1", "\"format_version\": 7"));
    CHECK(e.location() == "/format_version");
    CHECK_THAT(e.message(), Catch::Contains("newer Vantage"));
  }
  SECTION("wrong file kind") {
    const FileError e = annotations_error(replace(kGoodAnnotations, "vantage.annotations", "vantage.schema"));
    CHECK(e.location() == "/format");
  }
  SECTION("duplicate object id") {
    std::string twice = replace(kGoodAnnotations, "\"objects\": [", "\"objects\": [{\"id\": 1, \"class\": \"Van\", \"tracks\": []},");
    const FileError e = annotations_error(twice);
    CHECK_THAT(e.message(), Catch::Contains("duplicate object id 1"));
  }
  SECTION("not an object at the top") {
    const FileError e = annotations_error("[1, 2, 3]");
    CHECK(e.location() == "/");
    CHECK(e.message() == "expected an object, found array");
  }
  SECTION("empty file") {
    const FileError e = annotations_error("");
    CHECK(e.location() == "line 1, column 1");
  }
}

TEST_CASE("Bad sequence and schema files name their place", "[malformed]") {
  vantage::test::SyntheticOptions o;
  o.frames = 2;
  o.objects = 1;
  const Document doc = vantage::test::make_synthetic_document(o);
  std::string seq = sequence_to_json(doc.sequence);
  const std::string fx = "\"fx\": 721.5377";
  const std::string bad = replace(seq, fx, "\"fx\": -1");
  try {
    sequence_from_json(parse_json_text(bad, "sequence.json"), "sequence.json");
    FAIL("expected an error");
  } catch (const FileError& e) {
    CHECK(e.location() == "/rigs/0/cameras/0/intrinsics/fx");
    CHECK(e.message() == "focal length must be positive");
  }
  std::string schema = schema_to_json(doc.schema);
  const std::string bad_schema = replace(schema, "\"color\": \"#2ca02c\"", "\"color\": \"green\"");
  try {
    schema_from_json(parse_json_text(bad_schema, "schema.json"), "schema.json");
    FAIL("expected an error");
  } catch (const FileError& e) {
    CHECK(e.location() == "/classes/1/color");
    CHECK_THAT(e.message(), Catch::Contains("#rrggbb"));
  }
}

TEST_CASE("Loading a missing or non-native folder says what is wrong", "[malformed]") {
  TempDir dir;
  CHECK_THROWS_WITH(load_native(dir.path() / "nope"), Catch::Contains("is not a folder"));
  CHECK_THROWS_WITH(load_native(dir.path()), Catch::Contains("no sequence.json"));
}

TEST_CASE("Truncated and corrupted files never crash the loader", "[malformed]") {
  vantage::test::SyntheticOptions o;
  o.frames = 5;
  o.objects = 3;
  o.extras = true;
  const Document doc = vantage::test::make_synthetic_document(o);
  const std::string texts[3] = {sequence_to_json(doc.sequence), schema_to_json(doc.schema),
                                annotations_to_json(doc.annotations)};
  std::mt19937 rng(7);
  for (int which = 0; which < 3; ++which) {
    const std::string& full = texts[which];
    auto load = [&](const std::string& text) {
      const Json j = parse_json_text(text, "f.json");
      if (which == 0) sequence_from_json(j, "f.json");
      if (which == 1) schema_from_json(j, "f.json");
      if (which == 2) annotations_from_json(j, "f.json");
    };
    // Every truncation point in the first 2 kB and a sample after that.
    for (size_t cut = 0; cut < full.size() - 2; cut += (cut < 2048 ? 1 : 97)) {
      INFO("truncated at " << cut);
      CHECK_THROWS_AS(load(full.substr(0, cut)), FileError);
    }
    // Random byte flips: either loads or throws a FileError.
    for (int i = 0; i < 300; ++i) {
      std::string t = full;
      for (int k = 0; k < 3; ++k) t[rng() % t.size()] = static_cast<char>(rng() % 256);
      try {
        load(t);
      } catch (const FileError&) {
      }
    }
  }
}
