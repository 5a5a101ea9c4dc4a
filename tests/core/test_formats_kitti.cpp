// KITTI object and tracking import/export on the real files, and OpenLABEL
// written by VCD from the same ground truth as label_02/0000.txt.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>

#include "core/formats/format.h"
#include "core/formats/kitti_labels.h"
#include "core/io/file_util.h"
#include "core/io/kitti_openers.h"
#include "tests/core/formats_test_util.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;
namespace fs = std::filesystem;
using test::TempDir;

namespace {

std::string report_text(const FormatReport& r) {
  std::string s;
  for (const std::string& l : r.summary)
    s += l + "\n";
  for (const SkippedInput& k : r.skipped)
    s += k.file + ":" + k.location + ": " + k.message + "\n";
  return s;
}

// Objects without their outside spans (the openers mark none, imports mark
// the gaps between appearances).
Annotations without_outside(Annotations a) {
  for (Object& o : a.objects)
    o.outside.clear();
  return a;
}

// A = import(export(seed)), B = import(export(A)): A == B.
Annotations round_trip(const Document& seed, FormatId f, const ImportOptions& io = {}) {
  TempDir d1, d2;
  export_document(seed, f, d1.path());
  Document a = test::empty_like(seed);
  const FormatReport ra = import_annotations(a, f, d1.path(), io);
  INFO(report_text(ra));
  export_document(a, f, d2.path());
  Document b = test::empty_like(seed);
  import_annotations(b, f, d2.path(), io);
  CHECK(test::annotations_difference(a.annotations, b.annotations, 1e-12) == "");
  return a.annotations;
}

}  // namespace

TEST_CASE("KITTI object: label_2 import equals the opener, export writes the same labels",
          "[formats][data]") {
  const fs::path root = test::shared_data() / "kitti_object";
  const Document opened = open_kitti_object(root);
  // Import the label folder alone (calib found beside it) into the opened sequence.
  Document imported = test::empty_like(opened);
  const FormatReport r = import_annotations(imported, FormatId::Kitti, root / "label_2");
  INFO(report_text(r));
  CHECK(r.skipped_count == 0);
  // Same shapes per frame; ids differ (KITTI object labels have none).
  auto per_frame = [](const Annotations& a) {
    std::multiset<std::string> out;
    for (const Object& o : a.objects)
      for (const Track& t : o.tracks)
        for (const FrameShape& fs_ : t.shapes) {
          std::string g;
          if (const Box2D* b = fs_.shape.as<Box2D>())
            g = fmt::format("{} {} {} {}", b->x1, b->y1, b->x2, b->y2);
          if (const Cuboid* c = fs_.shape.as<Cuboid>())
            g = fmt::format("{:.9f} {:.9f} {:.9f} {:.9f} {:.9f} {:.9f} {:.9f}", c->center.x,
                            c->center.y, c->center.z, c->size.x, c->size.y, c->size.z, c->yaw);
          out.insert(fmt::format("{} {} {} {} {}", fs_.frame, o.class_name, t.sensor, g,
                                 fs_.shape.occlusion));
        }
    return out;
  };
  CHECK(per_frame(imported.annotations) == per_frame(opened.annotations));
  // Export: every label line comes back with the same values (to KITTI's
  // 2 printed decimals; alpha as the ground truth computes it).
  TempDir out;
  const FormatReport er = export_document(opened, FormatId::Kitti, out.path());
  INFO(report_text(er));
  for (const char* name : {"000000", "000001", "000002"}) {
    const auto want =
        read_kitti_labels(root / "label_2" / (std::string(name) + ".txt"), KittiLabelKind::Object);
    const auto got =
        read_kitti_labels(out / "label_2" / (std::string(name) + ".txt"), KittiLabelKind::Object);
    REQUIRE(got.size() == want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      INFO(name << " line " << i + 1);
      CHECK(got[i].type == want[i].type);
      CHECK(got[i].box == want[i].box);
      CHECK(got[i].occluded == want[i].occluded);
      CHECK(got[i].truncated == Approx(want[i].truncated).margin(1e-9));
      CHECK(got[i].height == Approx(want[i].height).margin(1e-9));
      CHECK(got[i].location.x == Approx(want[i].location.x).margin(1e-9));
      CHECK(got[i].location.z == Approx(want[i].location.z).margin(1e-9));
      CHECK(got[i].rotation_y == Approx(want[i].rotation_y).margin(1e-9));
      CHECK(got[i].alpha == Approx(want[i].alpha).margin(0.006));  // label_2 prints 2 decimals
    }
    // The calibration is written back verbatim.
    CHECK(read_file_to_string(out / "calib" / (std::string(name) + ".txt")) ==
          read_file_to_string(root / "calib" / (std::string(name) + ".txt")));
  }
  round_trip(opened, FormatId::Kitti);
}

TEST_CASE("KITTI tracking: label_02 import equals the opener; export rewrites the file",
          "[formats][data]") {
  const fs::path training = test::shared_data() / "kitti_tracking/training";
  Document opened = open_kitti_tracking(training, "0000");
  Document imported = test::empty_like(opened);
  const FormatReport r =
      import_annotations(imported, FormatId::KittiTracking, training / "label_02" / "0000.txt");
  INFO(report_text(r));
  CHECK(r.skipped_count == 0);
  CHECK(test::annotations_difference(without_outside(imported.annotations), opened.annotations,
                                     0.0) == "");
  // Every line of the file comes back: frame, track id, values (within the
  // file's 6 printed decimals). Gaps are "not seen", as `vantage export` marks them.
  mark_gaps_as_outside(opened.annotations);
  TempDir out;
  export_document(opened, FormatId::KittiTracking, out.path());
  const auto want = read_kitti_labels(training / "label_02/0000.txt", KittiLabelKind::Tracking);
  auto got = read_kitti_labels(out / "label_02/0000.txt", KittiLabelKind::Tracking);
  REQUIRE(got.size() == want.size());
  auto key = [](const KittiLabel& l) {
    return std::make_tuple(l.frame, l.track_id, l.box.x1, l.box.y1);
  };
  auto sorted = [&](std::vector<KittiLabel> v) {
    std::sort(v.begin(), v.end(),
              [&](const KittiLabel& a, const KittiLabel& b) { return key(a) < key(b); });
    return v;
  };
  const auto w = sorted(want), g = sorted(got);
  for (size_t i = 0; i < w.size(); ++i) {
    INFO("label " << i << ": frame " << w[i].frame << " track " << w[i].track_id);
    CHECK(g[i].type == w[i].type);
    CHECK(g[i].box == w[i].box);
    CHECK(g[i].truncated == w[i].truncated);
    CHECK(g[i].occluded == w[i].occluded);
    CHECK(g[i].location.y == Approx(w[i].location.y).margin(1e-9));
    CHECK(g[i].rotation_y == Approx(w[i].rotation_y).margin(1e-9));
    CHECK(g[i].alpha == Approx(w[i].alpha).margin(1e-6));
  }
  round_trip(opened, FormatId::KittiTracking);
  round_trip(opened, FormatId::OpenLabel);
}

TEST_CASE("OpenLABEL by VCD and KITTI label_02 give the same objects, boxes and cuboids",
          "[formats][data]") {
  const fs::path data = test::shared_data();
  const Document kitti = open_kitti_tracking(data / "kitti_tracking/training", "0000");
  Document ol = test::empty_like(kitti);
  // VCD's CAM_LEFT is found as image_2 by its projection; the sequence has
  // no right camera, so CAM_RIGHT's 711 boxes cannot be carried: the import
  // fails by default, and with skip_invalid lists each of them.
  const fs::path file = data / "openlabel/openlabel100_kitti_tracking_0000.json";
  try {
    import_annotations(ol, FormatId::OpenLabel, file);
    FAIL("expected a ConversionError");
  } catch (const ConversionError& e) {
    CHECK(e.report().problem_count == 711);
  }
  ImportOptions skip;
  skip.skip_invalid = true;
  const FormatReport r = import_annotations(ol, FormatId::OpenLabel, file, skip);
  INFO(report_text(r));
  CHECK(r.problem_count == 711);
  bool matched = false;
  for (const std::string& l : r.summary)
    matched |= l.find("'CAM_LEFT' is the sequence's 'image_2'") != std::string::npos;
  CHECK(matched);
  // VCD truncates every value to 2 decimals (float_2dec: int(100 x) / 100,
  // applied twice to cuboid values, and 100 x of a 2-decimal double can fall
  // just under the integer), so they agree to 0.02: boxes in centre form to
  // 0.015 px, cuboid values in the camera frame to 0.02 (the centre's y from
  // a truncated location minus a truncated half height).
  size_t boxes = 0, cuboids = 0;
  for (const Object& k : kitti.annotations.objects) {
    if (k.class_name == "DontCare") continue;
    const Object* o = ol.annotations.find(k.id);
    REQUIRE(o);
    CHECK(o->class_name == k.class_name);
    const Track* kb = k.track("image_2", ShapeKind::Box2D);
    const Track* ob = o->track("image_2", ShapeKind::Box2D);
    REQUIRE(ob);
    REQUIRE(ob->shapes.size() == kb->shapes.size());
    for (size_t i = 0; i < kb->shapes.size(); ++i) {
      const Box2D& a = *kb->shapes[i].shape.as<Box2D>();
      const Box2D& b = *ob->shapes[i].shape.as<Box2D>();
      CHECK(ob->shapes[i].frame == kb->shapes[i].frame);
      CHECK(std::abs(a.x1 - b.x1) < 0.016);
      CHECK(std::abs(a.y1 - b.y1) < 0.016);
      CHECK(std::abs(a.x2 - b.x2) < 0.016);
      CHECK(std::abs(a.y2 - b.y2) < 0.016);
      CHECK(ob->shapes[i].shape.occlusion == kb->shapes[i].shape.occlusion);
      ++boxes;
    }
    const Track* kc = k.track(kSceneSensor, ShapeKind::Cuboid);
    const Track* oc = o->track(kSceneSensor, ShapeKind::Cuboid);
    REQUIRE(oc);
    REQUIRE(oc->shapes.size() == kc->shapes.size());
    for (size_t i = 0; i < kc->shapes.size(); ++i) {
      const Cuboid& a = *kc->shapes[i].shape.as<Cuboid>();
      const Cuboid& b = *oc->shapes[i].shape.as<Cuboid>();
      INFO("object " << k.id << " frame " << kc->shapes[i].frame);
      CHECK(glm::length(a.center - b.center) < 0.035);
      CHECK(std::abs(a.size.x - b.size.x) < 0.021);
      CHECK(std::abs(a.size.y - b.size.y) < 0.021);
      CHECK(std::abs(a.size.z - b.size.z) < 0.021);
      CHECK(std::abs(wrap_angle(a.yaw - b.yaw)) < 0.021);
      // The small tilt of KITTI's camera frame turns with the (truncated) yaw.
      CHECK(std::abs(a.pitch - b.pitch) < 1e-3);
      CHECK(std::abs(a.roll - b.roll) < 1e-3);
      ++cuboids;
    }
  }
  CHECK(boxes == 711);
  CHECK(cuboids == 711);
  // DontCare regions: the same ignore regions frame by frame.
  auto dont_care = [](const Annotations& a) {
    std::map<int, std::vector<Box2D>> out;
    for (const auto& [f, list] : a.ignore_regions)
      for (const IgnoreRegion& region : list) {
        CHECK(region.sensor == "image_2");
        CHECK(region.class_name == "DontCare");
        out[f].push_back(std::get<Box2D>(region.geometry));
      }
    for (auto& [f, v] : out)
      std::sort(v.begin(), v.end(), [](const Box2D& x, const Box2D& y) { return x.x1 < y.x1; });
    return out;
  };
  const auto dk = dont_care(kitti.annotations), dl = dont_care(ol.annotations);
  REQUIRE(dk.size() == dl.size());
  for (const auto& [f, v] : dk) {
    REQUIRE(dl.count(f));
    REQUIRE(dl.at(f).size() == v.size());
    for (size_t i = 0; i < v.size(); ++i)
      CHECK(std::abs(dl.at(f)[i].x1 - v[i].x1) < 0.016);
  }
}

TEST_CASE("KITTI export of a non-KITTI sequence makes the calibration from the camera",
          "[formats][data]") {
  // nuScenes-style surround cameras through COCO: 6 cameras without KITTI calibration.
  FormatReport r;
  const Document doc = document_from_annotations(
      FormatId::Coco, test::shared_data() / "coco/kitti_mono3d/kitti_infos_mono3d.coco.json", {},
      r);
  TempDir out;
  const FormatReport er = export_document(doc, FormatId::Kitti, out.path());
  INFO(report_text(er));
  CHECK(fs::exists(out / "calib/000007.txt"));
  const auto labels = read_kitti_labels(out / "label_2/000007.txt", KittiLabelKind::Object);
  CHECK(labels.size() == doc.annotations.objects.size());
}
