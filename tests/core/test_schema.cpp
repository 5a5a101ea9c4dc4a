#include <catch2/catch.hpp>

#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "core/util/error.h"
#include "tests/support/fixtures.h"
#include "tests/support/test_support.h"

using namespace vantage::core;

namespace {
Document small_doc() {
  vantage::test::SyntheticOptions o;
  o.frames = 4;
  o.objects = 10;
  return vantage::test::make_synthetic_document(o);
}
size_t count_class(const Annotations& a, const std::string& c) {
  size_t n = 0;
  for (const auto& o : a.objects) n += o.class_name == c;
  return n;
}
}  // namespace

TEST_CASE("Renaming a class renames it on every object and in the schema", "[schema]") {
  Document d = small_doc();
  const int v = d.schema.version;
  rename_class(d.schema, d.annotations, "Pedestrian", "Walker");
  CHECK(count_class(d.annotations, "Walker") == 2);
  CHECK(count_class(d.annotations, "Pedestrian") == 0);
  CHECK(d.schema.find_class("Pedestrian") == nullptr);
  CHECK(d.schema.find_class("Walker")->skeleton == "person");
  CHECK(d.schema.version == v + 1);
  CHECK(d.annotations.metadata.schema_version == v + 1);
  // Attribute class lists follow the rename.
  CHECK_THROWS_AS(rename_class(d.schema, d.annotations, "Walker", "Car"), Error);
  CHECK_THROWS_AS(rename_class(d.schema, d.annotations, "Nope", "X"), Error);
}

TEST_CASE("Merging classes moves objects and attribute scopes", "[schema]") {
  Document d = small_doc();
  merge_class(d.schema, d.annotations, "Van", "Car");
  CHECK(count_class(d.annotations, "Car") == 4);
  CHECK(count_class(d.annotations, "Van") == 0);
  CHECK(d.schema.find_class("Van") == nullptr);
  const AttributeDef* parked = d.schema.find_attribute("parked");
  CHECK(std::count(parked->classes.begin(), parked->classes.end(), "Car") == 1);
  CHECK_THROWS_AS(merge_class(d.schema, d.annotations, "Car", "Car"), Error);
}

TEST_CASE("Adding an attribute with a default fills existing annotations", "[schema]") {
  Document d = small_doc();
  AttributeDef a;
  a.name = "verified";
  a.type = AttributeType::Bool;
  a.default_value = false;
  a.classes = {"Car"};
  add_attribute(d.schema, d.annotations, a);
  for (const auto& o : d.annotations.objects) {
    if (o.class_name == "Car") {
      CHECK(std::get<bool>(o.attributes.at("verified")) == false);
    } else {
      CHECK(o.attributes.count("verified") == 0);
    }
  }
  AttributeDef per_frame;
  per_frame.name = "blur";
  per_frame.type = AttributeType::Number;
  per_frame.per_frame = true;
  per_frame.min = 0;
  per_frame.max = 1;
  per_frame.default_value = 0.0;
  add_attribute(d.schema, d.annotations, per_frame);
  for (const auto& t : d.annotations.objects[0].tracks)
    for (const auto& fs : t.shapes) CHECK(std::get<double>(fs.shape.attributes.at("blur")) == 0.0);
  AttributeDef bad = per_frame;
  bad.name = "bad";
  bad.default_value = 2.0;
  CHECK_THROWS_AS(add_attribute(d.schema, d.annotations, bad), Error);
}

TEST_CASE("Annotations saved against an older schema migrate on load", "[schema][native]") {
  Document d = small_doc();
  vantage::test::TempDir dir;
  save_native(d, dir.path());  // annotations at schema version 1
  // The schema evolves without these annotations (another session edited it).
  Annotations scratch;
  rename_class(d.schema, scratch, "Cyclist", "Bike_rider");
  merge_class(d.schema, scratch, "Truck", "Bus");
  write_file_atomic(dir.path() / kSchemaFileName, schema_to_json(d.schema));

  const Document back = load_native(dir.path());
  CHECK(back.annotations.metadata.schema_version == back.schema.version);
  CHECK(count_class(back.annotations, "Bike_rider") == 2);
  CHECK(count_class(back.annotations, "Cyclist") == 0);
  CHECK(count_class(back.annotations, "Bus") == 2);
  CHECK(back.schema.history.size() == 2);
}

TEST_CASE("Attribute definitions check values", "[schema]") {
  AttributeDef e;
  e.type = AttributeType::Enum;
  e.options = {"a", "b"};
  CHECK(e.check(std::string("a")).empty());
  CHECK_FALSE(e.check(std::string("c")).empty());
  CHECK_FALSE(e.check(1.0).empty());
  AttributeDef n;
  n.type = AttributeType::Number;
  n.min = 0;
  n.max = 10;
  CHECK(n.check(5.0).empty());
  CHECK_FALSE(n.check(11.0).empty());
}
