// `vantage dataset ...` and `vantage merge-driver` run as users would, the
// driver through real `git merge` (plain git, not libgit2).
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <functional>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/io/file_util.h"
#include "core/io/json_reader.h"
#include "tests/core/dataset_test_util.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;
namespace fs = std::filesystem;
using test::run_vantage;

namespace {

test::CommandResult shell(const std::string& cmd) {
  test::CommandResult r;
  FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  REQUIRE(p);
  std::array<char, 4096> buf{};
  size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int st = ::pclose(p);
  r.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

const char* kGit = "git -c user.name=Tester -c user.email=t@example.com -c init.defaultBranch=main ";

}  // namespace

TEST_CASE("vantage dataset: init, add, info, claim, split, commit, log, diff, export, remotes with -C and discovery",
          "[dataset][cli][git]") {
  test::TempDir tmp;
  const fs::path ds = tmp / "ds";
  REQUIRE(run_vantage("dataset init " + q(ds) + " --author 'Alice <alice@example.com>'").exit_code == 0);
  test::make_source_sequence(tmp / "src" / "a", 6, 3, 1);
  test::make_source_sequence(tmp / "src" / "b", 8, 2, 2);
  auto add = run_vantage("dataset -C " + q(ds) + " add " + q(tmp / "src/a") + " " + q(tmp / "src/b"));
  REQUIRE(add.exit_code == 0);
  CHECK_THAT(add.out, Catch::Contains("as a") && Catch::Contains("as b"));

  // Discovery from inside the dataset, like git.
  const auto info = run_vantage("dataset -C " + q(ds / "sequences" / "a") + " info --json");
  REQUIRE(info.exit_code == 0);
  const auto j = nlohmann::json::parse(info.out);
  CHECK(j["sequences"].size() == 2);
  CHECK(j["sequences"][0]["frames"] == 6);
  CHECK(j["sequences"][1]["objects"] == 2);

  CHECK(run_vantage("dataset -C " + q(ds) + " claim a:0-3 --as alice").exit_code == 0);
  const auto clash = run_vantage("dataset -C " + q(ds) + " claim a:2-5 --as bob");
  CHECK(clash.exit_code == 2);
  CHECK_THAT(clash.out, Catch::Contains("a:0-3 by alice"));

  const auto split = run_vantage("dataset -C " + q(ds) + " split --by sequence --ratios 0.5,0.5 --seed 3 --json");
  REQUIRE(split.exit_code == 0);
  CHECK(nlohmann::json::parse(split.out)["assignment"].size() == 2);

  const auto commit = run_vantage("dataset -C " + q(ds) + " commit -m 'Add a and b' --author 'Bob <bob@example.com>'");
  REQUIRE(commit.exit_code == 0);
  CHECK(run_vantage("dataset -C " + q(ds) + " commit -m again").exit_code == 1);  // nothing to commit
  CHECK(run_vantage("dataset -C " + q(ds) + " tag v1").exit_code == 0);

  // An edit, then the semantic diff against the tag.
  const Dataset d = Dataset::open(ds);
  test::edit_sequence(d, "a", [](Annotations& a) { test::box_at(a, 2, 4).x1 += 3; });
  const auto diff = run_vantage("dataset -C " + q(ds) + " diff v1");
  REQUIRE(diff.exit_code == 0);
  CHECK_THAT(diff.out, Catch::Contains("sequence a (changed)") && Catch::Contains("changed object 2") &&
                           Catch::Contains("changed frames 4 (geometry, keyframe)"));
  CHECK(run_vantage("dataset -C " + q(ds) + " commit -m 'fix box' --author 'Bob <bob@example.com>'").exit_code == 0);

  const auto log = run_vantage("dataset -C " + q(ds) + " log --json");
  REQUIRE(log.exit_code == 0);
  const auto lj = nlohmann::json::parse(log.out);
  REQUIRE(lj.size() == 3);
  CHECK(lj[0]["author"] == "Bob");
  CHECK(lj[1]["tags"] == nlohmann::json::array({"v1"}));
  CHECK(lj[2]["author"] == "Alice");

  const auto view = run_vantage("dataset -C " + q(ds) + " checkout v1 --out " + q(tmp / "v1"));
  REQUIRE(view.exit_code == 0);
  CHECK(fs::exists(tmp / "v1/sequences/a/annotations.json"));

  const auto exp = run_vantage("dataset -C " + q(ds) + " export --format openlabel --out " + q(tmp / "out") + " --at v1");
  REQUIRE(exp.exit_code == 0);
  const auto ol = nlohmann::json::parse(test::read_text(tmp / "out/a/openlabel.json"));
  CHECK(ol["openlabel"]["metadata"]["vantage"]["dataset"]["revision"] == "v1");
  CHECK(ol["openlabel"]["metadata"]["vantage"]["dataset"]["commit"] == lj[1]["id"]);

  // Plain `vantage export` and `validate` accept the dataset folder: every
  // sequence, plus the combined YOLO set per split.
  const auto yolo = run_vantage("export " + q(ds) + " --format yolo --out " + q(tmp / "yolo"));
  REQUIRE(yolo.exit_code == 0);
  CHECK(fs::exists(tmp / "yolo/combined/data.yaml"));
  size_t labels = 0;
  for (const auto& e : fs::recursive_directory_iterator(tmp / "yolo/combined/labels")) labels += e.is_regular_file();
  CHECK(labels == 6 + 8);  // one per frame and camera
  const auto val = run_vantage("validate " + q(ds) + " --no-file-check --no-points");
  CHECK(val.exit_code == 0);
  CHECK_THAT(val.out, Catch::Contains("a ") && Catch::Contains("0 errors"));

  CHECK_THAT(run_vantage("dataset -C " + q(tmp / "src") + " info").out, Catch::Contains("not inside a dataset"));

  // A shared bare remote. A plain git clone has no driver config until
  // `dataset install-driver`; Vantage clones push to the bare remote, and a
  // remote with a work tree is refused clearly.
  REQUIRE(run_vantage("dataset -C " + q(ds) + " init-remote " + q(tmp / "shared.git")).exit_code == 0);
  const std::string clone = (tmp / "clone").string();
  REQUIRE(shell(std::string(kGit) + "clone -q " + q(tmp / "shared.git") + " '" + clone + "'").exit_code == 0);
  CHECK(shell(std::string(kGit) + "-C '" + clone + "' config merge.vantage.driver").exit_code == 1);
  REQUIRE(run_vantage("dataset -C '" + clone + "' install-driver").exit_code == 0);
  CHECK_THAT(shell(std::string(kGit) + "-C '" + clone + "' config merge.vantage.driver").out,
             Catch::Contains("merge-driver %O %A %B %P"));
  REQUIRE(run_vantage("dataset clone " + q(tmp / "shared.git") + " " + q(tmp / "bob")).exit_code == 0);
  REQUIRE(shell(std::string(kGit) + "-C " + q(tmp / "bob") + " remote add work '" + clone + "'").exit_code == 0);
  const auto push = run_vantage("dataset -C " + q(tmp / "bob") + " push work");
  CHECK(push.exit_code == 2);
  CHECK_THAT(push.out, Catch::Contains("cannot push to a non-bare local repository"));
  CHECK(run_vantage("dataset -C " + q(tmp / "bob") + " push").exit_code == 0);
}

TEST_CASE("vantage merge-driver merges annotations.json in plain git merges", "[dataset][cli][git]") {
  test::TempDir tmp;
  const fs::path repo = tmp / "repo";
  test::make_source_sequence(repo / "seq", 6, 3, 1);
  test::write_text(repo / ".gitattributes", "annotations.json merge=vantage\n");
  const std::string git = std::string(kGit) + "-C " + q(repo) + " ";
  REQUIRE(shell(git + "init -q").exit_code == 0);
  REQUIRE(shell(git + "config merge.vantage.driver \"'" + test::vantage_binary().string() +
                "' merge-driver %O %A %B %P\"").exit_code == 0);
  REQUIRE(shell(git + "add -A && " + git + "commit -qm base").exit_code == 0);
  const fs::path file = repo / "seq" / "annotations.json";
  auto edit = [&](const std::function<void(Annotations&)>& f) {
    Annotations a = load_annotations_file(file);
    f(a);
    save_annotations_file(a, file);
    fs::remove(repo / "seq" / "annotations.json.bak");
  };

  SECTION("different objects: a clean merge with both edits") {
    REQUIRE(shell(git + "checkout -qb theirs").exit_code == 0);
    edit([](Annotations& a) { test::box_at(a, 1, 2).x1 = 111; });
    REQUIRE(shell(git + "commit -qam theirs").exit_code == 0);
    REQUIRE(shell(git + "checkout -q main").exit_code == 0);
    edit([](Annotations& a) { test::box_at(a, 2, 2).x1 = 222; });
    REQUIRE(shell(git + "commit -qam ours").exit_code == 0);
    const auto m = shell(git + "merge --no-edit theirs");
    CHECK(m.exit_code == 0);
    const Annotations a = load_annotations_file(file);
    CHECK(std::get<Box2D>(a.find(1)->track("CAM_FRONT", ShapeKind::Box2D)->at(2)->geometry).x1 == 111);
    CHECK(std::get<Box2D>(a.find(2)->track("CAM_FRONT", ShapeKind::Box2D)->at(2)->geometry).x1 == 222);
    CHECK(a.conflicts.empty());
  }
  SECTION("the same shape: git reports a conflict, the file stays valid JSON with both versions") {
    REQUIRE(shell(git + "checkout -qb theirs").exit_code == 0);
    edit([](Annotations& a) { test::box_at(a, 3, 4) = Box2D{1, 1, 9, 9}; });
    REQUIRE(shell(git + "commit -qam theirs").exit_code == 0);
    REQUIRE(shell(git + "checkout -q main").exit_code == 0);
    edit([](Annotations& a) { test::box_at(a, 3, 4) = Box2D{2, 2, 8, 8}; });
    REQUIRE(shell(git + "commit -qam ours").exit_code == 0);
    const auto m = shell(git + "merge --no-edit theirs");
    CHECK(m.exit_code == 1);
    CHECK_THAT(m.out, Catch::Contains("CONFLICT (content)") && Catch::Contains("object 3"));
    const std::string text = test::read_text(file);
    CHECK(text.find("<<<<<<<") == std::string::npos);
    const Annotations a = load_annotations_file(file);
    REQUIRE(a.conflicts.size() == 1);
    CHECK(std::get<Box2D>(a.find(3)->track("CAM_FRONT", ShapeKind::Box2D)->at(4)->geometry) == Box2D{2, 2, 8, 8});
    CHECK(nlohmann::json::parse(a.conflicts[0].theirs)["box"] == nlohmann::json::array({1, 1, 9, 9}));
  }
}
