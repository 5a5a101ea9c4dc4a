// The headless `vantage` command, run as a user would.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "tests/support/fixtures.h"
#include "tests/support/test_support.h"

using namespace vantage;
using vantage::test::run_vantage;

TEST_CASE("vantage --help lists the subcommands", "[cli]") {
  const auto r = run_vantage("--help");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("info") && Catch::Contains("validate") && Catch::Contains("open"));
}

TEST_CASE("vantage info --json reports frames, cameras and objects", "[cli]") {
  test::SyntheticOptions o;
  o.frames = 12;
  o.objects = 7;
  const core::Document doc = test::make_synthetic_document(o);
  test::TempDir dir;
  core::save_native(doc, dir.path());
  const auto r = run_vantage("info --json '" + dir.path().string() + "'");
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["frames"] == 12);
  CHECK(j["cameras"] == nlohmann::json::array({"CAM_FRONT"}));
  CHECK(j["objects"] == 7);
  CHECK(j["objects_per_class"]["Car"] == 2);
  CHECK(j["shapes_per_kind"]["cuboid"] == 84);
  CHECK(j["keyframes"].get<int>() + j["interpolated"].get<int>() == 168);

  const auto text = run_vantage("info '" + dir.path().string() + "'");
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("frames      12"));
}

TEST_CASE("vantage validate exits 1 on errors and names them", "[cli]") {
  test::SyntheticOptions o;
  o.frames = 4;
  o.objects = 2;
  core::Document doc = test::make_synthetic_document(o);
  test::TempDir dir;
  core::save_native(doc, dir.path());
  // Sensor files do not exist in the synthetic folder: warnings only.
  auto ok = run_vantage("validate '" + dir.path().string() + "'");
  CHECK(ok.exit_code == 0);
  CHECK_THAT(ok.out, Catch::Contains("0 errors"));

  // A box on a camera the sequence does not have, and a shape past the end.
  core::Shape s;
  s.geometry = core::Box2D{1, 1, 5, 5};
  doc.annotations.find(1)->track_or_create("CAM_BACK", core::ShapeKind::Box2D).set(1, s);
  doc.annotations.find(2)->track_or_create("CAM_FRONT", core::ShapeKind::Box2D).set(10, s);
  core::save_native(doc, dir.path());
  auto bad = run_vantage("validate --json --no-file-check '" + dir.path().string() + "'");
  CHECK(bad.exit_code == 1);
  const auto j = nlohmann::json::parse(bad.out);
  CHECK(j["errors"] == 2);
  CHECK(j["findings"][0]["rule"] == "unknown-sensor");
  CHECK(j["findings"][0]["object"] == 1);
  CHECK(j["findings"][1]["rule"] == "frame-range");

  // A malformed file is an error with its place.
  test::write_text(dir.path() / "annotations.json", "{\"format\": \"vantage.annotations\", \"format_version\": 1, \"objects\": 3}");
  auto broken = run_vantage("validate '" + dir.path().string() + "'");
  CHECK(broken.exit_code == 1);
  CHECK_THAT(broken.out, Catch::Contains("annotations.json: /objects: expected an array, found number"));
}

TEST_CASE("vantage reports a missing path clearly", "[cli]") {
  const auto r = run_vantage("info /nonexistent/path");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.out, Catch::Contains("/nonexistent/path: does not exist"));
}
