// Hostile paths: sequences naming data outside their folder are refused unless
// the user opts in (absolute paths, "..", links that lead out), and exports
// never write outside their folder whatever the sequence, camera and object
// names hold.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/dataset/dataset.h"
#include "core/formats/format.h"
#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "core/io/path_policy.h"
#include "core/io/sequence_opener.h"
#include "tests/support/fixtures.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;
namespace fs = std::filesystem;
using test::TempDir;

namespace {

Document small_doc() {
  test::SyntheticOptions o;
  o.frames = 3;
  o.objects = 3;
  o.extras = true;
  return test::make_synthetic_document(o);
}

// A native folder whose frame 1 camera file is `file`.
fs::path folder_naming(const TempDir& tmp, const std::string& file) {
  Document doc = small_doc();
  doc.sequence.frames[1].files["CAM_FRONT"] = file;
  const fs::path dir = tmp / "seq";
  save_native(doc, dir);
  return dir;
}

// Every path under `root`, relative.
std::vector<std::string> tree(const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    out.push_back(e.path().lexically_relative(root).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("path_is_inside compares whole components", "[paths]") {
  CHECK(path_is_inside("/data/seq/a.png", "/data/seq"));
  CHECK(path_is_inside("/data/seq", "/data/seq"));
  CHECK(path_is_inside("/data/seq/x/y", "/data/seq/"));
  CHECK_FALSE(path_is_inside("/data/seq2/a.png", "/data/seq"));
  CHECK_FALSE(path_is_inside("/data", "/data/seq"));
  CHECK_FALSE(path_is_inside("/etc/passwd", "/data/seq"));
}

TEST_CASE("A sequence naming files outside its folder is refused unless allowed", "[paths]") {
  TempDir tmp;
  fs::create_directories(tmp / "outside");
  test::write_text(tmp / "outside" / "secret.png", "not an image");
  const std::string outside_abs = (tmp / "outside" / "secret.png").string();

  for (const std::string& file : {outside_abs, std::string("../outside/secret.png"),
                                  std::string("images/../../outside/secret.png"),
                                  std::string("/etc/passwd")}) {
    CAPTURE(file);
    const fs::path dir = folder_naming(tmp, file);
    try {
      (void)load_native(dir);
      FAIL("loaded");
    } catch (const OutsideDataError& e) {
      const std::string m = e.what();
      CHECK(m.find((dir / kSequenceFileName).string()) != std::string::npos);
      CHECK(m.find("/frames/1/files/CAM_FRONT") != std::string::npos);
      CHECK(m.find(file) != std::string::npos);
      CHECK(m.find("--allow-outside") != std::string::npos);
      REQUIRE(e.outside().size() == 1);
      CHECK(e.outside().front().frame == 1);
    }
    CHECK_THROWS_AS(open_document(dir), OutsideDataError);
    // Opting in loads it as written.
    NativeLoadOptions allow;
    allow.allow_outside = true;
    CHECK(load_native(dir, allow).sequence.frames[1].files.at("CAM_FRONT") == file);
    OpenOptions oo;
    oo.allow_outside = true;
    CHECK_NOTHROW(open_document(dir, oo));
    fs::remove_all(dir);
  }
}

TEST_CASE("Paths that stay inside, however written, load", "[paths]") {
  TempDir tmp;
  for (const std::string& file : {std::string("images/x.png"), std::string("images/../images/x.png"),
                                  std::string("./a/./b.png"), std::string("missing/deep/file.png")}) {
    CAPTURE(file);
    const fs::path dir = folder_naming(tmp, file);
    CHECK_NOTHROW(load_native(dir));
    fs::remove_all(dir);
  }
  // An absolute path into the folder itself is fine.
  const fs::path dir = folder_naming(tmp, (fs::canonical(tmp.path()) / "seq" / "images" / "y.png").string());
  CHECK_NOTHROW(load_native(dir));
}

TEST_CASE("Symbolic links that lead out of the folder are refused", "[paths]") {
  TempDir tmp;
  fs::create_directories(tmp / "outside");
  test::write_text(tmp / "outside" / "f.png", "x");
  {
    // A linked file.
    const fs::path dir = folder_naming(tmp, "link.png");
    fs::create_symlink(tmp / "outside" / "f.png", dir / "link.png");
    CHECK_THROWS_AS(load_native(dir), OutsideDataError);
    fs::remove_all(dir);
  }
  {
    // A linked folder.
    const fs::path dir = folder_naming(tmp, "images/f.png");
    fs::create_directory_symlink(tmp / "outside", dir / "images");
    CHECK_THROWS_AS(load_native(dir), OutsideDataError);
    fs::remove_all(dir);
  }
  {
    // A link that stays inside is fine.
    const fs::path dir = folder_naming(tmp, "alias/x.png");
    fs::create_directories(dir / "real");
    fs::create_directory_symlink(dir / "real", dir / "alias");
    CHECK_NOTHROW(load_native(dir));
  }
}

TEST_CASE("vantage commands refuse outside data and take --allow-outside", "[paths][cli]") {
  TempDir tmp;
  const fs::path dir = folder_naming(tmp, "../elsewhere/x.png");
  const auto refused = test::run_vantage("info '" + dir.string() + "'");
  CHECK(refused.exit_code == 2);
  CHECK(refused.out.find("outside its folder") != std::string::npos);
  CHECK(refused.out.find("--allow-outside") != std::string::npos);
  CHECK(test::run_vantage("info '" + dir.string() + "' --allow-outside").exit_code == 0);
  CHECK(test::run_vantage("--allow-outside info '" + dir.string() + "'").exit_code == 0);
  CHECK(test::run_vantage("validate '" + dir.string() + "'").exit_code == 2);
  CHECK(test::run_vantage("export '" + dir.string() + "' --format coco --out '" +
                          (tmp / "out").string() + "'")
            .exit_code == 2);
  CHECK_FALSE(fs::exists(tmp / "out"));
}

TEST_CASE("Exports stay inside their folder whatever the names hold", "[paths][formats]") {
  Document doc = small_doc();
  // Hostile camera names (two cameras, so they become folder names), a
  // hostile sequence name and hostile class names.
  const std::string evil_cam = "../../evil";
  Camera second = doc.sequence.rigs[0].cameras.front();
  second.name = "a/../../b";
  for (Camera& c : doc.sequence.rigs[0].cameras)
    if (c.name == "CAM_FRONT") c.name = evil_cam;
  doc.sequence.rigs[0].cameras.push_back(second);
  for (Frame& f : doc.sequence.frames) {
    auto node = f.files.extract("CAM_FRONT");
    node.key() = evil_cam;
    f.files.insert(std::move(node));
  }
  for (Object& o : doc.annotations.objects)
    for (Track& t : o.tracks)
      if (t.sensor == "CAM_FRONT") t.sensor = evil_cam;
  doc.sequence.name = "../../../tmp/seq\\..\\x";
  for (ClassDef& c : doc.schema.classes)
    if (c.name == "Car") c.name = "../Car";
  for (Object& o : doc.annotations.objects)
    if (o.class_name == "Car") o.class_name = "../Car";

  for (const FormatInfo& f : format_list()) {
    if (!f.can_export) continue;
    for (const bool several_cameras : {true, false}) {
      CAPTURE(f.name, several_cameras);
      TempDir tmp;
      const fs::path out = tmp / "deep" / "out";
      ExportOptions eo;
      eo.skip_invalid = true;
      eo.copy_images = true;
      if (!several_cameras) eo.camera = evil_cam;
      try {
        export_document(doc, f.id, out, eo);
      } catch (const Error& e) {
        // A format may refuse the document; it must not write elsewhere either.
        INFO(e.what());
      }
      // Nothing beside the output folder, nothing above it.
      for (const std::string& p : tree(tmp.path())) {
        CAPTURE(p);
        CHECK((p == "deep" || p == "deep/out" || p.rfind("deep/out/", 0) == 0));
      }
    }
  }
}

TEST_CASE("A dataset whose sequence folder is a link leading out is refused", "[paths][dataset]") {
  TempDir tmp;
  const fs::path root = tmp / "ds";
  fs::create_directories(root / "sequences" / "good");
  fs::create_directories(tmp / "elsewhere");
  fs::create_directory_symlink(tmp / "elsewhere", root / "sequences" / "evil");
  auto manifest = [&](const std::string& path) {
    test::write_text(root / "dataset.json",
                     R"({"format": "vantage.dataset", "format_version": 1, "name": "ds", )"
                     R"("schema": "schema.json", "sequences": [{"name": "s", "path": ")" +
                         path + R"(", "status": "todo"}], "claims": []})");
  };
  manifest("sequences/good");
  CHECK(Dataset::open(root).manifest().sequences.size() == 1);
  manifest("sequences/evil");
  CHECK_THROWS_WITH(Dataset::open(root), Catch::Contains("outside the dataset folder") &&
                                             Catch::Contains("/sequences/0/path"));
  // The lexical rules of the manifest itself still hold.
  manifest("../elsewhere");
  CHECK_THROWS_AS(Dataset::open(root), FileError);
}

TEST_CASE("Data outside a folder is read only from folders this user trusts", "[paths][dataset]") {
  TempDir tmp;
  // The trust list lives in the user's state folder: point it at the test's.
  const char* old_state = std::getenv("XDG_STATE_HOME");
  const std::string saved_state = old_state ? old_state : "";
  ::setenv("XDG_STATE_HOME", (tmp / "state").c_str(), 1);
  struct Restore {
    std::string value;
    bool had;
    ~Restore() {
      if (had) ::setenv("XDG_STATE_HOME", value.c_str(), 1);
      else ::unsetenv("XDG_STATE_HOME");
    }
  } restore{saved_state, old_state != nullptr};
  CHECK(trusted_data_file() == tmp / "state" / "vantage" / "trusted-data");

  fs::create_directories(tmp / "source" / "images");
  test::write_text(tmp / "source" / "images" / "a.png", "not an image");
  fs::create_directories(tmp / "other");
  test::write_text(tmp / "other" / "b.png", "not an image");
  const fs::path seq = tmp / "ds" / "sequences" / "s";
  Document doc = small_doc();
  doc.sequence.frames[0].files["CAM_FRONT"] = (tmp / "source" / "images" / "a.png").string();
  doc.sequence.frames[1].files["CAM_FRONT"] = (tmp / "other" / "b.png").string();
  save_native(doc, seq);

  // Nothing trusted yet (a folder somebody else wrote): both refused.
  CHECK(trusted_data_roots().empty());
  CHECK(files_outside(doc.sequence, seq).size() == 2);
  CHECK_THROWS_WITH(load_native(seq), Catch::Contains("vantage dataset trust"));
  // A folder trusted (as `dataset trust` does): only the other file is still
  // outside. A folder inside a trusted one adds nothing.
  trust_data_root(tmp / "source");
  trust_data_root(tmp / "source" / ".." / "source" / "images");
  REQUIRE(trusted_data_roots().size() == 1);
  CHECK(trusted_data_roots().front() == fs::weakly_canonical(tmp / "source"));
  const auto left = files_outside(doc.sequence, seq);
  REQUIRE(left.size() == 1);
  CHECK(left.front().frame == 1);
  trust_data_root(tmp / "other");
  CHECK_NOTHROW(load_native(seq));

  // Vantage's own copies (Save As, --out, dataset add) trust the data they
  // leave where it was: a copy of a folder with inside data opens.
  ::setenv("XDG_STATE_HOME", (tmp / "state2").c_str(), 1);
  Document local = small_doc();
  local.sequence.frames[0].files["CAM_FRONT"] = "images/c.png";
  fs::create_directories(tmp / "orig" / "images");
  test::write_text(tmp / "orig" / "images" / "c.png", "not an image");
  save_native(local, tmp / "orig");
  Document loaded = load_native(tmp / "orig");
  CHECK(trusted_data_roots().empty());
  save_native_as(loaded, tmp / "copy");
  CHECK(trusted_data_roots().size() >= 1);
  CHECK(load_native(tmp / "copy").sequence.frames[0].files.at("CAM_FRONT") ==
        "../orig/images/c.png");
}
