// Versions and teamwork on git: two clones of one dataset, edits on both,
// pushes and pulls through a local bare remote, and every merge case.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/dataset/annotation_diff.h"
#include "core/dataset/dataset_export.h"
#include "core/dataset/remote.h"
#include "core/dataset/schema_evolution.h"
#include "core/dataset/versions.h"
#include "core/io/file_util.h"
#include "core/io/json_reader.h"
#include "core/util/error.h"
#include "core/version.h"
#include "tests/core/dataset_test_util.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;
namespace fs = std::filesystem;
using test::box_at;
using test::edit_sequence;

namespace {

Dataset make_shared_dataset(const test::TempDir& tmp) {
  InitOptions io;
  io.author = test::kAlice;
  Dataset d = init_dataset(tmp / "alice", io);
  add_sequence(d, test::make_source_sequence(tmp / "src" / "s1", 10, 4, 1));
  add_sequence(d, test::make_source_sequence(tmp / "src" / "s2", 10, 4, 2));
  CommitOptions co;
  co.message = "Add s1 and s2";
  co.author = test::kAlice;
  REQUIRE(commit_dataset(d, co));
  init_remote(d, tmp / "remote.git");
  return d;
}

void commit(const Dataset& d, const std::string& message, const char* author) {
  CommitOptions co;
  co.message = message;
  co.author = author;
  REQUIRE(commit_dataset(d, co));
}

PullResult pull(Dataset& d, const char* author) {
  PullOptions o;
  o.author = author;
  return pull_dataset(d, o);
}

Object car(ObjectId id, int frame) {
  Object o;
  o.id = id;
  o.class_name = "Car";
  Shape s;
  s.geometry = Box2D{1, 2, 30, 40};
  o.track_or_create("CAM_FRONT", ShapeKind::Box2D).set(frame, s);
  return o;
}

}  // namespace

TEST_CASE("Two clones edit, push and pull through a bare remote; every merge case", "[dataset][git]") {
  test::TempDir tmp;
  Dataset alice = make_shared_dataset(tmp);
  Dataset bob = clone_dataset((tmp / "remote.git").string(), tmp / "bob");
  REQUIRE(bob.manifest().sequences.size() == 2);
  // git never clones config: clone_dataset sets the driver up.
  CHECK_THAT(test::read_text(tmp / "bob" / ".git" / "config"), Catch::Contains("merge-driver %O %A %B %P"));

  SECTION("disjoint objects, then the same object on different frames: clean merges") {
    edit_sequence(alice, "s1", [](Annotations& a) { box_at(a, 1, 2).x1 = 11; });
    commit(alice, "alice: object 1", test::kAlice);
    push_dataset(alice);
    double y2 = 0;
    edit_sequence(bob, "s1", [&](Annotations& a) {
      box_at(a, 2, 3).y1 = 22;
      box_at(a, 1, 7).y2 += 7;  // alice's object, another frame
      y2 = box_at(a, 1, 7).y2;
    });
    commit(bob, "bob: objects 1 and 2", test::kBob);
    // Bob is behind: push refuses, pull merges.
    CHECK_THROWS_WITH(push_dataset(bob), Catch::Contains("pull` first"));
    const PullResult r = pull(bob, test::kBob);
    CHECK(r.outcome == PullResult::Outcome::Merged);
    CHECK(r.conflicts.empty());
    const Annotations merged = test::annotations_of(bob, "s1");
    CHECK(merged.conflicts.empty());
    CHECK(std::get<Box2D>(merged.find(1)->track("CAM_FRONT", ShapeKind::Box2D)->at(2)->geometry).x1 == 11);
    CHECK(std::get<Box2D>(merged.find(1)->track("CAM_FRONT", ShapeKind::Box2D)->at(7)->geometry).y2 == y2);
    CHECK(std::get<Box2D>(merged.find(2)->track("CAM_FRONT", ShapeKind::Box2D)->at(3)->geometry).y1 == 22);
    CHECK(work_tree_status(bob).clean());
    const auto log = dataset_log(bob);
    REQUIRE(log.size() >= 3);
    CHECK(log[0].parents.size() == 2);  // the merge commit
    CHECK(log[0].author == "Bob");
    CHECK(log[0].tool_version == kVersion);
    push_dataset(bob);
    // Alice fast-forwards to the same files.
    CHECK(pull(alice, test::kAlice).outcome == PullResult::Outcome::FastForward);
    CHECK(test::annotations_of(alice, "s1") == merged);
    CHECK(pull(alice, test::kAlice).outcome == PullResult::Outcome::UpToDate);
  }

  SECTION("the same shape on the same frame: a conflict kept in the file") {
    edit_sequence(alice, "s2", [](Annotations& a) { box_at(a, 3, 5) = Box2D{10, 10, 20, 20}; });
    commit(alice, "alice: box", test::kAlice);
    push_dataset(alice);
    edit_sequence(bob, "s2", [](Annotations& a) { box_at(a, 3, 5) = Box2D{30, 30, 40, 40}; });
    commit(bob, "bob: box", test::kBob);
    const PullResult r = pull(bob, test::kBob);
    CHECK(r.outcome == PullResult::Outcome::Merged);  // committed, conflict recorded inside
    REQUIRE(r.conflicts.size() == 1);
    CHECK_THAT(r.conflicts[0], Catch::Contains("sequences/s2/annotations.json") && Catch::Contains("object 3") &&
                                   Catch::Contains("frame 5") && Catch::Contains("origin/main (Alice)"));
    const std::string text = test::read_text(bob.root() / "sequences/s2/annotations.json");
    CHECK(text.find("<<<<<<<") == std::string::npos);
    const Annotations a = test::annotations_of(bob, "s2");
    REQUIRE(a.conflicts.size() == 1);
    CHECK(a.conflicts[0].kept == "ours");
    CHECK(std::get<Box2D>(a.find(3)->track("CAM_FRONT", ShapeKind::Box2D)->at(5)->geometry) == Box2D{30, 30, 40, 40});
    CHECK(nlohmann::json::parse(a.conflicts[0].theirs)["box"] == nlohmann::json::array({10, 10, 20, 20}));
  }

  SECTION("deleted on one side, edited on the other") {
    edit_sequence(alice, "s1", [](Annotations& a) { a.remove(4); });
    commit(alice, "alice: delete 4", test::kAlice);
    push_dataset(alice);
    edit_sequence(bob, "s1", [](Annotations& a) { box_at(a, 4, 1).x2 += 5; });
    commit(bob, "bob: edit 4", test::kBob);
    const PullResult r = pull(bob, test::kBob);
    REQUIRE(r.conflicts.size() == 1);
    CHECK_THAT(r.conflicts[0], Catch::Contains("delete_edit"));
    const Annotations a = test::annotations_of(bob, "s1");
    REQUIRE(a.find(4));
    CHECK(a.conflicts[0].kind == "delete_edit");
  }

  SECTION("a class renamed on one side, new objects of the old name on the other") {
    const SchemaEditResult rn = dataset_rename_class(alice, "Car", "Automobile");
    CHECK(rn.objects_changed == 2);  // one Car per sequence (objects 1 of 4)
    commit(alice, "rename Car", test::kAlice);
    push_dataset(alice);
    edit_sequence(bob, "s2", [](Annotations& a) { a.put(car(50, 4)); });
    commit(bob, "bob: new car", test::kBob);
    const PullResult r = pull(bob, test::kBob);
    CHECK(r.outcome == PullResult::Outcome::Merged);
    CHECK(r.conflicts.empty());
    const Annotations a = test::annotations_of(bob, "s2");
    CHECK(a.find(50)->class_name == "Automobile");
    CHECK(a.find(1)->class_name == "Automobile");
    CHECK(bob.load_schema().find_class("Automobile"));
    CHECK_FALSE(bob.load_schema().find_class("Car"));
  }

  SECTION("sequences added and claims made on both sides") {
    add_sequence(alice, test::make_source_sequence(tmp / "src" / "s3", 6, 2, 3));
    commit(alice, "add s3", test::kAlice);
    push_dataset(alice);
    add_sequence(bob, test::make_source_sequence(tmp / "src" / "s4", 6, 2, 4));
    bob.manifest().find("s1")->status = ReviewStatus::Done;
    bob.save();
    commit(bob, "add s4", test::kBob);
    CHECK(pull(bob, test::kBob).conflicts.empty());
    std::vector<std::string> names;
    for (const auto& e : bob.manifest().sequences) names.push_back(e.name);
    CHECK(names == std::vector<std::string>{"s1", "s2", "s3", "s4"});
    CHECK(bob.manifest().find("s1")->status == ReviewStatus::Done);
  }

  SECTION("pushing to a repository with a work tree fails clearly") {
    Dataset carol = clone_dataset((tmp / "remote.git").string(), tmp / "carol");
    // Point carol's origin at alice's non-bare clone.
    test::write_text(tmp / "carol" / ".git" / "config",
                     test::read_text(tmp / "carol" / ".git" / "config") + "[remote \"alice\"]\n\turl = " +
                         (tmp / "alice").string() + "\n\tfetch = +refs/heads/*:refs/remotes/alice/*\n");
    PushOptions po;
    po.remote = "alice";
    CHECK_THROWS_WITH(push_dataset(carol, po), Catch::Contains("non-bare") && Catch::Contains("bare"));
  }
}

TEST_CASE("Versions: log, tag, semantic diff, read-only checkout and export --at", "[dataset][git]") {
  test::TempDir tmp;
  InitOptions io;
  io.author = test::kAlice;
  Dataset d = init_dataset(tmp / "ds", io);
  add_sequence(d, test::make_source_sequence(tmp / "src" / "s1", 8, 3, 1));
  commit(d, "first labels", test::kAlice);
  tag_revision(d, "v1", "HEAD", "", test::kAlice);
  const std::string v1_text = test::read_text(d.root() / "sequences/s1/annotations.json");

  edit_sequence(d, "s1", [](Annotations& a) {
    for (int f = 2; f <= 4; ++f) box_at(a, 2, f).x1 += 1;
    a.find(3)->class_name = "Van";
    a.remove(1);
    a.put(car(9, 3));
  });
  // Work tree against HEAD.
  DatasetDiff wd = diff_dataset(d, "HEAD", "");
  REQUIRE(wd.sequences.size() == 1);
  commit(d, "second labels", test::kBob);

  const DatasetDiff dd = diff_dataset(d, "v1", "HEAD");
  REQUIRE(dd.sequences.size() == 1);
  const AnnotationDiff& a = dd.sequences[0].annotations;
  REQUIRE(a.objects.size() == 4);
  CHECK(a.objects[0].id == 1);
  CHECK(a.objects[0].change == ObjectDiff::Change::Removed);
  CHECK(a.objects[0].first_frame == 0);
  CHECK(a.objects[0].last_frame == 7);
  CHECK(a.objects[1].id == 2);
  CHECK(a.objects[1].change == ObjectDiff::Change::Changed);
  REQUIRE(a.objects[1].tracks.size() == 1);
  CHECK(a.objects[1].tracks[0].changed == std::vector<FrameRange>{{2, 4}});
  CHECK(a.objects[1].tracks[0].fields == std::set<std::string>{"geometry", "keyframe"});
  CHECK(a.objects[2].id == 3);
  CHECK(a.objects[2].fields == std::vector<std::string>{"class"});
  CHECK(a.objects[2].old_class_name == "Cyclist");
  CHECK(a.objects[3].id == 9);
  CHECK(a.objects[3].change == ObjectDiff::Change::Added);
  CHECK(diff_dataset(d, "HEAD", "").empty());

  const auto log = dataset_log(d);
  REQUIRE(log.size() == 3);
  CHECK(log[0].author == "Bob");
  CHECK(log[1].tags == std::vector<std::string>{"v1"});
  CHECK(log[1].tool_version == kVersion);

  // A read-only view of v1, its data paths still reaching the data.
  const fs::path view = tmp / "view";
  const CommitInfo c = write_revision_view(d, "v1", view);
  CHECK(c.id == log[1].id);
  CHECK(test::read_text(view / "sequences/s1/annotations.json") == v1_text);
  CHECK((fs::status(view / "sequences/s1/annotations.json").permissions() & fs::perms::owner_write) == fs::perms::none);
  const Document vd = load_native(view / "sequences/s1");
  const Document wt = load_native(d.root() / "sequences/s1");
  CHECK(fs::weakly_canonical(view / "sequences/s1" / vd.sequence.frames[0].files.at("CAM_FRONT")) ==
        fs::weakly_canonical(d.root() / "sequences/s1" / wt.sequence.frames[0].files.at("CAM_FRONT")));

  // Export at the tag: v1's labels, with the revision in COCO's info.
  DatasetExportOptions eo;
  eo.format = FormatId::Coco;
  eo.out = tmp / "export";
  eo.revision = "v1";
  const DatasetExportResult r = export_dataset(d, eo);
  REQUIRE(r.failed() == 0);
  CHECK(r.commit == log[1].id);
  const auto coco = nlohmann::json::parse(test::read_text(tmp / "export/s1/instances.json"));
  CHECK(coco["info"]["vantage"]["dataset"]["commit"] == log[1].id);
  CHECK(coco["info"]["vantage"]["dataset"]["revision"] == "v1");
  std::set<int64_t> track_ids;
  for (const auto& ann : coco["annotations"]) track_ids.insert(ann["category_id"].get<int64_t>());
  const auto combined = nlohmann::json::parse(test::read_text(tmp / "export/combined/all.json"));
  CHECK(combined["images"].size() == coco["images"].size());
  CHECK(combined["annotations"].size() == coco["annotations"].size());
  CHECK(combined["images"][0]["id"] == stable_image_id("s1", 0, "CAM_FRONT"));
  CHECK(combined["info"]["vantage"]["dataset"]["commit"] == log[1].id);
  const auto manifest = nlohmann::json::parse(test::read_text(tmp / "export/export.json"));
  CHECK(manifest["dataset"]["commit"] == log[1].id);
  // v1 had object 1 (3 objects); HEAD has 3 objects too but different ones:
  // 8 frames x 3 objects of boxes at v1.
  CHECK(coco["annotations"].size() == 24);

  // An old revision opens with today's schema: migrations replay.
  dataset_rename_class(d, "Pedestrian", "Walker");
  const Document old = load_sequence_at(d, "v1", d.sequence("s1"));
  CHECK(old.annotations.find(2)->class_name == "Pedestrian");
  Annotations migrated = old.annotations;
  migrate_annotations(d.load_schema(), migrated);
  CHECK(migrated.find(2)->class_name == "Walker");
}
