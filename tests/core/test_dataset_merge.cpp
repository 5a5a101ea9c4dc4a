// The semantic three-way merge of annotations.json, schema.json and
// dataset.json, case by case, against hand-built expected results.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "core/dataset/annotation_diff.h"
#include "core/dataset/annotation_merge.h"
#include "core/dataset/manifest_merge.h"
#include "core/dataset/merge_driver.h"
#include "core/dataset/schema_merge.h"
#include "core/io/json_reader.h"
#include "core/io/native_format.h"
#include "core/util/error.h"
#include "tests/support/fixtures.h"

using namespace vantage::core;

namespace {

Annotations base_annotations() {
  vantage::test::SyntheticOptions o;
  o.frames = 10;
  o.objects = 3;
  return vantage::test::make_synthetic_document(o).annotations;
}

Box2D& box(Annotations& a, ObjectId id, int frame) {
  Shape* s = a.find(id)->track("CAM_FRONT", ShapeKind::Box2D)->at(frame);
  REQUIRE(s);
  s->keyframe = true;
  return std::get<Box2D>(s->geometry);
}

const Box2D& box(const Annotations& a, ObjectId id, int frame) {
  const Shape* s = a.find(id)->track("CAM_FRONT", ShapeKind::Box2D)->at(frame);
  REQUIRE(s);
  return std::get<Box2D>(s->geometry);
}

Object new_object(ObjectId id, const std::string& cls, int frame) {
  Object o;
  o.id = id;
  o.class_name = cls;
  Shape s;
  s.geometry = Box2D{10, 20, 30, 40};
  s.annotator = cls == "Truck" ? "bob" : "alice";
  o.track_or_create("CAM_FRONT", ShapeKind::Box2D).set(frame, s);
  return o;
}

// Merged file text re-read: the result must always be a valid file.
Annotations round_trip(const Annotations& a) {
  const std::string text = annotations_to_json(a);
  return annotations_from_json(parse_json_text(text, "merged"), "merged");
}

}  // namespace

TEST_CASE("Merge: edits of disjoint objects merge cleanly", "[dataset][merge]") {
  const Annotations base = base_annotations();
  Annotations ours = base, theirs = base;
  box(ours, 1, 4).x1 += 5;
  box(theirs, 2, 4).y1 += 7;
  ours.put(new_object(10, "Car", 2));
  theirs.put(new_object(11, "Truck", 3));
  theirs.remove(3);

  Annotations expected = base;
  box(expected, 1, 4).x1 += 5;
  box(expected, 2, 4).y1 += 7;
  expected.put(new_object(10, "Car", 2));
  expected.put(new_object(11, "Truck", 3));
  expected.remove(3);

  const AnnotationMergeResult r = merge_annotations(&base, ours, theirs);
  CHECK(r.new_conflicts == 0);
  CHECK(r.merged.conflicts.empty());
  CHECK(r.merged.objects == expected.objects);
  CHECK(round_trip(r.merged) == r.merged);
  // Symmetric when nothing conflicts.
  CHECK(merge_annotations(&base, theirs, ours).merged.objects == expected.objects);
}

TEST_CASE("Merge: the same object edited on different frames merges cleanly", "[dataset][merge]") {
  const Annotations base = base_annotations();
  Annotations ours = base, theirs = base;
  box(ours, 2, 1) = Box2D{1, 2, 3, 4};
  box(theirs, 2, 8) = Box2D{5, 6, 7, 8};
  theirs.find(2)->attributes["parked"] = true;  // another field of the same object
  const AnnotationMergeResult r = merge_annotations(&base, ours, theirs);
  CHECK(r.new_conflicts == 0);
  CHECK(box(r.merged, 2, 1) == Box2D{1, 2, 3, 4});
  CHECK(box(r.merged, 2, 8) == Box2D{5, 6, 7, 8});
  CHECK(std::get<bool>(r.merged.find(2)->attributes.at("parked")));
  // Every other shape is the base's.
  CHECK(r.merged.find(1)->tracks == base.find(1)->tracks);
}

TEST_CASE("Merge: the same shape on the same frame is a conflict keeping both versions", "[dataset][merge]") {
  const Annotations base = base_annotations();
  Annotations ours = base, theirs = base;
  box(ours, 2, 5) = Box2D{100, 100, 150, 150};
  box(theirs, 2, 5) = Box2D{200, 200, 250, 250};
  AnnotationMergeOptions opt;
  opt.ours_label = "main (alice)";
  opt.theirs_label = "origin/main (bob)";
  const AnnotationMergeResult r = merge_annotations(&base, ours, theirs, opt);
  REQUIRE(r.new_conflicts == 1);
  REQUIRE(r.merged.conflicts.size() == 1);
  const MergeConflict& c = r.merged.conflicts[0];
  CHECK(c.kind == "shape");
  CHECK(c.object == ObjectId(2));
  CHECK(c.frame == 5);
  CHECK(c.sensor == "CAM_FRONT");
  CHECK(c.shape_kind == ShapeKind::Box2D);
  CHECK(c.kept == "ours");
  CHECK(c.ours_label == "main (alice)");
  // Ours in the annotations; theirs kept in the record, as JSON.
  CHECK(box(r.merged, 2, 5) == Box2D{100, 100, 150, 150});
  const auto theirs_json = nlohmann::json::parse(c.theirs);
  CHECK(theirs_json["box"] == nlohmann::json::array({200, 200, 250, 250}));
  CHECK(nlohmann::json::parse(c.base)["box"].is_array());
  CHECK_THAT(describe(c), Catch::Contains("object 2") && Catch::Contains("frame 5") &&
                              Catch::Contains("origin/main (bob)"));
  // The file stays valid and keeps the record through a save and load.
  const Annotations back = round_trip(r.merged);
  CHECK(back == r.merged);
  // Taking the proposal puts theirs in and drops the record.
  Annotations resolved = back;
  resolve_conflict(resolved, 0, true);
  CHECK(resolved.conflicts.empty());
  CHECK(box(resolved, 2, 5) == Box2D{200, 200, 250, 250});
  Annotations kept = back;
  resolve_conflict(kept, 0, false);
  CHECK(box(kept, 2, 5) == Box2D{100, 100, 150, 150});
  CHECK(kept.conflicts.empty());
}

TEST_CASE("Merge: deleted versus edited is a conflict that keeps the edit", "[dataset][merge]") {
  const Annotations base = base_annotations();
  Annotations ours = base, theirs = base;
  ours.remove(3);
  box(theirs, 3, 2).x2 += 10;
  const AnnotationMergeResult r = merge_annotations(&base, ours, theirs);
  REQUIRE(r.merged.conflicts.size() == 1);
  const MergeConflict& c = r.merged.conflicts[0];
  CHECK(c.kind == "delete_edit");
  CHECK(c.object == ObjectId(3));
  CHECK(c.kept == "theirs");
  CHECK(c.ours == "null");
  REQUIRE(r.merged.find(3));
  CHECK(*r.merged.find(3) == *theirs.find(3));
  // The deletion is the proposal.
  Annotations resolved = r.merged;
  resolve_conflict(resolved, 0, true);
  CHECK(resolved.find(3) == nullptr);

  // A deleted shape against an edit of the same shape, inside a kept object.
  Annotations o2 = base, t2 = base;
  o2.find(1)->track("CAM_FRONT", ShapeKind::Box2D)->erase(6);
  box(t2, 1, 6).y2 += 3;
  const AnnotationMergeResult r2 = merge_annotations(&base, o2, t2);
  REQUIRE(r2.merged.conflicts.size() == 1);
  CHECK(r2.merged.conflicts[0].kind == "delete_edit");
  CHECK(r2.merged.conflicts[0].frame == 6);
  CHECK(box(r2.merged, 1, 6) == box(t2, 1, 6));

  // Deleted on one side and untouched on the other: deleted, no conflict.
  Annotations o3 = base;
  o3.remove(2);
  const AnnotationMergeResult r3 = merge_annotations(&base, o3, base);
  CHECK(r3.merged.conflicts.empty());
  CHECK(r3.merged.find(2) == nullptr);
}

TEST_CASE("Merge: new objects with the same id on both sides are both kept", "[dataset][merge]") {
  const Annotations base = base_annotations();
  Annotations ours = base, theirs = base;
  ours.put(new_object(4, "Car", 1));
  theirs.put(new_object(4, "Truck", 2));
  theirs.review.objects[4] = {ReviewStatus::Done, "bob", 5, ""};
  const AnnotationMergeResult r = merge_annotations(&base, ours, theirs);
  CHECK(r.merged.conflicts.empty());
  REQUIRE(r.notes.size() == 1);
  CHECK(r.merged.find(4)->class_name == "Car");
  REQUIRE(r.merged.find(5));
  CHECK(r.merged.find(5)->class_name == "Truck");
  CHECK(r.merged.review.objects.count(5) == 1);
  CHECK(r.merged.review.objects.count(4) == 0);
  // Identical additions are one object.
  Annotations o2 = base, t2 = base;
  o2.put(new_object(4, "Car", 1));
  t2.put(new_object(4, "Car", 1));
  CHECK(merge_annotations(&base, o2, t2).merged.objects.size() == 4);
}

TEST_CASE("Merge: class changed on both sides, tags, review and interpolated in-betweens", "[dataset][merge]") {
  Annotations base = base_annotations();
  base.frame_tags[0] = {"day"};
  Annotations ours = base, theirs = base;
  ours.find(1)->class_name = "Van";
  theirs.find(1)->class_name = "Truck";
  ours.frame_tags[0] = {"night"};
  theirs.frame_tags[0] = {"dusk"};
  theirs.frame_tags[3] = {"rain"};
  ours.review.frames[2] = {ReviewStatus::Accepted, "rev", 1, ""};
  theirs.review.frames[7] = {ReviewStatus::Rejected, "rev", 2, "loose"};
  ours.excluded_frames.insert(9);
  // The cuboids' interpolated in-betweens differ on both sides: a cache,
  // never a conflict.
  for (Annotations* a : {&ours, &theirs}) {
    Shape* s = a->find(2)->track(kSceneSensor, ShapeKind::Cuboid)->at(5);
    REQUIRE(s);
    REQUIRE_FALSE(s->keyframe);
    std::get<Cuboid>(s->geometry).center.x += a == &ours ? 1.0 : 2.0;
  }
  const AnnotationMergeResult r = merge_annotations(&base, ours, theirs);
  std::vector<std::string> kinds;
  for (const auto& c : r.merged.conflicts) kinds.push_back(c.kind + ":" + c.field);
  CHECK(kinds == std::vector<std::string>{"object:class", "frame_tags:"});
  CHECK(r.merged.find(1)->class_name == "Van");
  CHECK(r.merged.frame_tags.at(0) == std::vector<std::string>{"night"});
  CHECK(r.merged.frame_tags.at(3) == std::vector<std::string>{"rain"});
  CHECK(r.merged.review.frames.size() == 2);
  CHECK(r.merged.excluded_frames.count(9) == 1);
  // Taking the proposals applies theirs.
  Annotations resolved = r.merged;
  resolve_conflict(resolved, 1, true);
  resolve_conflict(resolved, 0, true);
  CHECK(resolved.find(1)->class_name == "Truck");
  CHECK(resolved.frame_tags.at(0) == std::vector<std::string>{"dusk"});
}

TEST_CASE("Merge: a class renamed on one side reaches objects the other side added", "[dataset][merge]") {
  vantage::test::SyntheticOptions so;
  so.frames = 5;
  so.objects = 2;
  Document doc = vantage::test::make_synthetic_document(so);
  const Annotations base = doc.annotations;
  Schema renamed = doc.schema;
  Annotations ours = base;
  rename_class(renamed, ours, "Car", "Automobile");
  Annotations theirs = base;
  theirs.put(new_object(7, "Car", 1));
  box(theirs, 1, 2).x1 += 1;  // object 1 is a Car: edited on theirs, renamed on ours

  SECTION("with the schema: every side migrated first") {
    AnnotationMergeOptions opt;
    opt.schema = &renamed;
    const AnnotationMergeResult r = merge_annotations(&base, ours, theirs, opt);
    CHECK(r.merged.conflicts.empty());
    CHECK(r.merged.find(1)->class_name == "Automobile");
    CHECK(r.merged.find(7)->class_name == "Automobile");
    CHECK(box(r.merged, 1, 2) == box(theirs, 1, 2));
    CHECK(r.merged.metadata.schema_version == renamed.version);
  }
  SECTION("without it (plain git): the base's schema version, so loading migrates") {
    const AnnotationMergeResult r = merge_annotations(&base, ours, theirs);
    CHECK(r.merged.conflicts.empty());
    CHECK(r.merged.metadata.schema_version == base.metadata.schema_version);
    Annotations loaded = round_trip(r.merged);
    migrate_annotations(renamed, loaded);  // what load_native does
    CHECK(loaded.find(1)->class_name == "Automobile");
    CHECK(loaded.find(7)->class_name == "Automobile");
  }
}

TEST_CASE("Merge: earlier conflict records merge as a set; output is canonical", "[dataset][merge]") {
  const Annotations base0 = base_annotations();
  Annotations o = base0, t = base0;
  box(o, 2, 5).x1 = 1;
  box(t, 2, 5).x1 = 2;
  const Annotations with_conflict = merge_annotations(&base0, o, t).merged;
  REQUIRE(with_conflict.conflicts.size() == 1);
  // Ours resolves it, theirs edits something else: it stays resolved.
  Annotations ours = with_conflict, theirs = with_conflict;
  resolve_conflict(ours, 0, false);
  box(theirs, 1, 1).y1 += 1;
  const AnnotationMergeResult r = merge_annotations(&with_conflict, ours, theirs);
  CHECK(r.merged.conflicts.empty());
  // Merging the same inputs twice gives byte-identical files.
  CHECK(annotations_to_json(r.merged) == annotations_to_json(merge_annotations(&with_conflict, ours, theirs).merged));
}

TEST_CASE("Merge: added on both sides without a base", "[dataset][merge]") {
  Annotations ours, theirs;
  ours.put(new_object(1, "Car", 0));
  theirs.put(new_object(2, "Truck", 0));
  const AnnotationMergeResult r = merge_annotations(nullptr, ours, theirs);
  CHECK(r.merged.objects.size() == 2);
  CHECK(r.merged.conflicts.empty());
}

TEST_CASE("File merge driver: malformed input is an error naming the side", "[dataset][merge]") {
  const std::string good = annotations_to_json(base_annotations());
  CHECK_THROWS_WITH(merge_file(MergeFileKind::Annotations, good, good, "{\"format\": 1", "seq/annotations.json"),
                    Catch::Contains("seq/annotations.json (theirs)"));
  CHECK(merge_file_kind("sequences/a/annotations.json") == MergeFileKind::Annotations);
  CHECK(merge_file_kind("dataset.json") == MergeFileKind::Manifest);
  CHECK(merge_file_kind("sequences/a/sequence.json") == MergeFileKind::Other);
}

TEST_CASE("Schema merge: changes on both sides are replayed, clashes reported", "[dataset][merge]") {
  const Schema base = default_schema();
  Schema ours = base, theirs = base;
  Annotations none;
  rename_class(ours, none, "Car", "Automobile");
  AttributeDef a;
  a.name = "damaged";
  a.type = AttributeType::Bool;
  add_attribute(theirs, none, a);
  SchemaMergeResult r = merge_schemas(&base, ours, theirs);
  CHECK(r.conflicts.empty());
  CHECK(r.merged.find_class("Automobile"));
  CHECK_FALSE(r.merged.find_class("Car"));
  CHECK(r.merged.find_attribute("damaged"));
  CHECK(r.merged.version == base.version + 2);
  REQUIRE(r.merged.history.size() == base.history.size() + 2);

  Schema t2 = base;
  rename_class(t2, none, "Car", "Auto");
  const SchemaMergeResult clash = merge_schemas(&base, ours, t2);
  // The rename clashes; attributes that name the class differ as a consequence.
  REQUIRE_FALSE(clash.conflicts.empty());
  CHECK_THAT(clash.conflicts[0], Catch::Contains("rename class Car -> Auto"));
  CHECK_FALSE(clash.merged.find_class("Auto"));
  CHECK(clash.merged.find_class("Automobile"));
}

TEST_CASE("Manifest merge: sequences by name, claims as a set, overlapping claims reported", "[dataset][merge]") {
  DatasetManifest base;
  base.name = "d";
  base.sequences = {{"a", "sequences/a", ReviewStatus::Todo, "", ""}, {"b", "sequences/b", ReviewStatus::Todo, "", ""}};
  DatasetManifest ours = base, theirs = base;
  ours.sequences.push_back({"c", "sequences/c", ReviewStatus::Todo, "", ""});
  theirs.sequences.push_back({"d", "sequences/d", ReviewStatus::Todo, "", ""});
  ours.find("a")->status = ReviewStatus::Done;
  theirs.find("a")->split = "train";
  ours.find("b")->status = ReviewStatus::Accepted;
  theirs.find("b")->status = ReviewStatus::Rejected;
  ours.claims.push_back({"a", FrameRange{0, 50}, "alice", 1});
  theirs.claims.push_back({"a", FrameRange{40, 80}, "bob", 2});
  theirs.claims.push_back({"b", std::nullopt, "bob", 3});
  ours.sort();
  theirs.sort();
  const ManifestMergeResult r = merge_manifests(&base, ours, theirs);
  std::vector<std::string> names;
  for (const auto& e : r.merged.sequences) names.push_back(e.name);
  CHECK(names == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(r.merged.find("a")->status == ReviewStatus::Done);
  CHECK(r.merged.find("a")->split == "train");
  CHECK(r.merged.find("b")->status == ReviewStatus::Accepted);
  CHECK(r.merged.claims.size() == 3);
  REQUIRE(r.conflicts.size() == 2);  // b's status, overlapping claims on a
  REQUIRE(r.merged.conflicts.size() == 2);
  CHECK(r.merged.conflicts[0].what == "sequence b: status");
  CHECK(r.merged.conflicts[1].what == "claims on a");
  // The merged manifest is a valid file.
  CHECK(manifest_from_json(manifest_to_json(r.merged), "m") == r.merged);
}

namespace {
std::string diff_text(const AnnotationDiff& d) {
  std::string s;
  for (const auto& o : d.objects) {
    s += fmt::format("{} {} {} {} {}-{} {};", o.id, to_string(o.change), o.class_name, o.old_class_name,
                     o.first_frame, o.last_frame, o.shapes);
    for (const auto& f : o.fields) s += f + ",";
    for (const auto& t : o.tracks)
      s += fmt::format("[{} {} +{} -{} ~{} {} i{}]", t.sensor, to_string(t.kind), ranges_text(t.added),
                       ranges_text(t.removed), ranges_text(t.changed), fmt::join(t.fields, "/"), t.interpolated);
  }
  s += fmt::format("|tags {}|excl {} {}|review {}|conflicts {} {}", fmt::join(d.frame_tags_changed, ","),
                   fmt::join(d.excluded_added, ","), fmt::join(d.excluded_removed, ","), d.review_changes,
                   d.conflicts_added, d.conflicts_removed);
  return s;
}
}  // namespace

TEST_CASE("Diff: the per-object split gives what parsing whole files gives", "[dataset][diff]") {
  const Annotations base = base_annotations();
  Annotations after = base;
  box(after, 2, 3).x1 += 2;
  box(after, 2, 4).x1 += 2;
  after.remove(1);
  after.put(new_object(9, "Car", 4));
  after.find(3)->class_name = "Van";
  after.frame_tags[2] = {"rain"};
  after.review.frames[1] = {ReviewStatus::Done, "rev", 3, ""};
  after.excluded_frames.insert(7);
  const std::string ta = annotations_to_json(base), tb = annotations_to_json(after);
  const AnnotationDiff full = diff_annotations(base, after);
  const AnnotationDiff fast = diff_annotation_texts(ta, tb, "a", "b");
  CHECK(diff_text(fast) == diff_text(full));
  CHECK_THAT(diff_text(full), Catch::Contains("[CAM_FRONT box2d + - ~3-4 geometry/keyframe i0]"));
  // Any other layout is parsed whole, with the same result.
  const std::string compact_b = nlohmann::json::parse(tb).dump();
  CHECK(diff_text(diff_annotation_texts(ta, compact_b, "a", "b")) == diff_text(full));
  // A broken changed object is reported with the file's own position.
  std::string broken = tb;
  broken.replace(broken.find("\"class\": \"Van\""), 14, "\"class\": 12345");
  CHECK_THROWS_WITH(diff_annotation_texts(ta, broken, "a", "b.json"),
                    Catch::Contains("b.json: /objects/1/class: expected a string"));
}

TEST_CASE("File merge: objects taken as text give the same bytes as merging whole files", "[dataset][merge]") {
  const Annotations base = base_annotations();
  struct Case {
    const char* name;
    std::function<void(Annotations&, Annotations&)> edit;
  };
  const std::vector<Case> cases = {
      {"disjoint", [](Annotations& o, Annotations& t) { box(o, 1, 4).x1 += 5; box(t, 2, 4).y1 += 7; t.remove(3); }},
      {"same shape", [](Annotations& o, Annotations& t) { box(o, 2, 5).x1 = 1; box(t, 2, 5).x1 = 2; }},
      {"delete vs edit", [](Annotations& o, Annotations& t) { o.remove(3); box(t, 3, 2).x2 += 10; }},
      {"id clash", [](Annotations& o, Annotations& t) { o.put(new_object(4, "Car", 1)); t.put(new_object(4, "Truck", 2)); }},
      {"fields and review",
       [](Annotations& o, Annotations& t) {
         o.find(1)->class_name = "Van";
         t.find(1)->class_name = "Truck";
         t.frame_tags[3] = {"rain"};
         o.review.frames[2] = {ReviewStatus::Accepted, "rev", 1, ""};
         t.review.objects[2] = {ReviewStatus::Done, "bob", 3, ""};
       }},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    Annotations o = base, t = base;
    c.edit(o, t);
    const std::string tb = annotations_to_json(base), to = annotations_to_json(o), tt = annotations_to_json(t);
    FileMergeOptions whole;
    whole.whole_files = true;
    const FileMergeResult fast = merge_file(MergeFileKind::Annotations, tb, to, tt, "a.json");
    const FileMergeResult slow = merge_file(MergeFileKind::Annotations, tb, to, tt, "a.json", whole);
    CHECK(fast.content == slow.content);
    CHECK(fast.conflicts == slow.conflicts);
    CHECK(fast.notes == slow.notes);
    // And both are what merge_annotations gives.
    CHECK(slow.content == annotations_to_json(merge_annotations(&base, o, t).merged));
    // Without a base (added on both sides).
    CHECK(merge_file(MergeFileKind::Annotations, std::nullopt, to, tt, "a.json").content ==
          merge_file(MergeFileKind::Annotations, std::nullopt, to, tt, "a.json", whole).content);
  }
}
