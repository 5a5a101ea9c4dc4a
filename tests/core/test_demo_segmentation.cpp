// The demo's segmentation ground truth agrees with the rest of its ground
// truth, which comes from the same scene by other paths: instance masks lie
// in their objects' 2D boxes (projected cuboids), labelled LiDAR points lie
// in their objects' cuboids, and every pixel and return has a class.
#include <catch2/catch.hpp>

#include "core/geometry/cuboid_geometry.h"
#include "core/segmentation/mask_tools.h"
#include "core/segmentation/seg_eval.h"
#include "tests/core/demo_fixture.h"

using namespace vantage;
using namespace vantage::core;

TEST_CASE("demo segmentation: every pixel labelled, instance masks inside their boxes",
          "[demo][segmentation]") {
  const test::DemoFixture& d = test::demo_fixture();
  const Annotations& gt = d.ground_truth;
  const Segmentation& seg = gt.segmentation;
  const auto cams = d.doc.sequence.camera_names();
  REQUIRE(seg.size() == static_cast<size_t>(d.options.frames) * (cams.size() + 1));
  // The working file (keyframes only) starts without masks.
  CHECK(d.doc.annotations.segmentation.empty());
  size_t checked = 0;
  std::set<std::string> classes;
  for (int f : {0, 7}) {
    for (const std::string& cam : cams) {
      const SegLayer* l = seg.find(cam, f);
      REQUIRE(l);
      const auto labels = seg.labels({cam, f});
      // Every pixel shows something (sky included): no label 0.
      CHECK(l->labelled() == l->count());
      const auto hist = labels->histogram();
      CHECK(hist[0] == 0);
      for (const Segment& s : l->segments) {
        classes.insert(s.class_name);
        CHECK(hist[s.id] == s.area);
        if (s.object < 0) continue;
        const Object* o = gt.find(s.object);
        REQUIRE(o);
        CHECK(o->class_name == s.class_name);
        const Shape* box = o->shape(f, cam, ShapeKind::Box2D);
        if (!box) continue;  // too few visible pixels for a box
        // The mask lies inside the box (projected cuboid) up to the pixel
        // rounding of the rasteriser and the remap of distorted cameras.
        const Box2D& b = *box->as<Box2D>();
        const PixelRect r = label_bounds(*labels, s.id);
        CHECK(r.x0 >= b.x1 - 2);
        CHECK(r.y0 >= b.y1 - 2);
        CHECK(r.x1 <= b.x2 + 2);
        CHECK(r.y1 <= b.y2 + 2);
        ++checked;
      }
    }
  }
  CHECK(checked > 5);
  for (const char* c : {"Road", "Sky", "Sidewalk", "Building"}) CHECK(classes.count(c));
}

TEST_CASE("demo point labels: object points inside their cuboids, ground below", "[demo][segmentation]") {
  const test::DemoFixture& d = test::demo_fixture();
  const Annotations& gt = d.ground_truth;
  const std::string lidar = d.doc.sequence.lidar_names().at(0);
  const Lidar* l = d.doc.sequence.default_rig().lidar(lidar);
  for (int f : {0, 11}) {
    const SegLayer* layer = gt.segmentation.find(lidar, f);
    REQUIRE(layer);
    const PointCloud cloud = test::read_bin(
        d.folder / d.doc.sequence.frames[static_cast<size_t>(f)].files.at(lidar));
    REQUIRE(static_cast<size_t>(layer->width) == cloud.size());
    const auto labels = gt.segmentation.labels({lidar, f});
    size_t in_objects = 0;
    for (size_t i = 0; i < cloud.size(); ++i) {
      const Segment* s = layer->segment(labels->point(i));
      REQUIRE(s);
      const Vec3 p = l->lidar_to_vehicle.apply(
          Vec3(cloud.points[i].x, cloud.points[i].y, cloud.points[i].z));
      if (s->object >= 0) {
        const Shape* c = gt.find(s->object)->shape(f, kSceneSensor, ShapeKind::Cuboid);
        REQUIRE(c);
        // Range noise is bounded by 3 sigma (3 cm); cuboids are rounded to 0.1 mm.
        CHECK(point_in_cuboid(*c->as<Cuboid>(), p, 0.035));
        ++in_objects;
      } else if (s->class_name == "Road" || s->class_name == "Lane_marking") {
        CHECK(std::abs(p.z) < 0.05);
      }
    }
    CHECK(in_objects > 100);
  }
}

TEST_CASE("eval-seg scores the ground truth against itself and a damaged copy", "[demo][segmentation]") {
  const test::DemoFixture& d = test::demo_fixture();
  const Annotations& gt = d.ground_truth;
  const SegEvalResult same = evaluate_segmentation(gt, gt);
  CHECK(same.mean_iou() == Approx(1.0));
  CHECK(same.pq() == Approx(1.0));
  CHECK(same.missing == 0);
  // Drop one camera layer: its pixels count as missed.
  Annotations damaged = gt;
  const auto cams = d.doc.sequence.camera_names();
  damaged.segmentation.erase({cams[0], 3});
  const SegEvalResult r = evaluate_segmentation(gt, damaged);
  CHECK(r.missing == 1);
  CHECK(r.mean_iou() < 1.0);
  CHECK(r.accuracy() == Approx(1.0 - 1.0 / double(r.layers)).epsilon(0.2));
  const SegEvalResult pts = evaluate_segmentation(gt, gt, {LayerKind::Points, ""});
  CHECK(pts.layers == static_cast<size_t>(d.options.frames));
  CHECK(pts.pq() == Approx(1.0));
}
