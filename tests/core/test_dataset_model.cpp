// The dataset folder: dataset.json, init, add, info, split, verify, claims
// and schema evolution (no remotes here: test_dataset_versions.cpp).
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/dataset/claims.h"
#include "core/dataset/dataset_info.h"
#include "core/dataset/schema_evolution.h"
#include "core/dataset/split.h"
#include "core/dataset/verify.h"
#include "core/io/file_util.h"
#include "core/util/error.h"
#include "tests/core/dataset_test_util.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;
namespace fs = std::filesystem;

namespace {

std::string shell(const std::string& cmd, int* status = nullptr) {
  std::string out;
  FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  REQUIRE(p);
  std::array<char, 4096> buf{};
  size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  const int st = ::pclose(p);
  if (status) *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return out;
}

Dataset dataset_with(const test::TempDir& tmp, int sequences) {
  InitOptions io;
  io.git = false;
  Dataset d = init_dataset(tmp / "ds", io);
  for (int i = 0; i < sequences; ++i)
    add_sequence(d, test::make_source_sequence(tmp / "src" / fmt::format("seq{:02d}", i), 5 + i, 2 + i % 3,
                                               static_cast<unsigned>(i + 1)));
  return d;
}

}  // namespace

TEST_CASE("dataset.json round-trips and bad files name the place", "[dataset]") {
  DatasetManifest m;
  m.name = "drive";
  m.sequences = {{"b", "sequences/b", ReviewStatus::Done, "val", "/data/b"}, {"a", "sequences/a", ReviewStatus::Todo, "", ""}};
  m.claims = {{"a", FrameRange{0, 9}, "alice", 5}, {"b", std::nullopt, "bob", 6}};
  m.split = SplitSettings{{"train", "val"}, {0.75, 0.25}, 42};
  m.conflicts = {{"sequence a: status", "done", "todo"}};
  m.sort();
  const DatasetManifest back = manifest_from_json(manifest_to_json(m), "dataset.json");
  CHECK(back == m);
  CHECK(back.sequences[0].name == "a");
  CHECK_THROWS_WITH(manifest_from_json(R"({"format": "vantage.dataset", "format_version": 1,
      "sequences": [{"name": "x", "path": "../x", "status": "todo"}]})", "d.json"),
                    Catch::Contains("d.json: /sequences/0/path: a sequence path must stay inside"));
  CHECK_THROWS_WITH(manifest_from_json(R"({"format": "vantage.dataset", "format_version": 1,
      "sequences": [{"name": "x", "path": "x", "status": "finished"}]})", "d.json"),
                    Catch::Contains("/sequences/0/status: unknown status \"finished\""));
}

TEST_CASE("init writes the dataset files; the .gitignore keeps sensor data out of git", "[dataset]") {
  test::TempDir tmp;
  InitOptions io;
  io.author = test::kAlice;
  const Dataset d = init_dataset(tmp / "ds", io);
  for (const char* f : {"dataset.json", "schema.json", ".gitignore", ".gitattributes"})
    CHECK(fs::exists(tmp / "ds" / f));
  CHECK(d.load_schema() == default_schema());
  CHECK_THROWS_WITH(init_dataset(tmp / "ds", io), Catch::Contains("already a dataset"));
  // git itself (not libgit2) decides what is ignored.
  const std::string root = (tmp / "ds").string();
  int st = 0;
  const std::string ignored = shell("cd '" + root + "' && git check-ignore sequences/s1/images/000000.png "
                                    "lidar/000000.bin sequences/s1/annotations.json.bak sequences/s1/annotations.json "
                                    "sequences/s1/files.json dataset.json", &st);
  CHECK(ignored == "sequences/s1/images/000000.png\nlidar/000000.bin\nsequences/s1/annotations.json.bak\n");
  CHECK_THAT(shell("cd '" + root + "' && git log --format=%an%n%B"),
             Catch::Contains("Alice") && Catch::Contains("Vantage-Version: "));
  // Discovery from a sub-folder, like git.
  fs::create_directories(tmp / "ds" / "sequences" / "deep");
  CHECK(Dataset::discover(tmp / "ds" / "sequences" / "deep").root() == d.root());
  fs::create_directories(tmp / "elsewhere");
  CHECK_THROWS_WITH(Dataset::discover(tmp / "elsewhere"), Catch::Contains("not inside a dataset"));
  CHECK_THROWS_WITH(Dataset::discover(tmp / "ds" / "nope"), Catch::Contains("nope: is not a folder"));
}

TEST_CASE("add copies annotation files, keeps data by reference and adds unknown classes", "[dataset]") {
  test::TempDir tmp;
  const fs::path src = test::make_source_sequence(tmp / "src" / "drive01", 6, 3);
  // A real sensor file for frame 0 (the others are missing).
  fs::create_directories(src / "images" / "CAM_FRONT");
  test::write_text(src / "images/CAM_FRONT/000000.png", "not really a png");
  // A class the dataset schema lacks.
  Document doc = load_native(src);
  doc.annotations.find(1)->class_name = "Scooter";
  save_native(doc, src);

  InitOptions io;
  io.git = false;
  Dataset d = init_dataset(tmp / "ds", io);
  const AddResult r = add_sequence(d, src);
  CHECK(r.name == "drive01");
  CHECK(r.frames == 6);
  CHECK(r.objects == 3);
  CHECK(r.files_hashed == 1);
  CHECK(r.classes_added == std::vector<std::string>{"Scooter"});
  CHECK(d.load_schema().find_class("Scooter"));
  const Document added = load_native(d.root() / "sequences/drive01");
  CHECK(added.schema == d.load_schema());
  CHECK(added.annotations.objects == doc.annotations.objects);
  // Data stays where it was; the relative path reaches it.
  const fs::path img = d.root() / "sequences/drive01" / added.sequence.frames[0].files.at("CAM_FRONT");
  CHECK(fs::equivalent(img, src / "images/CAM_FRONT/000000.png"));
  CHECK_THROWS_WITH(add_sequence(d, src), Catch::Contains("already has a sequence named 'drive01'"));
  CHECK_THROWS_WITH(add_sequence(d, tmp / "nope"), Catch::Contains("does not exist"));

  // verify: the recorded hash is git's blob id (an independent implementation).
  const auto records = files_manifest_from_json(test::read_text(d.root() / "sequences/drive01/files.json"), "files.json");
  REQUIRE(records.size() == 1);
  int st = 0;
  const std::string git_hash = shell("git hash-object '" + (src / "images/CAM_FRONT/000000.png").string() + "'", &st);
  CHECK(st == 0);
  CHECK(records[0].hash + "\n" == git_hash);
  VerifyReport v = verify_dataset(d);
  CHECK(v.files == 12);  // 6 frames x (camera + lidar)
  size_t missing = 0;
  for (const auto& p : v.problems) missing += p.kind == "missing";
  CHECK(missing == 11);
  test::write_text(src / "images/CAM_FRONT/000000.png", "changed content!");  // same size
  v = verify_dataset(d);
  bool changed = false;
  for (const auto& p : v.problems)
    if (p.kind == "changed") changed = p.message.find("content hash") != std::string::npos;
  CHECK(changed);
}

TEST_CASE("info reports frames, objects, progress, review, claims and QA per sequence", "[dataset]") {
  test::TempDir tmp;
  Dataset d = dataset_with(tmp, 3);
  test::edit_sequence(d, "seq01", [](Annotations& a) {
    a.review.frames[0] = {ReviewStatus::Accepted, "rev", 1, ""};
    a.review.frames[1] = {ReviewStatus::Done, "ann", 1, ""};
    a.review.frames[2] = {ReviewStatus::Rejected, "rev", 1, "loose"};
    a.excluded_frames = {5};
  });
  add_claim(d, "seq02", FrameRange{0, 3}, "alice");
  DatasetInfoOptions o;
  o.qa = true;
  const DatasetInfo info = dataset_info(d, o);
  REQUIRE(info.sequences.size() == 3);
  const SequenceInfo& s1 = info.sequences[1];
  CHECK(s1.name == "seq01");
  CHECK(s1.frames == 6);
  CHECK(s1.objects == 3);
  CHECK(s1.shapes == 3 * 6 * 2);
  CHECK(s1.progress == Approx(2.0 / 5.0));
  CHECK(s1.frame_review.at("rejected") == 1);
  CHECK(s1.annotators == std::vector<std::string>{"ann1", "ann2"});
  CHECK(s1.qa_errors >= 0);
  CHECK(info.sequences[2].claims.size() == 1);
  CHECK(info.frames == 5 + 6 + 7);
}

TEST_CASE("claims: overlapping claims of others are refused, releases split ranges", "[dataset]") {
  test::TempDir tmp;
  Dataset d = dataset_with(tmp, 2);
  CHECK(parse_claim_target("seq00:3-9").second == FrameRange{3, 9});
  CHECK_FALSE(parse_claim_target("seq00").second);
  CHECK_THROWS_WITH(parse_claim_target("seq00:9-3"), Catch::Contains("ends before"));
  add_claim(d, "seq00", FrameRange{0, 9}, "alice");
  CHECK_THROWS_WITH(add_claim(d, "seq00", FrameRange{5, 12}, "bob"), Catch::Contains("seq00:0-9 by alice"));
  add_claim(d, "seq00", FrameRange{10, 12}, "bob");
  add_claim(d, "seq00", FrameRange{13, 20}, "alice");
  CHECK_THROWS_WITH(add_claim(d, "nope", std::nullopt, "bob"), Catch::Contains("no sequence named 'nope'"));
  CHECK(release_claims(d, "seq00", FrameRange{3, 4}, "alice") == 1);
  const Dataset again = Dataset::open(d.root());  // stored in dataset.json
  std::vector<std::string> claims;
  for (const auto& c : claims_on(again, "seq00")) claims.push_back(to_string(c));
  CHECK(claims == std::vector<std::string>{"seq00:0-2 by alice", "seq00:5-9 by alice", "seq00:10-12 by bob",
                                           "seq00:13-20 by alice"});
  CHECK(release_claims(d, "seq00", std::nullopt, "alice") == 3);
  CHECK(claims_on(d).size() == 1);
}

TEST_CASE("split: whole sequences, deterministic per seed, stratified by class", "[dataset]") {
  // 40 sequences; "Rare" appears in 4 of them.
  std::vector<SplitInput> in;
  for (int i = 0; i < 40; ++i) {
    SplitInput s;
    s.name = fmt::format("s{:02d}", i);
    s.frames = 100 + (i * 37) % 50;
    s.class_counts["Car"] = 50 + (i * 13) % 40;
    s.class_counts["Pedestrian"] = (i % 3) * 10;
    if (i % 10 == 3) s.class_counts["Rare"] = 5;
    in.push_back(s);
  }
  SplitOptions o;
  o.ratios = {0.5, 0.25, 0.25};
  o.seed = 7;
  const SplitResult a = compute_split(in, o);
  std::vector<SplitInput> reversed(in.rbegin(), in.rend());
  CHECK(compute_split(reversed, o).assignment == a.assignment);  // input order does not matter
  o.seed = 8;
  CHECK(compute_split(in, o).assignment != a.assignment);
  REQUIRE(a.assignment.size() == 40);
  REQUIRE(a.splits.size() == 3);
  CHECK(a.splits[0].name == "train");
  // Each split gets at least one sequence with the rare class, and frames
  // and Car shapes near their ratios.
  size_t car_total = 0, frames_total = 0;
  for (const auto& s : a.splits) {
    CHECK(s.class_counts.count("Rare") == 1);
    car_total += s.class_counts.at("Car");
    frames_total += static_cast<size_t>(s.frames);
  }
  for (const auto& s : a.splits) {
    CHECK(double(s.class_counts.at("Car")) / car_total == Approx(s.ratio).margin(0.05));
    CHECK(double(s.frames) / frames_total == Approx(s.ratio).margin(0.06));
  }
  CHECK_THROWS_WITH(parse_ratios("0.8,x"), Catch::Contains("--ratios"));

  // On a dataset: written into dataset.json.
  test::TempDir tmp;
  Dataset d = dataset_with(tmp, 4);
  SplitOptions so;
  so.ratios = {0.5, 0.5};
  split_dataset(d, so);
  const Dataset back = Dataset::open(d.root());
  for (const auto& e : back.manifest().sequences) CHECK((e.split == "train" || e.split == "val"));
  REQUIRE(back.manifest().split);
  CHECK(back.manifest().split->names == std::vector<std::string>{"train", "val"});
}

TEST_CASE("schema evolution: rename, merge and split a class over the dataset", "[dataset]") {
  test::TempDir tmp;
  Dataset d = dataset_with(tmp, 2);
  // seq01 has objects 1..3: Car, Pedestrian, Cyclist.
  test::edit_sequence(d, "seq01", [](Annotations& a) { a.find(1)->attributes["parked"] = true; });
  SchemaEditResult r = dataset_rename_class(d, "Pedestrian", "Walker");
  CHECK(r.objects_changed == 2);
  CHECK(r.sequences_changed.size() == 2);
  CHECK(test::annotations_of(d, "seq00").find(2)->class_name == "Walker");
  CHECK(load_schema_file(d.root() / "sequences/seq00/schema.json") == d.load_schema());
  CHECK_THROWS_WITH(dataset_rename_class(d, "Pedestrian", "X"), Catch::Contains("no class named 'Pedestrian'"));

  r = dataset_merge_class(d, "Cyclist", "Walker");
  CHECK(r.objects_changed == 1);  // seq01's object 3
  CHECK(test::annotations_of(d, "seq01").find(3)->class_name == "Walker");

  r = dataset_split_class(d, "Car", "parked", {{"true", "ParkedCar"}}, "MovingCar");
  CHECK(r.objects_changed == 2);
  CHECK(test::annotations_of(d, "seq01").find(1)->class_name == "ParkedCar");
  CHECK(test::annotations_of(d, "seq00").find(1)->class_name == "MovingCar");
  const Schema s = d.load_schema();
  CHECK_FALSE(s.find_class("Car"));
  CHECK(s.find_class("ParkedCar"));
  REQUIRE(s.history.size() >= 3);
  CHECK(s.history.back().kind == SchemaChange::Kind::SplitClass);
  // The history round-trips through schema.json and replays on old annotations.
  CHECK(schema_from_json(parse_json_text(schema_to_json(s), "s"), "s") == s);
  Annotations old;
  old.metadata.schema_version = 1;
  Object o;
  o.id = 1;
  o.class_name = "Car";
  old.objects.push_back(o);
  migrate_annotations(s, old);
  CHECK(old.objects[0].class_name == "MovingCar");
}

TEST_CASE("A dataset of real KITTI tracking and nuScenes data: add, verify, info", "[dataset][data]") {
  const fs::path data = test::shared_data();
  test::TempDir tmp;
  InitOptions io;
  io.git = false;
  Dataset d = init_dataset(tmp / "ds", io);
  AddOptions ko;
  ko.sequence = "0001";
  ko.name = "kitti-0001";
  const AddResult k = add_sequence(d, data / "kitti_tracking" / "training", ko);
  CHECK(k.frames == 447);
  CHECK(k.files_hashed > 0);
  const AddResult n = add_sequence(d, data / "nuscenes_sample");
  CHECK(n.frames == 1);
  // Every referenced file that exists is recorded with git's hash of it.
  const VerifyReport v = verify_dataset(d);
  size_t missing = 0;
  for (const auto& p : v.problems) {
    CHECK(p.kind == "missing");  // the sample ships only some frames' files
    missing += 1;
  }
  CHECK(v.files == missing + k.files_hashed + n.files_hashed);
  const auto records = files_manifest_from_json(test::read_text(d.root() / "sequences/kitti-0001/files.json"), "f");
  REQUIRE_FALSE(records.empty());
  const fs::path first = fs::path(records[0].path).is_absolute() ? fs::path(records[0].path)
                                                                 : d.root() / "sequences/kitti-0001" / records[0].path;
  CHECK(shell("git hash-object '" + first.string() + "'") == records[0].hash + "\n");
  const DatasetInfo info = dataset_info(d);
  REQUIRE(info.sequences.size() == 2);
  CHECK(info.sequences[0].frames == 447);
  CHECK(info.sequences[0].objects > 0);
  CHECK(info.sequences[0].error.empty());
  CHECK(info.sequences[1].error.empty());
}
