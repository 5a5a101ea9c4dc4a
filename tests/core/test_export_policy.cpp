// What every export and import promises about loss and files: sequence
// names, no overwrite without asking, nothing written on failure or outside
// the output folder, and the loss policy (problems vs limitations).
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/formats/format.h"
#include "core/io/file_util.h"
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
  o.objects = 2;
  return test::make_synthetic_document(o);
}

// Every file under `dir`, relative.
std::vector<std::string> files_under(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    out.push_back(e.path().lexically_relative(dir).string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("Per-sequence output names come from the sequence, safely", "[formats][policy]") {
  CHECK(export_sequence_name("openlabel100_kitti_tracking_0042", "", true) == "0042");
  CHECK(export_sequence_name("0007", "", true) == "0007");
  CHECK(export_sequence_name("seq_12", "", true) == "0012");
  CHECK(export_sequence_name("", "", true) == "0000");
  CHECK(export_sequence_name("drive", "", true) == "drive");
  CHECK(export_sequence_name("drive_3", "mine", true) == "mine");
  CHECK(export_sequence_name("../../etc/passwd", "", false) == "_._.._etc_passwd");
  CHECK(export_sequence_name(".hidden", "", false) == "_hidden");
}

TEST_CASE("Exports never replace files unasked and write nothing on failure", "[formats][policy]") {
  const Document doc = small_doc();
  TempDir tmp;
  ExportOptions o;
  export_document(doc, FormatId::KittiTracking, tmp.path(), o);
  const auto first = files_under(tmp.path());
  const std::string label = read_file_to_string(tmp / "label_02" / "synthetic.txt");
  // A second export of the same sequence: refused, nothing touched, no
  // staging folder left behind.
  CHECK_THROWS_WITH(export_document(doc, FormatId::KittiTracking, tmp.path(), o),
                    Catch::Contains("--overwrite"));
  CHECK(files_under(tmp.path()) == first);
  o.overwrite = true;
  export_document(doc, FormatId::KittiTracking, tmp.path(), o);
  CHECK(read_file_to_string(tmp / "label_02" / "synthetic.txt") == label);
  // A sequence name full of path tricks still lands inside the folder.
  Document evil = doc;
  evil.sequence.name = "../../escape";
  o.overwrite = false;
  TempDir other;
  const fs::path out = other / "out";
  const FormatReport r = export_document(evil, FormatId::KittiTracking, out, o);
  for (const fs::path& f : r.files_written)
    CHECK(f.lexically_normal().string().rfind(out.string(), 0) == 0);
  CHECK(files_under(other.path()).size() == files_under(out).size() + 1);  // only out/ itself
}

TEST_CASE("Problems fail an export; limitations only with strict", "[formats][policy]") {
  Document doc = small_doc();
  TempDir tmp;
  ExportOptions o;
  // COCO cannot hold cuboids: a limitation, the export succeeds and says so.
  FormatReport r = export_document(doc, FormatId::Coco, tmp / "a", o);
  CHECK(r.limitation_count > 0);
  CHECK(r.problem_count == 0);
  o.strict = true;
  CHECK_THROWS_AS(export_document(doc, FormatId::Coco, tmp / "b", o), ConversionError);
  CHECK_FALSE(fs::exists(tmp / "b" / "instances.json"));
  o.strict = false;
  // A tilted cuboid cannot go to KITTI: a problem, listed with frame and object.
  o.keyframes_only = true;  // frame 0 only, not the frames interpolated from it
  Object& car = doc.annotations.objects.front();
  Track* t = car.track(kSceneSensor, ShapeKind::Cuboid);
  REQUIRE(t);
  t->shapes.front().shape.as<Cuboid>()->pitch = 0.2;
  try {
    export_document(doc, FormatId::Kitti, tmp / "k", o);
    FAIL("expected a ConversionError");
  } catch (const ConversionError& e) {
    REQUIRE(e.report().problem_count == 1);
    const SkippedInput& s = e.report().skipped.front();
    CHECK(s.altered);
    CHECK(s.location == fmt::format("frame {}, object {}", t->shapes.front().frame, car.id));
  }
  CHECK_FALSE(fs::exists(tmp / "k" / "label_2"));
  o.skip_invalid = true;
  r = export_document(doc, FormatId::Kitti, tmp / "k", o);
  CHECK(r.problem_count == 1);
  CHECK(fs::exists(tmp / "k" / "label_2"));
}

TEST_CASE("Imports: a skipped item fails unless skip_invalid, then it is listed",
          "[formats][policy]") {
  const Document doc = small_doc();
  TempDir tmp;
  export_document(doc, FormatId::Kitti, tmp.path(), {});
  // One broken line in one label file.
  const fs::path f = tmp / "label_2" / "000001.txt";
  test::write_text(f, read_file_to_string(f) + "Car 0 0 0 not numbers at all\n");
  Document into = doc;
  into.annotations = {};
  const Document before = into;
  ImportOptions io;
  try {
    import_annotations(into, FormatId::Kitti, tmp / "label_2", io);
    FAIL("expected a ConversionError");
  } catch (const ConversionError& e) {
    REQUIRE(e.report().problem_count == 1);
    CHECK(e.report().skipped.front().file == f.string());
    CHECK(e.report().skipped.front().location == "line 3");
  }
  CHECK(into.annotations == before.annotations);  // nothing changed
  io.skip_invalid = true;
  const FormatReport r = import_annotations(into, FormatId::Kitti, tmp / "label_2", io);
  CHECK(r.problem_count == 1);
  CHECK(into.annotations.objects.size() == 6);  // 2 objects x 3 frames (KITTI object: no ids)
}
