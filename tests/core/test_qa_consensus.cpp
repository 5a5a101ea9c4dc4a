// Consensus and gold scoring. The [data] tests perturb the real KITTI
// tracking labels (sequence 0000) in known ways and check that the reports
// find every change and score it as the perturbation predicts.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <random>

#include "core/io/native_format.h"
#include "core/io/sequence_opener.h"
#include "core/qa/consensus.h"
#include "core/qa/gold.h"
#include "core/qa/hungarian.h"
#include "core/qa/shape_matching.h"
#include "tests/core/qa_fixture.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;

TEST_CASE("Optimal assignment beats greedy pairing and handles rectangles", "[qa][consensus]") {
  // Greedy takes 0-0 (0.9) then 1-1 (0.1) = 1.0; the optimum is 0-1 + 1-0 = 1.65.
  const auto a = max_score_assignment({{0.9, 0.8}, {0.85, 0.1}});
  CHECK(a == std::vector<int>{1, 0});
  // 3 rows, 2 columns: the weakest row is left out.
  const auto b = max_score_assignment({{0.1, 0.2}, {0.9, 0.0}, {0.0, 0.7}});
  CHECK(b == std::vector<int>{-1, 0, 1});
  const auto c = max_score_assignment({{0.5, 0.9, 0.1}});
  CHECK(c == std::vector<int>{1});
  CHECK(max_score_assignment({}).empty());
}

TEST_CASE("Circular mean of yaw angles", "[qa][consensus]") {
  CHECK(mean_angle({kPi - 0.1, -kPi + 0.1}) == Approx(kPi).margin(1e-12));  // not 0
  CHECK(mean_angle({0.2, 0.4}) == Approx(0.3));
}

namespace {

Document kitti_0000() {
  OpenOptions o;
  o.sequence = "0000";
  return open_document(test::shared_data() / "kitti_tracking/training", o);
}

template <class F>
void for_each_shape(Document& doc, ShapeKind kind, F f) {
  for (Object& o : doc.annotations.objects)
    for (Track& t : o.tracks)
      if (t.kind == kind)
        for (FrameShape& fs : t.shapes)
          f(o, fs.shape);
}

size_t comparable_count(const Document& doc) {
  size_t n = 0;
  for (const Object& o : doc.annotations.objects)
    for (const Track& t : o.tracks)
      if (t.kind == ShapeKind::Box2D || t.kind == ShapeKind::Cuboid) n += t.shapes.size();
  return n;
}

}  // namespace

TEST_CASE("KITTI: shifted boxes score the IoU the shift predicts", "[qa][consensus][data]") {
  const Document gold = kitti_0000();
  Document shifted = gold;
  // Shift every box right by 10% of its width: IoU = 0.9w / 1.1w = 9/11.
  for_each_shape(shifted, ShapeKind::Box2D, [](Object&, Shape& s) {
    Box2D& b = *s.as<Box2D>();
    const double d = 0.1 * b.width();
    b.x1 += d;
    b.x2 += d;
  });
  const ConsensusReport r = compute_consensus({&gold, &shifted});
  bool saw_box = false;
  for (const auto& c : r.classes) {
    INFO(c.class_name << " " << c.kind);
    CHECK(c.match_rate() == Approx(1.0));
    if (c.kind == "box2d") {
      saw_box = true;
      CHECK(c.mean_iou() == Approx(9.0 / 11.0).epsilon(1e-9));
    } else {
      CHECK(c.mean_iou() == Approx(1.0));
    }
  }
  CHECK(saw_box);
  CHECK(r.class_mismatches == 0);
  CHECK(r.unmatched == 0);
  CHECK(r.low_iou == 0);              // 0.82 > 0.7
  CHECK(r.iou_histogram[8] == 711);  // every box in the 0.8-0.9 bin (DontCare: ignore regions)

  const GoldReport g = score_against_gold(gold, shifted);
  CHECK(g.overall.precision() == 1.0);
  CHECK(g.overall.recall() == 1.0);
  CHECK(g.overall.mean_iou_2d() == Approx(9.0 / 11.0).epsilon(1e-9));
  CHECK(g.overall.mean_iou_bev() == Approx(1.0));
  // A shift of 60% of the width leaves IoU 0.4/1.6 = 0.25 with its own box:
  // no longer a true positive at 0.5 (a few land on a neighbouring box of
  // the same class in crowded frames, hence "almost none").
  Document far = gold;
  for_each_shape(far, ShapeKind::Box2D, [](Object&, Shape& s) {
    Box2D& b = *s.as<Box2D>();
    const double d = 0.6 * b.width();
    b.x1 += d;
    b.x2 += d;
  });
  const GoldReport gf = score_against_gold(gold, far);
  CHECK(gf.per_kind.at("box2d").true_positives < gf.per_kind.at("box2d").gold / 20);
  CHECK(gf.per_kind.at("cuboid").recall() == 1.0);
}

TEST_CASE("KITTI: dropped objects lower recall by exactly the dropped share",
          "[qa][consensus][data]") {
  const Document gold = kitti_0000();
  Document dropped = gold;
  size_t removed = 0;
  std::vector<Object> kept;
  for (size_t i = 0; i < dropped.annotations.objects.size(); ++i) {
    const Object& o = dropped.annotations.objects[i];
    if (i % 4 == 1) {
      for (const Track& t : o.tracks)
        removed += t.shapes.size();
    } else {
      kept.push_back(o);
    }
  }
  dropped.annotations.objects = kept;
  REQUIRE(removed > 0);
  const size_t total = comparable_count(gold);
  const GoldReport g = score_against_gold(gold, dropped);
  CHECK(g.overall.gold == total);
  CHECK(g.overall.recall() == Approx(1.0 - double(removed) / double(total)).epsilon(1e-12));
  CHECK(g.overall.precision() == 1.0);
  const ConsensusReport r = compute_consensus({&gold, &dropped});
  // Unpaired boxes lying mostly inside a DontCare region are not
  // disagreements (the KITTI devkit's rule): a few of the dropped ones.
  CHECK(r.unmatched + r.ignored == removed);
  CHECK(r.ignored < removed / 50);
  CHECK(r.class_mismatches == 0);
  for (const auto& d : r.disagreements) {
    CHECK(d.kind == Disagreement::Kind::Unmatched);
    CHECK(d.object_a.has_value());
    CHECK(!d.object_b.has_value());
  }
}

TEST_CASE("KITTI: swapped classes are found as class mismatches", "[qa][consensus][data]") {
  const Document gold = kitti_0000();
  Document swapped = gold;
  size_t changed_shapes = 0;
  int n = 0;
  for (Object& o : swapped.annotations.objects)
    if (o.class_name == "Car" && n++ % 2 == 0) {
      o.class_name = "Van";
      for (const Track& t : o.tracks)
        changed_shapes += t.shapes.size();
    }
  REQUIRE(changed_shapes > 0);
  const ConsensusReport r = compute_consensus({&gold, &swapped});
  CHECK(r.class_mismatches == changed_shapes);
  CHECK(r.unmatched == 0);
  for (const auto& d : r.disagreements) {
    CHECK(d.kind == Disagreement::Kind::ClassMismatch);
    CHECK(d.class_a == "Car");
    CHECK(d.class_b == "Van");
    CHECK(d.object_a == d.object_b);
    CHECK(d.iou == Approx(1.0));
  }
  const GoldReport g = score_against_gold(gold, swapped);
  const size_t total = comparable_count(gold);
  CHECK(g.overall.recall() == Approx(1.0 - double(changed_shapes) / double(total)).epsilon(1e-12));
  CHECK(g.per_class.at("Car").true_positives == g.per_class.at("Car").gold - changed_shapes);
  CHECK(g.per_class.at("Van").precision() < 1.0);
}

TEST_CASE("KITTI: jittered cuboids show the jitter as centre error", "[qa][consensus][data]") {
  const Document gold = kitti_0000();
  Document jittered = gold;
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> angle(-kPi, kPi);
  const double jitter = 0.2;  // metres, in a random horizontal direction
  for_each_shape(jittered, ShapeKind::Cuboid, [&](Object&, Shape& s) {
    const double a = angle(rng);
    s.as<Cuboid>()->center += Vec3(jitter * std::cos(a), jitter * std::sin(a), 0.0);
  });
  const ConsensusReport r = compute_consensus({&gold, &jittered});
  for (const auto& c : r.classes)
    if (c.kind == "cuboid") {
      INFO(c.class_name);
      CHECK(c.mean_center_difference() == Approx(jitter).epsilon(1e-9));
      CHECK(c.mean_yaw_difference() == Approx(0.0).margin(1e-12));
      CHECK(c.mean_iou() < 1.0);
    }
  const GoldReport g = score_against_gold(gold, jittered);
  CHECK(g.per_kind.at("cuboid").center_error() == Approx(jitter).epsilon(1e-9));
  CHECK(g.overall.heading_error() == Approx(0.0).margin(1e-12));
  CHECK(g.overall.mean_iou_3d() < g.overall.mean_iou_bev() + 1e-12);
}

TEST_CASE("KITTI: the merged consensus averages geometry and takes the majority class",
          "[qa][consensus][data]") {
  const Document gold = kitti_0000();
  Document plus = gold, minus = gold, vans = gold;
  auto shift = [](Document& d, double k) {
    for_each_shape(d, ShapeKind::Box2D, [k](Object&, Shape& s) {
      Box2D& b = *s.as<Box2D>();
      b.x1 += k;
      b.x2 += k;
    });
    for_each_shape(d, ShapeKind::Cuboid, [k](Object&, Shape& s) {
      s.as<Cuboid>()->center.y += 0.05 * k;
      s.as<Cuboid>()->yaw = wrap_angle(s.as<Cuboid>()->yaw + 0.01 * k);
    });
  };
  shift(plus, 3.0);
  shift(minus, -3.0);
  for (Object& o : minus.annotations.objects)
    if (o.class_name == "Car") o.class_name = "Van";  // outvoted 2:1
  const Annotations merged = merge_consensus({&gold, &plus, &minus});
  REQUIRE(merged.objects.size() == gold.annotations.objects.size());
  size_t compared = 0;
  for (const Object& g : gold.annotations.objects) {
    // Objects keep the first input's ids.
    REQUIRE(merged.find(g.id));
    const Object& m = *merged.find(g.id);
    CHECK(m.class_name == g.class_name);
    for (const Track& t : g.tracks)
      for (const FrameShape& fs : t.shapes) {
        const Shape* ms = m.shape(fs.frame, t.sensor, t.kind);
        REQUIRE(ms);
        CHECK(ms->score == 1.0);
        CHECK(ms->source == ShapeSource::Model);
        if (const Box2D* b = fs.shape.as<Box2D>()) {
          CHECK(ms->as<Box2D>()->x1 == Approx(b->x1).margin(1e-9));
          CHECK(ms->as<Box2D>()->x2 == Approx(b->x2).margin(1e-9));
        } else if (const Cuboid* c = fs.shape.as<Cuboid>()) {
          CHECK(ms->as<Cuboid>()->center.y == Approx(c->center.y).margin(1e-9));
          CHECK(std::abs(wrap_angle(ms->as<Cuboid>()->yaw - c->yaw)) < 1e-9);
        }
        ++compared;
      }
  }
  CHECK(compared == gold.annotations.shape_count());
}

TEST_CASE("vantage qa consensus and qa gold on perturbed KITTI folders", "[qa][cli][data]") {
  test::TempDir dir;
  const Document gold = kitti_0000();
  save_native_as(gold, dir / "gold");
  Document dropped = gold;
  dropped.annotations.objects.erase(dropped.annotations.objects.begin());
  size_t removed = 0;
  for (const Track& t : gold.annotations.objects.front().tracks)
    removed += t.shapes.size();
  save_native_as(dropped, dir / "ann");
  // The folders name the KITTI frames in the shared data: outside, on purpose.
  auto r = test::run_vantage("--allow-outside qa gold --json --gold '" + (dir / "gold").string() + "' '" +
                             (dir / "ann").string() + "'");
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  const double total = double(comparable_count(gold));
  CHECK(j["overall"]["recall"].get<double>() == Approx(1.0 - double(removed) / total));
  CHECK(j["overall"]["precision"] == 1.0);
  CHECK(j["per_class"].contains("Car"));

  r = test::run_vantage("--allow-outside qa consensus --json --merge '" + (dir / "merged").string() + "' '" +
                        (dir / "gold").string() + "' '" + (dir / "ann").string() + "'");
  REQUIRE(r.exit_code == 0);
  j = nlohmann::json::parse(r.out);
  CHECK(j["unmatched"] == removed);
  CHECK(j["disagreements"].size() == removed);
  CHECK(j["disagreements"][0]["kind"] == "unmatched");
  NativeLoadOptions allow_outside;
  allow_outside.allow_outside = true;
  const Document merged = load_native(dir / "merged", allow_outside);
  CHECK(merged.annotations.objects.size() == gold.annotations.objects.size());
  // Text output names the table and the count.
  r = test::run_vantage("--allow-outside qa consensus '" + (dir / "gold").string() + "' '" +
                        (dir / "ann").string() + "'");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains(std::to_string(removed) + " unmatched"));
  // A missing input is a clear error.
  r = test::run_vantage("qa gold --gold /nonexistent/x '" + (dir / "ann").string() + "'");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.out, Catch::Contains("/nonexistent/x"));
}
