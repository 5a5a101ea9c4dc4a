// Inputs the fuzzers found or the reliability design names (docs/reliability.md):
// each is rejected with a FileError naming the file, never a crash, a foreign
// exception or a giant allocation. The fuzz corpora replay the same inputs
// under ASan in the fuzz build; these keep them in the ordinary test run.
#include <catch2/catch.hpp>

#include <string>

#include "core/formats/coco_rle.h"
#include "core/formats/format.h"
#include "core/io/json_reader.h"
#include "core/io/native_format.h"
#include "core/util/error.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;
namespace fs = std::filesystem;

TEST_CASE("JSON nested deeper than 512 levels is refused with its position", "[hostile]") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  try {
    (void)parse_json_text(deep, "deep.json");
    FAIL("parsed");
  } catch (const FileError& e) {
    CHECK(e.file() == "deep.json");
    CHECK(e.location() == "line 1, column 513");
    CHECK(std::string(e.what()).find("nested deeper than 512") != std::string::npos);
  }
  // Brackets inside strings do not count; 512 levels are fine.
  CHECK_NOTHROW(parse_json_text("[\"" + std::string(2000, '[') + "\"]", "s.json"));
  CHECK_NOTHROW(parse_json_text(std::string(512, '[') + std::string(512, ']'), "ok.json"));
  CHECK_THROWS_AS(annotations_from_json(parse_json_text("{\"objects\": " + deep + "}", "a.json"), "a.json"),
                  FileError);
}

TEST_CASE("An RLE mask claiming more pixels than any image is refused before allocating",
          "[hostile]") {
  // Two runs that add up to 65536 x 65536: a tiny file asking for 4 GiB.
  const std::vector<uint32_t> counts = {0x80000000u, 0x80000000u};
  CHECK_THROWS_WITH(rle_decode(counts, 65536, 65536), Catch::Contains("larger than any image"));
  CHECK_THROWS_AS(rle_decode({1, 2}, 0, 3), Error);
  CHECK(rle_decode({1, 2, 3}, 2, 3).total() == 6);
}

TEST_CASE("YOLO data.yaml that is not a map, or a huge kpt_shape, is a FileError", "[hostile]") {
  test::TempDir tmp;
  fs::create_directories(tmp / "ds" / "labels");
  test::write_text(tmp / "ds" / "labels" / "000000.txt", "0 0.5 0.5 0.2 0.2\n");
  for (const std::string& yaml : {std::string("[5, 2]0].9\n"), std::string("just a scalar\n"),
                                  std::string("names: [a]\nkpt_shape: [2147483647, 3]\n")}) {
    CAPTURE(yaml);
    test::write_text(tmp / "ds" / "data.yaml", yaml);
    Document doc;
    CHECK_THROWS_AS(import_annotations(doc, FormatId::Yolo, tmp / "ds"), FileError);
  }
}
