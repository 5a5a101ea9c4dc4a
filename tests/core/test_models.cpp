// core/models without ONNX files: letterbox, NMS, class maps, the LiDAR
// detector and tracker on a small demo, the review queue, pre-label
// decisions and their statistics, provenance in the file formats.
#include <catch2/catch.hpp>

#include <random>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <opencv2/imgproc.hpp>

#include "core/commands/editor.h"
#include "core/formats/format.h"
#include "core/geometry/cuboid_iou.h"
#include "core/geometry/cuboid_projection.h"
#include "core/io/native_format.h"
#include "core/models/class_map.h"
#include "core/models/detection_eval.h"
#include "core/models/label_classifier.h"
#include "core/models/letterbox.h"
#include "core/models/lidar_detector.h"
#include "core/models/nms.h"
#include "core/models/object_tracker.h"
#include "core/models/prelabel.h"
#include "core/models/prelabel_stats.h"
#include "core/models/provenance.h"
#include "core/models/review_queue.h"
#include "core/synth/demo_generator.h"
#include "core/tracking/prelabels.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;

namespace {

Shape prelabel(Geometry g, double score, const std::string& model = "m.onnx@1") {
  Shape s;
  s.geometry = std::move(g);
  s.source = ShapeSource::Model;
  s.score = score;
  s.model = model;
  return s;
}

// A 30-frame demo without labels in its working file (the detector's
// input), generated once.
struct SmallDemo {
  test::TempDir dir;
  Document doc;    // no labels
  Document truth;  // ground truth
};
const SmallDemo& small_demo() {
  static std::unique_ptr<SmallDemo> d = [] {
    auto s = std::make_unique<SmallDemo>();
    DemoOptions o;
    o.frames = 30;
    o.seed = 1;
    generate_demo(o, s->dir / "demo");
    s->truth = load_native(s->dir / "demo");
    s->doc = s->truth;
    s->doc.annotations = Annotations{};
    return s;
  }();
  return *d;
}

}  // namespace

TEST_CASE("Letterbox: sizes and padding as Ultralytics computes them; inverse maps back",
          "[models]") {
  const Letterbox lb = make_letterbox({1242, 375}, {640, 640});
  CHECK(lb.resized == cv::Size(640, 193));
  CHECK(lb.left == 0);
  CHECK(lb.top == 223);  // round(447 / 2 - 0.1)
  // A point maps through the resize that was applied, per axis.
  const Vec2 p = lb.to_source(Vec2{320.0, 223.0 + 96.5});
  CHECK(p.x == Approx(621.0));
  CHECK(p.y == Approx(187.5));
  // Odd padding on both axes.
  const Letterbox sq = make_letterbox({100, 300}, {64, 64});
  CHECK(sq.resized == cv::Size(21, 64));
  CHECK(sq.left == 21);  // round(43 / 2 - 0.1) = round(21.4)
  CHECK(sq.top == 0);
  // The padded image equals OpenCV's resize + constant border.
  cv::Mat img(300, 100, CV_8UC3);
  cv::randu(img, 0, 255);
  const cv::Mat out = apply_letterbox(img, sq);
  cv::Mat want;
  cv::resize(img, want, {21, 64});
  cv::copyMakeBorder(want, want, 0, 0, 21, 64 - 21 - 21, cv::BORDER_CONSTANT,
                     cv::Scalar(114, 114, 114));
  REQUIRE(out.size() == cv::Size(64, 64));
  CHECK(cv::norm(out, want, cv::NORM_INF) == 0);
  // Stretch: no padding, independent scales.
  const Letterbox st = make_letterbox({1600, 900}, {300, 300}, ResizeMode::Stretch);
  CHECK(st.left == 0);
  CHECK(st.scale_x == Approx(300.0 / 1600));
  const Box2D b = st.to_source(Box2D{30, 30, 150, 150});
  CHECK(b.x1 == Approx(160));
  CHECK(b.y2 == Approx(450));
}

TEST_CASE("Per-class NMS agrees with a greedy reference", "[models]") {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> pos(0, 200), size(10, 60), score(0.01, 1);
  std::vector<Detection2D> dets;
  for (int i = 0; i < 300; ++i) {
    Detection2D d;
    const double x = pos(rng), y = pos(rng);
    d.box = {x, y, x + size(rng), y + size(rng)};
    d.class_index = i % 3;
    d.score = score(rng);
    dets.push_back(d);
  }
  const auto kept = nms_per_class(dets, 0.5);
  // Reference: per class, highest score first, drop anything overlapping a kept box.
  std::vector<size_t> order(dets.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return dets[a].score > dets[b].score; });
  std::vector<size_t> ref;
  for (size_t i : order) {
    bool ok = true;
    for (size_t k : ref)
      if (dets[k].class_index == dets[i].class_index && box_iou(dets[k].box, dets[i].box) > 0.5) ok = false;
    if (ok) ref.push_back(i);
  }
  REQUIRE(kept.size() == ref.size());
  for (size_t i = 0; i < ref.size(); ++i) {
    CHECK(kept[i].box == dets[ref[i]].box);
    CHECK(kept[i].class_index == dets[ref[i]].class_index);
  }
  CHECK(nms_per_class(dets, 0.5, 10).size() == 10);
}

TEST_CASE("Class maps: three file forms, schema names, clear errors", "[models]") {
  const Schema schema = default_schema();
  test::TempDir dir;
  test::write_text(dir / "full.json",
                   R"({"names": ["person", "car", "kite"], "map": {"person": "Pedestrian", "kite": null}})");
  const ClassMapFile f = read_class_map(dir / "full.json");
  const ClassMapping m(f.names, f.map, schema);
  CHECK(m.schema_class(0) == std::optional<std::string>("Pedestrian"));
  CHECK(m.schema_class(1) == std::optional<std::string>("Car"));  // same name, any case
  CHECK(!m.schema_class(2));                                      // null: dropped
  CHECK(!m.schema_class(7));
  CHECK(m.describe() == "person -> Pedestrian, car -> Car (1 model classes dropped)");
  test::write_text(dir / "names.json", R"(["Van", "tram"])");
  const ClassMapFile n = read_class_map(dir / "names.json");
  CHECK(n.names == std::vector<std::string>{"Van", "tram"});
  CHECK(ClassMapping(n.names, n.map, schema).schema_class(1) == std::optional<std::string>("Tram"));
  test::write_text(dir / "bad.json", R"({"person": 3})");
  CHECK_THROWS_WITH(read_class_map(dir / "bad.json"), Catch::Contains("bad.json") && Catch::Contains("/person"));
  CHECK_THROWS_WITH(ClassMapping({"person"}, {{"persn", "Pedestrian"}}, schema),
                    Catch::Contains("the model has no class \"persn\""));
  // COCO defaults map onto the driving schema.
  CHECK(coco_class_names().size() == 80);
  for (const auto& [from, to] : coco_to_driving_classes()) CHECK(schema.find_class(to));
}

TEST_CASE("LiDAR class probabilities follow size and height", "[models]") {
  auto best = [](double l, double w, double h) {
    const auto p = lidar_class_probabilities(l, w, h, 200, 15);
    return lidar_detector_classes()[size_t(std::max_element(p.begin(), p.end()) - p.begin())];
  };
  CHECK(best(4.2, 1.8, 1.5) == "Car");
  CHECK(best(1.7, 0.3, 1.5) == "Car");  // a car seen from behind: its width only
  CHECK(best(5.2, 2.0, 2.1) == "Van");
  CHECK(best(0.5, 0.5, 1.75) == "Pedestrian");
  // A cyclist seen from the side outlines like a car seen from behind: both
  // stay plausible and the margin is small (what --train and the review
  // queue's score margin are for).
  const auto side = lidar_class_probabilities(1.75, 0.6, 1.75, 200, 15);
  CHECK(side[5] > 0.3);  // Cyclist
  CHECK(side[0] > 0.3);  // Car
  CHECK(best(9.0, 2.5, 3.3) == "Truck");
  // A 2.4 m pole is no person; a 20 m wall is nothing.
  const auto pole = lidar_class_probabilities(0.3, 0.3, 2.4, 200, 15);
  CHECK(*std::max_element(pole.begin(), pole.end()) < 0.1);
  const auto wall = lidar_class_probabilities(20, 0.3, 3.0, 2000, 15);
  CHECK(*std::max_element(wall.begin(), wall.end()) < 0.01);
  // Few returns: little confidence.
  const auto few = lidar_class_probabilities(4.2, 1.8, 1.5, 3, 15);
  CHECK(few[0] < 0.2);
}

TEST_CASE("Tracker: constant velocity across a missed frame, heading from motion", "[models]") {
  // A car moving at 10 m/s along +x in the world, ego static; its fits face
  // backwards (yaw pi, the L-shape cannot tell); frame 3 missed; a second,
  // parked car on the ego's left.
  std::vector<TrackerFrame> frames;
  for (int f = 0; f < 8; ++f) {
    TrackerFrame t;
    t.frame = f;
    t.time_s = 0.1 * f;
    if (f != 3) {
      Detection3D d;
      d.class_name = "Car";
      d.score = 0.8;
      d.cuboid.center = {5.0 + 1.0 * f, -3.0, 0.8};
      d.cuboid.size = {4.2, 1.8, 1.5};
      d.cuboid.yaw = kPi;
      t.detections.push_back(d);
    }
    Detection3D p;
    p.class_name = f == 4 ? "Van" : "Car";  // one frame misclassified
    p.score = 0.7;
    p.cuboid.center = {12.0, 4.0, 0.8};
    p.cuboid.size = {4.2, 1.8, 1.5};
    p.cuboid.yaw = 0.02;
    t.detections.push_back(p);
    frames.push_back(t);
  }
  const auto tracks = track_objects(frames);
  REQUIRE(tracks.size() == 2);
  const TrackedObject& moving = tracks[0].shapes.front().detection.cuboid.center.y < 0 ? tracks[0] : tracks[1];
  const TrackedObject& parked = &moving == &tracks[0] ? tracks[1] : tracks[0];
  REQUIRE(moving.shapes.size() == 8);  // the gap at frame 3 filled
  CHECK(moving.shapes[3].interpolated);
  CHECK(moving.shapes[3].detection.cuboid.center.x == Approx(8.0));
  for (const TrackedShape& s : moving.shapes) CHECK(std::abs(wrap_angle(s.detection.cuboid.yaw)) < 0.01);
  // Parked on the left in right-hand traffic: faces the ego.
  CHECK(parked.class_name == "Car");
  REQUIRE(parked.shapes.size() == 8);
  for (const TrackedShape& s : parked.shapes) {
    CHECK(std::abs(wrap_angle(s.detection.cuboid.yaw - kPi - 0.02)) < 1e-9);
    CHECK(s.detection.class_name == "Car");
  }
}

TEST_CASE("builtin:lidar-objects on a demo: cars found, tracked and scored", "[models][demo]") {
  const SmallDemo& d = small_demo();
  PrelabelOptions o;
  o.model = kLidarModelSpec;
  o.score = 0.3;
  size_t calls = 0;
  const PrelabelResult r = compute_prelabels(d.doc, o, [&](size_t, size_t) { return ++calls > 0; });
  CHECK(calls > 0);
  CHECK(r.summary.sweeps == 30);
  CHECK(r.summary.shapes > 0);
  Annotations pred;
  apply_prelabels(pred, r);
  // Every shape is a scored model pre-label with provenance.
  for (const Object& obj : pred.objects)
    for (const Track& t : obj.tracks)
      for (const FrameShape& fs : t.shapes) {
        REQUIRE(fs.shape.source == ShapeSource::Model);
        CHECK(fs.shape.score >= 0.3);
        CHECK(fs.shape.model == "builtin:lidar-objects@1");
      }
  // The issue's target: cars within 40 m with >= 20 returns.
  CuboidEvalOptions eo;
  const CuboidEvalResult e = evaluate_cuboid_detections(d.truth, pred, eo);
  INFO("car precision " << e.score.precision() << " recall " << e.score.recall() << " of "
                        << e.score.gold);
  CHECK(e.score.gold > 50);
  CHECK(e.score.recall() >= 0.8);
  CHECK(e.score.precision() >= 0.7);
  // Pre-tracked: far fewer car objects than car shapes.
  size_t car_objects = 0, car_shapes = 0;
  for (const Object& obj : pred.objects)
    if (obj.class_name == "Car") ++car_objects, car_shapes += obj.shape_count();
  CHECK(car_shapes > 5 * car_objects);

  // Running again over a person's labels keeps theirs and adds nothing there.
  Document labelled = d.doc;
  labelled.annotations = d.truth.annotations;
  const PrelabelResult again = compute_prelabels(labelled, o);
  CHECK(again.summary.over_accepted > again.summary.shapes);
  // And re-running over its own pending pre-labels replaces them.
  Document pre = d.doc;
  pre.annotations = pred;
  o.frames = FrameRange{0, 9};
  const PrelabelResult rerun = compute_prelabels(pre, o);
  CHECK(rerun.summary.replaced > 0);
  apply_prelabels(pre.annotations, rerun);
  size_t first10 = 0;
  for (const Object& obj : pre.annotations.objects)
    for (const Track& t : obj.tracks)
      for (const FrameShape& fs : t.shapes) first10 += fs.frame <= 9;
  size_t first10_before = 0;
  for (const Object& obj : pred.objects)
    for (const Track& t : obj.tracks)
      for (const FrameShape& fs : t.shapes) first10_before += fs.frame <= 9;
  CHECK(first10 <= first10_before + first10_before / 5);  // replaced, not doubled
}

TEST_CASE("Training on accepted frames relabels the rest", "[models][demo]") {
  const SmallDemo& d = small_demo();
  Document doc = d.doc;
  // The first 12 frames labelled by a person (the ground truth) and marked done.
  for (const Object& o : d.truth.annotations.objects) {
    Object c = o;
    for (Track& t : c.tracks)
      t.shapes.erase(std::remove_if(t.shapes.begin(), t.shapes.end(),
                                    [](const FrameShape& fs) { return fs.frame >= 12; }),
                     t.shapes.end());
    c.prune_empty_tracks();
    if (!c.tracks.empty()) doc.annotations.put(c);
  }
  for (int f = 0; f < 12; ++f) doc.annotations.review.frames[f].status = ReviewStatus::Done;
  CHECK(labelled_frames(doc).size() == 12);
  PrelabelOptions o;
  o.model = kLidarModelSpec;
  TrainSummary ts;
  o.classifier = train_on_accepted(doc, o, &ts);
  CHECK(ts.frames.size() == 12);
  CHECK(ts.positives > 20);
  CHECK(ts.negatives > 0);
  CHECK(o.classifier->model_id().rfind("builtin:lidar-objects@trained-", 0) == 0);
  const PrelabelResult r = compute_prelabels(doc, o);
  CHECK(r.summary.frames == 18);  // the labelled frames are not run again
  CHECK(r.summary.shapes > 0);
  for (const Object& obj : r.objects)
    for (const Track& t : obj.tracks) CHECK(t.first_frame() >= 12);
  // Without labelled frames there is nothing to learn from.
  CHECK_THROWS_WITH(train_on_accepted(d.doc, o), Catch::Contains("no labelled frames"));
}

TEST_CASE("Accept and reject are logged with who and when; stats from the log", "[models]") {
  Document doc;
  doc.schema = default_schema();
  Object a;
  a.id = 1;
  a.class_name = "Car";
  a.track_or_create("CAM", ShapeKind::Box2D).set(0, prelabel(Box2D{0, 0, 100, 100}, 0.9));
  a.tracks[0].set(1, prelabel(Box2D{0, 0, 100, 100}, 0.8));
  doc.annotations.put(a);
  Object b;
  b.id = 2;
  b.class_name = "Pedestrian";
  b.track_or_create("CAM", ShapeKind::Box2D).set(0, prelabel(Box2D{200, 0, 220, 50}, 0.4));
  doc.annotations.put(b);
  Editor ed(doc);
  ed.execute(make_accept_prelabels(ed.document(), {{1, "CAM", ShapeKind::Box2D, 0},
                                                   {1, "CAM", ShapeKind::Box2D, 1}},
                                   "ann", 1000));
  ed.execute(make_reject_prelabels(ed.document(), {{2, "CAM", ShapeKind::Box2D, 0}}, "ann", 4000));
  const auto& log = ed.document().annotations.review.prelabel_decisions;
  REQUIRE(log.size() == 3);
  CHECK(log[0].who == "ann");
  CHECK(log[0].time_ms == 1000);
  CHECK(log[0].action == PrelabelAction::Accepted);
  CHECK(log[0].model_class == "Car");
  CHECK(log[2].action == PrelabelAction::Rejected);
  CHECK(log[2].proposed == Geometry(Box2D{200, 0, 220, 50}));
  // The accepted shape keeps its provenance and is now checked.
  const Shape* s = ed.document().annotations.find(1)->shape(0, "CAM", ShapeKind::Box2D);
  CHECK(s->model == "m.onnx@1");
  CHECK(is_checked_model_label(*s));
  // A person corrects frame 1 (moves the box by half) and the class.
  Document after = ed.document();
  after.annotations.find(1)->track("CAM", ShapeKind::Box2D)->at(1)->geometry = Box2D{50, 0, 150, 100};
  after.annotations.find(1)->class_name = "Van";
  const PrelabelStats st = compute_prelabel_stats(after);
  CHECK(st.overall.decided == 3);
  CHECK(st.overall.accepted == 2);
  CHECK(st.overall.rejected == 1);
  CHECK(st.overall.acceptance_rate() == Approx(2.0 / 3));
  CHECK(st.overall.class_changed == 2);  // the object's class changed: both of its shapes
  CHECK(st.overall.corrected == 2);
  CHECK(st.overall.mean_correction_iou() == Approx((1.0 + 1.0 / 3) / 2));
  CHECK(st.per_class.at("Van").accepted == 2);
  CHECK(st.per_class.at("Pedestrian").rejected == 1);
  // Too few edits to measure: documented defaults (box 7 s, review 2 s).
  CHECK_FALSE(st.timings_measured);
  CHECK(st.per_class.at("Pedestrian").seconds_saved == Approx(-2.0));
  // Undo takes the log entries back too.
  REQUIRE(ed.undo());
  CHECK(ed.document().annotations.review.prelabel_decisions.size() == 2);
}

TEST_CASE("Provenance and decisions survive native and OpenLABEL round trips", "[models]") {
  Document doc;
  doc.schema = default_schema();
  doc.sequence.frames.resize(2);
  Object a;
  a.id = 3;
  a.class_name = "Car";
  Shape checked = prelabel(Cuboid{{5, 1, 0.8}, {4, 1.8, 1.5}, 0.1, 0, 0}, 0.7, "builtin:lidar-objects@1");
  checked.source = ShapeSource::Manual;
  checked.score = -1;
  checked.model_class = "Van";
  a.track_or_create(kSceneSensor, ShapeKind::Cuboid).set(0, checked);
  a.tracks[0].set(1, prelabel(Cuboid{{6, 1, 0.8}, {4, 1.8, 1.5}, 0.1, 0, 0}, 0.6, "builtin:lidar-objects@1"));
  doc.annotations.put(a);
  PrelabelDecision d;
  d.object = 3;
  d.frame = 0;
  d.who = "bob";
  d.time_ms = 1234;
  d.model = "builtin:lidar-objects@1";
  d.model_class = "Van";
  d.score = 0.7;
  d.proposed = Cuboid{{5, 1.1, 0.8}, {4, 1.8, 1.5}, 0.1, 0, 0};
  doc.annotations.review.prelabel_decisions.push_back(d);
  test::TempDir dir;
  save_native(doc, dir / "seq");
  const Document back = load_native(dir / "seq");
  CHECK(back.annotations.review.prelabel_decisions == doc.annotations.review.prelabel_decisions);
  CHECK(*back.annotations.find(3) == *doc.annotations.find(3));

  FormatReport r;
  export_document(doc, FormatId::OpenLabel, dir / "ol", {});
  const std::string text = test::read_text(dir / "ol" / "openlabel.json");
  CHECK_THAT(text, Catch::Contains("\"model\"") && Catch::Contains("\"checked\""));
  Document imported = doc;
  imported.annotations = Annotations{};
  ImportOptions io;
  import_annotations(imported, FormatId::OpenLabel, dir / "ol" / "openlabel.json", io);
  const Object& o = imported.annotations.objects.at(0);
  const Shape* s0 = o.shape(0, kSceneSensor, ShapeKind::Cuboid);
  const Shape* s1 = o.shape(1, kSceneSensor, ShapeKind::Cuboid);
  REQUIRE(s0);
  REQUIRE(s1);
  CHECK(s0->model == "builtin:lidar-objects@1");
  CHECK(s0->model_class == "Van");
  CHECK(s0->source == ShapeSource::Manual);
  CHECK(s1->source == ShapeSource::Model);

  // --accepted-only: the pending pre-label goes, the checked one stays.
  Annotations acc = doc.annotations;
  CHECK(drop_pending_prelabels(acc) == 1);
  CHECK(acc.find(3)->shape_count() == 1);
}

TEST_CASE("Review queue: uncertainty, disagreement with the projected cuboid, novelty",
          "[models]") {
  Document doc;
  doc.schema = default_schema();
  Camera cam;
  cam.name = "CAM";
  cam.width = 1000;
  cam.height = 500;
  cam.intrinsics = {500, 500, 500, 250};
  // Camera looking along +x: camera z = vehicle x, camera x = -vehicle y,
  // camera y = -vehicle z.
  const double r[12] = {0, 0, 1, 0, -1, 0, 0, 0, 0, -1, 0, 0};
  cam.camera_to_vehicle = Transform::from_row_major_3x4(r);
  doc.sequence.rigs[0].cameras.push_back(cam);
  doc.sequence.frames.resize(3);
  // Object 1: a confident car cuboid at frame 1 with a matching 2D box.
  const Cuboid car{{10, 0, 0}, {4, 2, 1.5}, 0, 0, 0};
  Object c;
  c.id = 1;
  c.class_name = "Car";
  c.track_or_create(kSceneSensor, ShapeKind::Cuboid).set(1, prelabel(car, 0.95));
  doc.annotations.put(c);
  const auto pc = project_cuboid(CameraModel(cam), car);
  REQUIRE(pc.box);
  Object b;
  b.id = 2;
  b.class_name = "Car";
  b.track_or_create("CAM", ShapeKind::Box2D).set(1, prelabel(*pc.box, 0.95));
  doc.annotations.put(b);
  // Object 3: a 2D box with no cuboid behind it (disagreement 1).
  Object lone;
  lone.id = 3;
  lone.class_name = "Car";
  lone.track_or_create("CAM", ShapeKind::Box2D).set(1, prelabel(Box2D{10, 10, 60, 60}, 0.95));
  doc.annotations.put(lone);
  // Object 4: an unsure pedestrian at frame 2.
  Object p;
  p.id = 4;
  p.class_name = "Pedestrian";
  p.track_or_create("CAM", ShapeKind::Box2D).set(2, prelabel(Box2D{500, 100, 520, 160}, 0.35));
  doc.annotations.put(p);

  const ReviewQueue q = build_review_queue(doc, QueueOrder::Disagreement);
  REQUIRE(q.items.size() == 4);
  CHECK(q.items[0].object == 3);
  CHECK(q.items[0].disagreement == Approx(1.0));
  for (const QueueItem& it : q.items)
    if (it.object == 1 || it.object == 2) CHECK(it.disagreement == Approx(0.0).margin(1e-9));
  const ReviewQueue u = build_review_queue(doc, QueueOrder::Uncertainty);
  CHECK(u.items[0].priority == Approx(1.0));
  const auto pos = [&](ObjectId id) {
    for (size_t i = 0; i < u.items.size(); ++i)
      if (u.items[i].object == id) return i;
    return u.items.size();
  };
  CHECK(pos(4) < pos(1));  // 0.35 is less sure than 0.95
  CHECK(u.items[pos(1)].uncertainty == Approx(0.05));
  // Frames walk in queue order and wrap.
  REQUIRE(u.frames.size() == 2);
  CHECK(next_queue_frame(u, std::nullopt) == u.frames[0].frame);
  CHECK(next_queue_frame(u, u.frames[0].frame) == u.frames[1].frame);
  CHECK(next_queue_frame(u, u.frames[1].frame) == u.frames[0].frame);
  // Novelty: no accepted pedestrian yet, an accepted car box like object 3.
  Object known;
  known.id = 5;
  known.class_name = "Car";
  Shape m;
  m.geometry = Box2D{12, 10, 62, 60};
  known.track_or_create("CAM", ShapeKind::Box2D).set(0, m);
  doc.annotations.put(known);
  const ReviewQueue n = build_review_queue(doc, QueueOrder::Novelty);
  CHECK(n.items[0].novelty == Approx(1.0));
  CHECK(n.items.back().object == 3);
  CHECK(n.items.back().novelty < 0.2);
}

TEST_CASE("vantage prelabel, qa queue, qa stats and export --accepted-only on a demo",
          "[models][cli]") {
  test::TempDir dir;
  const std::string demo = (dir / "demo").string();
  REQUIRE(test::run_vantage("demo '" + demo + "' --frames 5 --seed 4 -q").exit_code == 0);
  const std::string pre = (dir / "pre").string();
  // Without --out a non-empty labelled demo keeps its labels: --drop-existing needs --out.
  CHECK(test::run_vantage("prelabel '" + demo + "' --model builtin:lidar-objects --drop-existing")
            .exit_code == 2);
  auto r = test::run_vantage("prelabel '" + demo +
                             "' --model builtin:lidar-objects --drop-existing --out '" + pre +
                             "' --json");
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out.substr(r.out.find('{')));
  CHECK(j["sweeps"] == 5);
  CHECK(j["model"] == "builtin:lidar-objects@1");
  REQUIRE(j["shapes"].get<int>() > 10);
  // Nothing labelled yet: nothing to train on.
  const auto t = test::run_vantage("prelabel '" + pre + "' --model builtin:lidar-objects --train");
  CHECK(t.exit_code == 2);
  CHECK_THAT(t.out, Catch::Contains("no labelled frames"));

  // The queue lists every pending pre-label, most uncertain first.
  r = test::run_vantage("qa queue '" + pre + "' --by uncertainty --limit 0 --json");
  REQUIRE(r.exit_code == 0);
  const auto q = nlohmann::json::parse(r.out);
  CHECK(q["pending"] == j["shapes"]);
  REQUIRE(q["items"].size() == j["shapes"].get<size_t>());
  for (size_t i = 1; i < q["items"].size(); ++i)
    CHECK(q["items"][i - 1]["priority"].get<double>() >= q["items"][i]["priority"].get<double>());
  CHECK(test::run_vantage("qa queue '" + pre + "' --by nonsense").exit_code == 2);

  // Accept the first item and reject the second as a person would, then stats.
  Document doc = load_native(pre);
  Editor ed(doc);
  const auto& a = q["items"][0];
  const auto& b = q["items"][1];
  ed.execute(make_accept_prelabels(ed.document(),
                                   {{a["object"].get<ObjectId>(), a["sensor"].get<std::string>(),
                                     ShapeKind::Cuboid, a["frame"].get<int>()}},
                                   "ann", 1000));
  ed.execute(make_reject_prelabels(ed.document(),
                                   {{b["object"].get<ObjectId>(), b["sensor"].get<std::string>(),
                                     ShapeKind::Cuboid, b["frame"].get<int>()}},
                                   "ann", 3000));
  save_native(ed.document(), pre);
  r = test::run_vantage("qa stats '" + pre + "' --json");
  REQUIRE(r.exit_code == 0);
  const auto s = nlohmann::json::parse(r.out);
  CHECK(s["model_assist"]["decided"] == 2);
  CHECK(s["model_assist"]["accepted"] == 1);
  CHECK(s["model_assist"]["acceptance_rate"].get<double>() == Approx(0.5));
  CHECK(s["model_assist"]["mean_correction_iou"].get<double>() == Approx(1.0));
  CHECK(s["model_assist"]["pending"] == j["shapes"].get<int>() - 2);

  // --accepted-only: only the accepted cuboid is exported.
  r = test::run_vantage("export '" + pre + "' --format openlabel --out '" + (dir / "ol").string() +
                        "' --accepted-only");
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains(fmt::format("{} pending pre-labels left out",
                                                j["shapes"].get<int>() - 2)));
  const auto ol = nlohmann::json::parse(test::read_text(dir / "ol" / "openlabel.json"));
  CHECK(ol["openlabel"]["objects"].size() == 1);
}
