// QA rules: one violating and one clean case per rule, the rules file
// format, and `vantage validate --rules`.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "core/qa/rules.h"
#include "core/util/error.h"
#include "tests/core/qa_fixture.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;

namespace {

RuleRunOptions no_points() {
  RuleRunOptions o;
  o.read_points = false;
  return o;
}

std::vector<Finding> with_rule(const std::vector<Finding>& all, const std::string& rule) {
  std::vector<Finding> out;
  for (const auto& f : all)
    if (f.rule == rule) out.push_back(f);
  return out;
}

// Two well separated cars on 10 frames: no rule fires.
Document clean_document() {
  Document doc = test::make_qa_document(10);
  test::add_qa_car(doc, 1, 15.0, 2.5, 0, 9);
  test::add_qa_car(doc, 2, 25.0, -3.0, 0, 9);
  return doc;
}

Shape box_shape(Box2D b) {
  Shape s;
  s.geometry = b;
  return s;
}

}  // namespace

TEST_CASE("QA rules: the clean fixture has no findings", "[qa][rules]") {
  const Document doc = clean_document();
  const auto findings = run_rules(doc, default_rules(), no_points());
  for (const auto& f : findings)
    INFO(format_finding(f));
  CHECK(findings.empty());
}

TEST_CASE("QA rule out-of-bounds", "[qa][rules]") {
  Document doc = clean_document();
  Track* t = doc.annotations.find(1)->track(test::kQaCamera, ShapeKind::Box2D);
  t->set(4, box_shape({1200, 100, 1262, 200}));  // 20 px past the 1242 px edge
  RuleSet rules = default_rules();
  rules.find("box-cuboid-mismatch")->enabled = false;
  const auto f = with_rule(run_rules(doc, rules, no_points()), "out-of-bounds");
  REQUIRE(f.size() == 1);
  CHECK(f[0].object == 1);
  CHECK(f[0].frame == 4);
  CHECK(f[0].sensor == test::kQaCamera);
  CHECK_THAT(f[0].message, Catch::Contains("20.0 px"));
  // Within the margin: clean.
  t->set(4, box_shape({1200, 100, 1243.5, 200}));
  CHECK(with_rule(run_rules(doc, rules, no_points()), "out-of-bounds").empty());
}

TEST_CASE("QA rule degenerate", "[qa][rules]") {
  Document doc = clean_document();
  Track* t = doc.annotations.find(2)->track(test::kQaCamera, ShapeKind::Box2D);
  t->set(3, box_shape({100, 100, 101, 150}));  // 1 px wide
  Track* c = doc.annotations.find(1)->track(kSceneSensor, ShapeKind::Cuboid);
  Shape flat = *c->at(7);
  flat.as<Cuboid>()->size.z = 0.0;
  c->set(7, flat);
  const auto f = with_rule(run_rules(doc, default_rules(), no_points()), "degenerate");
  REQUIRE(f.size() == 2);
  CHECK(f[0].frame == 3);
  CHECK(f[0].object == 2);
  CHECK(f[1].frame == 7);
  CHECK(f[1].object == 1);
  CHECK(f[0].severity == Severity::Error);
}

TEST_CASE("QA rule duplicate", "[qa][rules]") {
  Document doc = clean_document();
  test::add_qa_car(doc, 3, 15.0, 2.5, 5, 5);  // a second Car exactly on car 1 at frame 5
  auto f = with_rule(run_rules(doc, default_rules(), no_points()), "duplicate");
  REQUIRE(f.size() == 2);  // its box and its cuboid
  for (const auto& d : f) {
    CHECK(d.frame == 5);
    CHECK(d.object == 3);
    CHECK_THAT(d.message, Catch::Contains("object 1") && Catch::Contains("IoU 1.00"));
  }
  // Another class at the same place is not a duplicate.
  doc.annotations.find(3)->class_name = "Van";
  CHECK(with_rule(run_rules(doc, default_rules(), no_points()), "duplicate").empty());
}

TEST_CASE("QA rule required-attribute", "[qa][rules]") {
  Document doc = clean_document();
  AttributeDef def;
  def.name = "qa_colour";
  def.type = AttributeType::Text;
  def.required = true;
  def.classes = {"Vehicle"};  // inherited by Car
  doc.schema.attributes.push_back(def);
  AttributeDef per_frame = def;
  per_frame.name = "qa_state";
  per_frame.per_frame = true;
  doc.schema.attributes.push_back(per_frame);
  doc.annotations.find(1)->attributes["qa_colour"] = std::string("red");
  for (auto* o : {doc.annotations.find(1), doc.annotations.find(2)})
    for (auto& t : o->tracks)
      for (auto& fs : t.shapes)
        fs.shape.attributes["qa_state"] = std::string("moving");
  // Car 2 lacks the static one; car 1 lacks the per-frame one at frame 6 (its box).
  doc.annotations.find(1)->track(test::kQaCamera, ShapeKind::Box2D)->at(6)->attributes.clear();
  const auto f = with_rule(run_rules(doc, default_rules(), no_points()), "required-attribute");
  REQUIRE(f.size() == 2);
  CHECK(f[0].object == 1);
  CHECK(f[0].frame == 6);
  CHECK_THAT(f[0].message, Catch::Contains("qa_state") && Catch::Contains("1 of 20"));
  CHECK(f[1].object == 2);
  CHECK_THAT(f[1].message, Catch::Contains("qa_colour"));
  doc.annotations.find(2)->attributes["qa_colour"] = std::string("blue");
  doc.annotations.find(1)->track(test::kQaCamera, ShapeKind::Box2D)->at(6)->attributes["qa_state"] =
      std::string("parked");
  CHECK(with_rule(run_rules(doc, default_rules(), no_points()), "required-attribute").empty());
}

TEST_CASE("QA rule unknown-class", "[qa][rules]") {
  Document doc = clean_document();
  doc.annotations.find(2)->class_name = "Spaceship";
  const auto f = with_rule(run_rules(doc, default_rules(), no_points()), "unknown-class");
  REQUIRE(f.size() == 1);
  CHECK(f[0].object == 2);
  CHECK(f[0].frame == 0);
  CHECK_THAT(f[0].message, Catch::Contains("Spaceship"));
}

TEST_CASE("QA rule track-gap", "[qa][rules]") {
  Document doc = test::make_qa_document(60);
  test::add_qa_car(doc, 1, 15.0, 2.5, 0, 0);
  test::add_qa_car(doc, 2, 25.0, -3.0, 0, 0);
  Object& a = *doc.annotations.find(1);
  Object& b = *doc.annotations.find(2);
  // Car 1: anchors 0 and 40 (39 frames between > max_gap 25). Car 2: 0 and 20.
  a.track(kSceneSensor, ShapeKind::Cuboid)
      ->set(40, *a.track(kSceneSensor, ShapeKind::Cuboid)->at(0));
  b.track(kSceneSensor, ShapeKind::Cuboid)
      ->set(20, *b.track(kSceneSensor, ShapeKind::Cuboid)->at(0));
  a.tracks.erase(a.tracks.begin() + (a.tracks[0].kind == ShapeKind::Box2D ? 0 : 1));
  b.tracks.erase(b.tracks.begin() + (b.tracks[0].kind == ShapeKind::Box2D ? 0 : 1));
  RuleSet rules = default_rules();
  auto f = with_rule(run_rules(doc, rules, no_points()), "track-gap");
  REQUIRE(f.size() == 1);
  CHECK(f[0].object == 1);
  CHECK(f[0].frame == 1);
  CHECK_THAT(f[0].message, Catch::Contains("frames 1-39 (39 frames)"));
  // An outside span over part of the gap leaves the rest.
  a.outside.push_back({1, 30});
  f = with_rule(run_rules(doc, rules, no_points()), "track-gap");
  REQUIRE(f.size() == 1);
  CHECK(f[0].frame == 31);
  a.outside = {{1, 39}};
  CHECK(with_rule(run_rules(doc, rules, no_points()), "track-gap").empty());
  // A larger max_gap bridges it.
  a.outside.clear();
  rules.find("track-gap")->params["max_gap"] = 40;
  CHECK(with_rule(run_rules(doc, rules, no_points()), "track-gap").empty());
}

TEST_CASE("QA rule min-lidar-points", "[qa][rules]") {
  test::TempDir dir;
  Document doc = clean_document();
  doc.folder = dir.path();
  // Frame 0: 12 points inside car 1, 2 inside car 2, 50 elsewhere.
  std::vector<float> pts;
  auto add = [&](double x, double y, double z) {
    pts.insert(pts.end(), {float(x), float(y), float(z), 0.5f});
  };
  for (int i = 0; i < 12; ++i)
    add(15.0 + 0.1 * i, 2.5, 0.5);
  for (int i = 0; i < 2; ++i)
    add(25.0 + 0.1 * i, -3.0, 0.5);
  for (int i = 0; i < 50; ++i)
    add(-20.0 + i, 30.0, 0.0);
  {
    std::ofstream f(dir / "000000.bin", std::ios::binary);
    f.write(reinterpret_cast<const char*>(pts.data()), std::streamsize(pts.size() * sizeof(float)));
  }
  doc.sequence.frames[0].files[test::kQaLidar] = "000000.bin";
  const auto all = run_rules(doc, default_rules());
  const auto f = with_rule(all, "min-lidar-points");
  // Car 2 at frame 0, plus one info line for the 9 frames without LiDAR.
  REQUIRE(f.size() == 2);
  CHECK(f[0].object == 2);
  CHECK(f[0].frame == 0);
  CHECK(f[0].severity == Severity::Warning);
  CHECK_THAT(f[0].message, Catch::Contains("2 LiDAR points"));
  CHECK(f[1].severity == Severity::Info);
  CHECK_THAT(f[1].message, Catch::Contains("9 frames"));
  // Lowering the minimum makes it clean; read_points off skips the rule.
  RuleSet rules = default_rules();
  rules.find("min-lidar-points")->params["min_points"] = 2;
  CHECK(with_rule(run_rules(doc, rules), "min-lidar-points").size() == 1);  // the info only
  CHECK(with_rule(run_rules(doc, default_rules(), no_points()), "min-lidar-points").empty());
}

TEST_CASE("QA rule implausible-size", "[qa][rules]") {
  Document doc = clean_document();
  Track* c = doc.annotations.find(2)->track(kSceneSensor, ShapeKind::Cuboid);
  for (int f : {2, 3}) {
    Shape s = *c->at(f);
    s.as<Cuboid>()->size.x = 12.0;  // a 12 m "Car"
    c->set(f, s);
  }
  RuleSet rules = default_rules();
  rules.find("box-cuboid-mismatch")->enabled = false;
  const auto f = with_rule(run_rules(doc, rules, no_points()), "implausible-size");
  REQUIRE(f.size() == 1);
  CHECK(f[0].object == 2);
  CHECK(f[0].frame == 2);
  CHECK_THAT(f[0].message, Catch::Contains("12.00 x 1.80") && Catch::Contains("2 of 10"));
  // The same size is fine for a Bus.
  doc.annotations.find(2)->class_name = "Bus";
  Track* c2 = doc.annotations.find(2)->track(kSceneSensor, ShapeKind::Cuboid);
  for (auto& fs : c2->shapes)
    fs.shape.as<Cuboid>()->size = {12.0, 2.5, 3.2};
  CHECK(with_rule(run_rules(doc, rules, no_points()), "implausible-size").empty());
}

TEST_CASE("QA rule keypoints-outside-box", "[qa][rules]") {
  Document doc = clean_document();
  Object p;
  p.id = 5;
  p.class_name = "Pedestrian";
  p.track_or_create(test::kQaCamera, ShapeKind::Box2D).set(2, box_shape({100, 100, 150, 250}));
  Keypoints k;
  k.points = {{{120, 110}, 2}, {{130, 200}, 2}, {{400, 120}, 0}};  // the far one is not labelled
  Shape ks;
  ks.geometry = k;
  p.track_or_create(test::kQaCamera, ShapeKind::Keypoints).set(2, ks);
  doc.annotations.put(p);
  CHECK(with_rule(run_rules(doc, default_rules(), no_points()), "keypoints-outside-box").empty());
  k.points[2].visibility = 2;
  ks.geometry = k;
  doc.annotations.find(5)->track(test::kQaCamera, ShapeKind::Keypoints)->set(2, ks);
  const auto f = with_rule(run_rules(doc, default_rules(), no_points()), "keypoints-outside-box");
  REQUIRE(f.size() == 1);
  CHECK(f[0].object == 5);
  CHECK(f[0].frame == 2);
  CHECK_THAT(f[0].message, Catch::Contains("1 keypoint outside") && Catch::Contains("#2"));
}

TEST_CASE("QA rule box-cuboid-mismatch", "[qa][rules]") {
  Document doc = clean_document();
  Track* t = doc.annotations.find(1)->track(test::kQaCamera, ShapeKind::Box2D);
  Box2D b = *t->at(8)->as<Box2D>();
  // Shift by the box's own width: IoU 0.
  const double w = b.width();
  b.x1 -= w;
  b.x2 -= w;
  t->set(8, box_shape(b));
  const auto f = with_rule(run_rules(doc, default_rules(), no_points()), "box-cuboid-mismatch");
  REQUIRE(f.size() == 1);
  CHECK(f[0].object == 1);
  CHECK(f[0].frame == 8);
  CHECK_THAT(f[0].message, Catch::Contains("IoU 0.00"));
}

TEST_CASE("QA rules: disabled rules do not run", "[qa][rules]") {
  Document doc = clean_document();
  doc.annotations.find(2)->class_name = "Spaceship";
  const RuleSet rules = parse_rules(R"({"rules": {"unknown-class": false}})", "r.json");
  CHECK(with_rule(run_rules(doc, rules, no_points()), "unknown-class").empty());
}

TEST_CASE("QA rules file: overrides, defaults kept, errors with line and column", "[qa][rules]") {
  const std::string text =
      "{\n"
      "  \"format\": \"vantage.qa_rules\",\n"
      "  \"rules\": {\n"
      "    \"duplicate\": { \"severity\": \"warning\", \"iou\": 0.5 }\n"
      "  }\n"
      "}\n";
  const RuleSet r = parse_rules(text, "p.json");
  CHECK(r.find("duplicate")->severity == Severity::Warning);
  CHECK(r.param("duplicate", "iou") == 0.5);
  CHECK(r.param("track-gap", "max_gap") == default_rules().param("track-gap", "max_gap"));
  CHECK(r.rules.size() == rule_catalogue().size());
  // Round trip through rules_to_json.
  const RuleSet back = parse_rules(rules_to_json(r), "back.json");
  CHECK(back.param("duplicate", "iou") == 0.5);
  CHECK(back.find("duplicate")->severity == Severity::Warning);

  auto error_of = [](const std::string& t) {
    try {
      parse_rules(t, "p.json");
    } catch (const FileError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(
      error_of("{\n  \"rules\": {\n    \"duplicat\": {}\n  }\n}"),
      Catch::Contains("p.json: line 3, column 17") && Catch::Contains("unknown rule 'duplicat'"));
  CHECK_THAT(error_of("{\n  \"rules\": {\n    \"duplicate\": {\"iuo\": 1}\n  }\n}"),
             Catch::Contains("line 3, column 26") && Catch::Contains("no parameter 'iuo'"));
  CHECK_THAT(error_of("{\"rules\": {\"duplicate\": {\"severity\": \"fatal\"}}}"),
             Catch::Contains("line 1, column 38") && Catch::Contains("\"warning\""));
  CHECK_THAT(error_of("{\"rules\": {\"duplicate\": {\"iou\": \"high\"}}}"),
             Catch::Contains("expected a number"));
  CHECK_THAT(error_of("{\"rules\": {\n \"duplicate\": {\"iou\": 0.5,}}}"),
             Catch::Contains("p.json: line 2") && Catch::Contains("invalid JSON"));
}

TEST_CASE("QA rules: every catalogued rule has defaults in assets/qa_rules.json", "[qa][rules]") {
  for (const auto& info : rule_catalogue()) {
    INFO(info.id);
    const RuleConfig* rc = default_rules().find(info.id);
    REQUIRE(rc);
  }
  CHECK(default_rules().param("duplicate", "iou") > 0.5);
}

TEST_CASE("vantage validate --rules runs the rules and exits 1 on errors", "[qa][cli]") {
  test::TempDir dir;
  Document doc = clean_document();
  test::add_qa_car(doc, 3, 15.0, 2.5, 5, 5);  // duplicate of car 1 at frame 5 (error)
  save_native(doc, dir / "seq");
  auto r = test::run_vantage("validate --no-file-check --json '" + (dir / "seq").string() + "'");
  CHECK(r.exit_code == 1);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["errors"] == 2);
  int duplicates = 0;
  for (const auto& f : j["findings"])
    if (f["rule"] == "duplicate") {
      ++duplicates;
      CHECK(f["frame"] == 5);
      CHECK(f["object"] == 3);
      CHECK(f["severity"] == "error");
    }
  CHECK(duplicates == 2);

  // A rules file downgrading duplicates to warnings: exit 0.
  test::write_text(dir / "rules.json", R"({"rules": {"duplicate": {"severity": "warning"}}})");
  r = test::run_vantage("validate --no-file-check --rules '" + (dir / "rules.json").string() +
                        "' '" + (dir / "seq").string() + "'");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out,
             Catch::Contains("warning: object 3 at frame 5") && Catch::Contains("[duplicate]"));
  // The project's own qa_rules.json is picked up.
  test::write_text(dir / "seq" / "qa_rules.json", R"({"rules": {"duplicate": false}})");
  r = test::run_vantage("validate --no-file-check '" + (dir / "seq").string() + "'");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, !Catch::Contains("[duplicate]"));

  // Malformed rules: exit 2 with file and line:column.
  test::write_text(dir / "bad.json", "{\n  \"rules\": {\n    \"nope\": true\n  }\n}\n");
  r = test::run_vantage("validate --rules '" + (dir / "bad.json").string() + "' '" +
                        (dir / "seq").string() + "'");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.out, Catch::Contains("bad.json: line 3, column 13") &&
                        Catch::Contains("unknown rule 'nope'"));
}
