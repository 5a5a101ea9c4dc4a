#include <catch2/catch.hpp>

#include <filesystem>

#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "core/io/path_policy.h"
#include "core/util/error.h"
#include "tests/support/fixtures.h"
#include "tests/support/test_support.h"

using namespace vantage::core;
namespace fs = std::filesystem;
using vantage::test::TempDir;

TEST_CASE("Native save then load gives an equal document", "[native]") {
  vantage::test::SyntheticOptions o;
  o.frames = 30;
  o.objects = 12;
  o.extras = true;
  const Document doc = vantage::test::make_synthetic_document(o);
  TempDir dir;
  save_native(doc, dir.path());
  const Document back = load_native(dir.path());
  CHECK(back.sequence == doc.sequence);
  CHECK(back.schema == doc.schema);
  CHECK(back.annotations.review == doc.annotations.review);
  CHECK(back.annotations.metadata == doc.annotations.metadata);
  REQUIRE(back.annotations.objects.size() == doc.annotations.objects.size());
  for (size_t i = 0; i < doc.annotations.objects.size(); ++i)
    CHECK(back.annotations.objects[i] == doc.annotations.objects[i]);
  CHECK(back.annotations == doc.annotations);
  // Saving the loaded document again gives byte-identical files.
  TempDir dir2;
  save_native(back, dir2.path());
  for (const char* f : {kSequenceFileName, kSchemaFileName, kAnnotationsFileName})
    CHECK(read_file_to_string(dir.path() / f) == read_file_to_string(dir2.path() / f));
}

TEST_CASE("Doubles round-trip bit for bit", "[native]") {
  Document doc;
  doc.schema = default_schema();
  doc.sequence.frames.resize(1);
  Object o;
  o.id = 1;
  o.class_name = "Car";
  Shape s;
  s.geometry = Cuboid{{0.1 + 0.2, 1e-300, -123456789.123456789}, {4.0 / 3.0, 2.0 / 3.0, 1e10}, 3.141592653589793, -0.0, 5e-324};
  s.truncation = 1.0 / 3.0;
  s.score = 0.1f;  // a float value stored as double
  o.track_or_create(kSceneSensor, ShapeKind::Cuboid).set(0, s);
  doc.annotations.put(o);
  TempDir dir;
  save_native(doc, dir.path());
  const Document back = load_native(dir.path());
  const Shape* got = back.annotations.find(1)->shape(0, kSceneSensor, ShapeKind::Cuboid);
  REQUIRE(got);
  CHECK(*got == s);
}

TEST_CASE("Saving keeps the previous version as a backup and leaves no temp files", "[native]") {
  vantage::test::SyntheticOptions o;
  o.frames = 3;
  o.objects = 2;
  Document doc = vantage::test::make_synthetic_document(o);
  TempDir dir;
  save_native(doc, dir.path());
  const std::string first = read_file_to_string(dir.path() / kAnnotationsFileName);
  doc.annotations.find(1)->class_name = "Bus";
  save_native(doc, dir.path());
  CHECK(read_file_to_string(dir.path() / "annotations.json.bak") == first);
  CHECK(load_annotations_file(dir.path() / kAnnotationsFileName).find(1)->class_name == "Bus");
  for (const auto& e : fs::directory_iterator(dir.path()))
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("A failed save leaves the previous files untouched", "[native]") {
  vantage::test::SyntheticOptions o;
  o.frames = 3;
  o.objects = 2;
  Document doc = vantage::test::make_synthetic_document(o);
  TempDir dir;
  save_native(doc, dir.path());
  const std::string before = read_file_to_string(dir.path() / kAnnotationsFileName);
  doc.annotations.find(2)->track(kSceneSensor, ShapeKind::Cuboid)->shapes[1].shape.as<Cuboid>()->yaw = std::nan("");
  try {
    save_native(doc, dir.path());
    FAIL("saving a NaN should throw");
  } catch (const Error& e) {
    CHECK_THAT(e.what(), Catch::Contains("object 2") && Catch::Contains("frame 1"));
  }
  CHECK(read_file_to_string(dir.path() / kAnnotationsFileName) == before);
}

TEST_CASE("Missing schema and annotations files give defaults", "[native]") {
  vantage::test::SyntheticOptions o;
  o.frames = 2;
  o.objects = 1;
  const Document doc = vantage::test::make_synthetic_document(o);
  TempDir dir;
  write_file_atomic(dir.path() / kSequenceFileName, sequence_to_json(doc.sequence));
  const Document back = load_native(dir.path());
  CHECK(back.sequence == doc.sequence);
  CHECK(back.schema == default_schema());
  CHECK(back.annotations.objects.empty());
}

TEST_CASE("Default schema is well formed", "[native][schema]") {
  const Schema s = default_schema();
  CHECK(s.find_class("Car") != nullptr);
  CHECK(s.find_class("Pedestrian")->skeleton == "person");
  CHECK(s.find_skeleton("person")->points.size() == 17);
  CHECK(s.ancestry("Car") == std::vector<std::string>{"Car", "Vehicle"});
  CHECK(s.find_class("Car")->size_range->contains({4.5, 1.8, 1.5}));
  // Ids and names are unique.
  for (size_t i = 0; i < s.classes.size(); ++i)
    for (size_t j = i + 1; j < s.classes.size(); ++j) {
      CHECK(s.classes[i].id != s.classes[j].id);
      CHECK(s.classes[i].name != s.classes[j].name);
    }
}

TEST_CASE("Save as a new folder keeps data paths pointing at the same files", "[native]") {
  TempDir data;
  fs::create_directories(data.path() / "images");
  vantage::test::write_text(data.path() / "images" / "a.png", "x");
  Document doc;
  doc.folder = data.path();
  doc.schema = default_schema();
  Frame f;
  f.files["CAM"] = "images/a.png";
  f.files["ABS"] = "/abs/file.bin";
  doc.sequence.frames.push_back(f);
  TempDir out;
  const fs::path target = out.path() / "nested" / "seq";
  const Document saved = save_native_as(doc, target);
  CHECK(saved.folder == target);
  // The absolute path leads outside the folder: refused unless allowed.
  CHECK_THROWS_AS(load_native(target), OutsideDataError);
  NativeLoadOptions allow;
  allow.allow_outside = true;
  const Document back = load_native(target, allow);
  const std::string& rel = back.sequence.frames[0].files.at("CAM");
  CHECK(fs::equivalent(target / rel, data.path() / "images" / "a.png"));
  CHECK(back.sequence.frames[0].files.at("ABS") == "/abs/file.bin");
}
