// BEV / 3D IoU of cuboids and IoU of image polygons, against hand-computed
// areas, Monte-Carlo estimates (tolerance from the binomial standard error)
// and OpenCV's independent convex intersection (float precision).
#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>
#include <random>

#include "core/geometry/convex_polygon.h"
#include "core/geometry/cuboid_geometry.h"
#include "core/geometry/cuboid_iou.h"
#include "core/geometry/polygon_iou.h"

using namespace vantage::core;

namespace {

Cuboid box(double x, double y, double l, double w, double yaw = 0, double z = 0, double h = 1) {
  Cuboid c;
  c.center = {x, y, z};
  c.size = {l, w, h};
  c.yaw = yaw;
  return c;
}

bool in_footprint(const Cuboid& c, double x, double y) {
  return point_in_cuboid(c, {x, y, c.center.z});
}

// Monte-Carlo BEV IoU over the bounding square of both footprints, with its
// standard error.
std::pair<double, double> monte_carlo_bev_iou(const Cuboid& a, const Cuboid& b, int n,
                                              std::mt19937& rng) {
  double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
  for (const Cuboid* c : {&a, &b})
    for (const Vec2& p : cuboid_footprint(*c)) {
      x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y),
      y1 = std::max(y1, p.y);
    }
  std::uniform_real_distribution<double> ux(x0, x1), uy(y0, y1);
  int both = 0, either = 0;
  for (int i = 0; i < n; ++i) {
    const double x = ux(rng), y = uy(rng);
    const bool ia = in_footprint(a, x, y), ib = in_footprint(b, x, y);
    both += ia && ib;
    either += ia || ib;
  }
  const double iou = either ? static_cast<double>(both) / either : 0.0;
  const double se = either ? std::sqrt(iou * (1 - iou) / either) : 0.0;
  return {iou, se};
}

double opencv_intersection(const std::vector<Vec2>& a, const std::vector<Vec2>& b, const Vec2& o) {
  std::vector<cv::Point2f> pa, pb, out;
  for (const Vec2& p : a)
    pa.emplace_back(static_cast<float>(p.x - o.x), static_cast<float>(p.y - o.y));
  for (const Vec2& p : b)
    pb.emplace_back(static_cast<float>(p.x - o.x), static_cast<float>(p.y - o.y));
  return static_cast<double>(cv::intersectConvexConvex(pa, pb, out, true));
}

std::vector<Vec2> as_vector(const std::array<Vec2, 4>& f) {
  return {f.begin(), f.end()};
}

Polygon rect_polygon(double x0, double y0, double x1, double y1) {
  return Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, {}};
}

// Star-shaped (generally non-convex) polygon around a centre.
Polygon random_star(std::mt19937& rng, Vec2 c, int n) {
  std::uniform_real_distribution<double> r(0.4, 2.0);
  Polygon p;
  for (int i = 0; i < n; ++i) {
    const double t = 2 * kPi * i / n;
    const double rr = r(rng);
    p.points.push_back(c + Vec2{rr * std::cos(t), rr * std::sin(t)});
  }
  return p;
}

bool in_ring(const std::vector<Vec2>& ring, const Vec2& m) {
  bool in = false;
  for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const Vec2 &p = ring[i], &q = ring[j];
    if ((p.y > m.y) != (q.y > m.y) && m.x < p.x + (m.y - p.y) * (q.x - p.x) / (q.y - p.y)) in = !in;
  }
  return in;
}

bool in_polygon(const Polygon& p, const Vec2& m) {
  if (!in_ring(p.points, m)) return false;
  for (const auto& h : p.holes)
    if (in_ring(h, m)) return false;
  return true;
}

}  // namespace

TEST_CASE("BEV IoU of hand-computed cases", "[geometry][iou]") {
  const Cuboid unit = box(0, 0, 1, 1);
  CHECK(bev_iou(unit, unit) == Approx(1.0).epsilon(1e-12));
  CHECK(bev_iou(unit, box(3, 0, 1, 1)) == 0.0);
  // Half overlap: 0.5 / 1.5.
  CHECK(bev_iou(unit, box(0.5, 0, 1, 1)) == Approx(1.0 / 3).epsilon(1e-12));
  // A square is its own 90-degree rotation.
  CHECK(bev_iou(unit, box(0, 0, 1, 1, kPi / 2)) == Approx(1.0).epsilon(1e-12));
  // A 4 x 2 rectangle and its 90-degree rotation share a 2 x 2 square: 4 / 12.
  CHECK(bev_iou(box(0, 0, 4, 2), box(0, 0, 4, 2, kPi / 2)) == Approx(1.0 / 3).epsilon(1e-12));
  // Heading flipped by 180 degrees: same footprint.
  CHECK(bev_iou(box(10, -3, 4.2, 1.8, 0.3), box(10, -3, 4.2, 1.8, 0.3 + kPi)) ==
        Approx(1.0).epsilon(1e-12));
  // Unit square and its 45-degree rotation: a regular octagon of area
  // 2 (sqrt 2 - 1); IoU = octagon / (2 - octagon).
  const double oct = 2 * (std::sqrt(2.0) - 1);
  CHECK(bev_intersection_area(unit, box(0, 0, 1, 1, kPi / 4)) == Approx(oct).epsilon(1e-12));
  CHECK(bev_iou(unit, box(0, 0, 1, 1, kPi / 4)) == Approx(oct / (2 - oct)).epsilon(1e-12));
  // Nested: a 1 x 1 inside a 2 x 2 -> 1 / 4, whatever the inner yaw.
  CHECK(bev_iou(box(0, 0, 2, 2), box(0.2, 0.1, 1, 1, 0.3)) == Approx(0.25).epsilon(1e-12));
  // Empty footprints.
  CHECK(bev_iou(unit, box(0, 0, 0, 1)) == 0.0);
}

TEST_CASE("BEV IoU of tiny overlaps stays exact, also far from the origin", "[geometry][iou]") {
  for (const double x0 : {0.0, 80.0, -5000.0}) {
    // Edge overlap of 1e-6 m between unit squares.
    const double d = 1e-6;
    CHECK(bev_intersection_area(box(x0, 7, 1, 1), box(x0 + 1 - d, 7, 1, 1)) ==
          Approx(d).epsilon(x0 == -5000.0 ? 1e-6 : 1e-8));
    // The corner of a 45-degree square entering an edge by delta: a right
    // triangle of area delta^2.
    const double delta = 1e-3;
    const Cuboid diamond = box(x0 + 0.5 + std::sqrt(0.5) - delta, 7, 1, 1, kPi / 4);
    CHECK(bev_intersection_area(box(x0, 7, 1, 1), diamond) == Approx(delta * delta).epsilon(1e-6));
    // Touching edges: no overlap.
    CHECK(bev_iou(box(x0, 7, 1, 1), box(x0 + 1, 7, 1, 1)) == Approx(0.0).margin(1e-12));
  }
}

TEST_CASE("BEV IoU matches Monte Carlo and OpenCV on random rotated boxes", "[geometry][iou]") {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> pos(-2, 2), len(0.3, 5), yaw(-kPi, kPi);
  int overlapping = 0;
  for (int i = 0; i < 300; ++i) {
    const Cuboid a = box(40 + pos(rng), -10 + pos(rng), len(rng), len(rng), yaw(rng));
    const Cuboid b = box(40 + pos(rng), -10 + pos(rng), len(rng), len(rng), yaw(rng));
    const double iou = bev_iou(a, b);
    CHECK(iou == Approx(bev_iou(b, a)).margin(1e-12));  // symmetric
    CHECK(iou >= 0.0);
    CHECK(iou <= 1.0);
    // OpenCV's intersection (float) as an independent exact oracle.
    const Vec2 o{40, -10};
    const double cv_area =
        opencv_intersection(as_vector(cuboid_footprint(a)), as_vector(cuboid_footprint(b)), o);
    CHECK(bev_intersection_area(a, b) == Approx(cv_area).margin(1e-4 + 1e-5 * cv_area));
    overlapping += iou > 0;
    if (i < 20) {
      const auto [mc, se] = monte_carlo_bev_iou(a, b, 200000, rng);
      CHECK(iou == Approx(mc).margin(5 * se + 5.0 / 200000));  // floor: MC cannot see tiny overlaps
    }
  }
  CHECK(overlapping > 150);
}

TEST_CASE("3D IoU: BEV overlap times vertical overlap", "[geometry][iou]") {
  const Cuboid a = box(5, 5, 4, 2, 0.4, 1.0, 2.0);
  CHECK(iou_3d(a, a) == Approx(1.0).epsilon(1e-12));
  // Shifted up by half the height: overlap 1 of 3 heights -> 1 / 3.
  Cuboid up = a;
  up.center.z += 1.0;
  CHECK(iou_3d(a, up) == Approx(1.0 / 3).epsilon(1e-12));
  CHECK(bev_iou(a, up) == Approx(1.0).epsilon(1e-12));
  // Stacked exactly on top: touching, no volume.
  up.center.z = 3.0;
  CHECK(iou_3d(a, up) == 0.0);
  // Same footprint, half the height, centred inside: 1 / 2.
  Cuboid half = a;
  half.size.z = 1.0;
  CHECK(iou_3d(a, half) == Approx(0.5).epsilon(1e-12));
  // Pitch and roll are ignored (documented).
  Cuboid tilted = a;
  tilted.pitch = 0.2;
  CHECK(iou_3d(a, tilted) == Approx(1.0).epsilon(1e-12));
  CHECK(iou_3d(a, box(5, 5, 0, 2)) == 0.0);

  // Against a Monte-Carlo volume estimate for rotated, vertically offset boxes.
  std::mt19937 rng(5);
  const Cuboid p = box(0, 0, 4, 1.8, 0.3, 0.8, 1.6);
  const Cuboid q = box(1.0, 0.4, 3.5, 2.0, -0.5, 1.2, 1.5);
  std::uniform_real_distribution<double> ux(-3, 3.5), uy(-2.5, 3), uz(0, 2);
  int both = 0, either = 0;
  for (int i = 0; i < 400000; ++i) {
    const Vec3 s{ux(rng), uy(rng), uz(rng)};
    const bool ip = point_in_cuboid(p, s), iq = point_in_cuboid(q, s);
    both += ip && iq;
    either += ip || iq;
  }
  const double mc = static_cast<double>(both) / either;
  CHECK(iou_3d(p, q) == Approx(mc).margin(5 * std::sqrt(mc * (1 - mc) / either)));
  CHECK(iou_3d(p, q) == Approx(iou_3d(q, p)).margin(1e-12));
}

TEST_CASE("Convex clipping agrees with OpenCV on random convex polygons", "[geometry][iou]") {
  std::mt19937 rng(2);
  std::uniform_real_distribution<double> u(-3, 3);
  for (int i = 0; i < 100; ++i) {
    std::vector<cv::Point2f> pts;
    for (int k = 0; k < 12; ++k)
      pts.emplace_back(static_cast<float>(u(rng)), static_cast<float>(u(rng)));
    std::vector<cv::Point2f> ha, hb;
    cv::convexHull(std::vector<cv::Point2f>(pts.begin(), pts.begin() + 6), ha);
    cv::convexHull(std::vector<cv::Point2f>(pts.begin() + 6, pts.end()), hb);
    std::vector<Vec2> a, b;
    for (auto& p : ha)
      a.emplace_back(p.x, p.y);
    for (auto& p : hb)
      b.emplace_back(p.x, p.y);
    std::vector<cv::Point2f> out;
    const double expected = cv::intersectConvexConvex(ha, hb, out, true);
    CHECK(convex_intersection_area(a, b) == Approx(expected).margin(1e-4));
    // Orientation does not matter.
    std::reverse(b.begin(), b.end());
    CHECK(convex_intersection_area(a, b) == Approx(expected).margin(1e-4));
  }
}

TEST_CASE("Polygon IoU of hand-computed cases, with holes and shared edges", "[geometry][iou]") {
  const Polygon sq = rect_polygon(0, 0, 2, 2);
  // L-shape: 2 x 2 square without its top-right quarter (area 3).
  const Polygon ell{{{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}}, {}};
  CHECK(polygon_area(ell) == Approx(3.0));
  CHECK(polygon_iou(ell, ell) == Approx(1.0).epsilon(1e-12));
  // Equally directed shared edges count once (checked on the raw area: the
  // IoU would hide a double count by clamping).
  CHECK(polygon_intersection_area(ell, ell) == Approx(3.0).epsilon(1e-12));
  CHECK(polygon_intersection_area(sq, rect_polygon(0, 0, 1, 2)) == Approx(2.0).epsilon(1e-12));
  CHECK(polygon_intersection_area(ell, rect_polygon(0, 0, 1, 2)) == Approx(2.0).epsilon(1e-12));
  CHECK(polygon_iou(sq, ell) == Approx(0.75).epsilon(1e-12));
  CHECK(polygon_intersection_area(ell, rect_polygon(0.5, 0.5, 1.5, 1.5)) ==
        Approx(0.75).epsilon(1e-12));
  // Neighbours sharing an edge do not overlap.
  CHECK(polygon_intersection_area(sq, rect_polygon(2, 0, 4, 2)) == Approx(0.0).margin(1e-12));
  // The L and the missing quarter share two edges.
  CHECK(polygon_intersection_area(ell, rect_polygon(1, 1, 2, 2)) == Approx(0.0).margin(1e-12));
  // Reversed orientation gives the same answer.
  Polygon rev = ell;
  std::reverse(rev.points.begin(), rev.points.end());
  CHECK(polygon_iou(sq, rev) == Approx(0.75).epsilon(1e-12));
  // A 4 x 4 square with a 2 x 2 hole: area 12.
  Polygon donut = rect_polygon(-2, -2, 2, 2);
  donut.holes.push_back(rect_polygon(-1, -1, 1, 1).points);
  CHECK(polygon_area(donut) == Approx(12.0));
  CHECK(polygon_intersection_area(donut, rect_polygon(-1, -1, 1, 1)) == Approx(0.0).margin(1e-12));
  CHECK(polygon_iou(donut, rect_polygon(-2, -2, 2, 2)) == Approx(0.75).epsilon(1e-12));
  CHECK(polygon_intersection_area(donut, rect_polygon(0, 0, 3, 3)) == Approx(3.0).epsilon(1e-12));
  CHECK(polygon_iou(donut, donut) == Approx(1.0).epsilon(1e-12));
  CHECK(polygon_iou(sq, Polygon{}) == 0.0);
}

TEST_CASE("Polygon IoU matches convex clipping and Monte Carlo on random polygons",
          "[geometry][iou]") {
  std::mt19937 rng(9);
  std::uniform_real_distribution<double> off(-1.5, 1.5), len(1.0, 4.0);
  // Convex (rotated rectangles): two independent methods must agree.
  for (int i = 0; i < 100; ++i) {
    const Cuboid a = box(off(rng), off(rng), len(rng), len(rng), off(rng));
    const Cuboid b = box(off(rng), off(rng), len(rng), len(rng), off(rng));
    const auto fa = as_vector(cuboid_footprint(a)), fb = as_vector(cuboid_footprint(b));
    CHECK(polygon_intersection_area(Polygon{fa, {}}, Polygon{fb, {}}) ==
          Approx(convex_intersection_area(fa, fb)).margin(1e-10));
  }
  // Non-convex stars, some with a hole, against Monte Carlo.
  for (int i = 0; i < 12; ++i) {
    Polygon a = random_star(rng, {off(rng), off(rng)}, 7 + i);
    const Polygon b = random_star(rng, {off(rng), off(rng)}, 5 + i);
    if (i % 3 == 0) {
      Vec2 c{0.0};
      for (const Vec2& p : a.points)
        c += p;
      c /= static_cast<double>(a.points.size());
      a.holes.push_back(rect_polygon(c.x - 0.15, c.y - 0.15, c.x + 0.15, c.y + 0.15).points);
    }
    const double iou = polygon_iou(a, b);
    CHECK(iou == Approx(polygon_iou(b, a)).margin(1e-12));
    std::uniform_real_distribution<double> u(-4, 4);
    int both = 0, either = 0;
    for (int k = 0; k < 200000; ++k) {
      const Vec2 m{u(rng), u(rng)};
      const bool ia = in_polygon(a, m), ib = in_polygon(b, m);
      both += ia && ib;
      either += ia || ib;
    }
    const double mc = either ? static_cast<double>(both) / either : 0.0;
    CHECK(iou == Approx(mc).margin(5 * std::sqrt(mc * (1 - mc) / std::max(either, 1)) + 1e-9));
  }
}
