// Offscreen GL rendering checked against positions predicted by the camera
// math: a single point lands on its projected pixel (perspective and
// bird's-eye), BEV scale is pixels per metre, line widths, shader errors
// name their file and line, textures upload once per image.
#include <catch2/catch.hpp>

#include "app/gui/viewport.h"
#include "app/gui/views/scene_renderer.h"
#include "core/geometry/cuboid_geometry.h"
#include "render/image_texture.h"
#include "render/line_renderer.h"
#include "core/geometry/progressive_order.h"
#include "render/point_renderer.h"
#include "render/point_splatter.h"
#include "render/render_target.h"
#include "render/shader_program.h"
#include "render/view_camera.h"
#include "test_render_support.h"

using namespace vantage;

namespace {

constexpr int kW = 320, kH = 240;
const cv::Vec3b kBlack(0, 0, 0);

cv::Mat render_points(const std::vector<glm::vec4>& pts, const core::Mat4& view_proj, float size,
                      const core::Mat4& model = core::Mat4(1.0)) {
  render::RenderTarget target;
  target.resize(kW, kH);
  render::PointRenderer renderer;
  render::PointSweep sweep;
  sweep.upload(pts.data(), pts.size());
  render::PointStyle style;
  style.point_size = size;
  target.begin();
  target.clear(0, 0, 0);
  renderer.draw(sweep, view_proj, model, style);
  target.end();
  return target.read_bgr();
}

gui::SceneViewport viewport(const core::Mat4& vp) {
  gui::SceneViewport v;
  v.view_proj = vp;
  v.view_min = {0, 0};
  v.view_max = {float(kW), float(kH)};
  return v;
}

}  // namespace

TEST_CASE("a single point renders at its projected pixel in the orbit view", "[gui][render]") {
  test::gl_context();
  render::OrbitParams p;
  p.target = {5, 2, 0};
  p.yaw = -2.4;
  p.pitch = 0.5;
  p.distance = 30;
  const core::Mat4 vp = render::orbit_view_proj(p, kW, kH);
  const core::Vec3 point(9.0, -1.5, 1.2);
  const cv::Mat img = render_points({glm::vec4(glm::vec3(point), 0.5f)}, vp, 3.0f);
  int n = 0;
  const cv::Point2d c = test::centroid_of_non_background(img, kBlack, 30, &n);
  const auto expected = viewport(vp).to_screen(point);
  REQUIRE(expected);
  CHECK(n == 9);  // a 3 px square
  CHECK(c.x == Approx(expected->x).margin(1.0));
  CHECK(c.y == Approx(expected->y).margin(1.0));
}

TEST_CASE("bird's-eye view: x up, y left, bev_scale pixels per metre", "[gui][render]") {
  test::gl_context();
  const core::Vec3 target(10, 0, 0);
  const double scale = 8.0;
  const core::Mat4 vp = render::bev_view_proj(target, scale, kW, kH);
  // Independent of the matrices: 5 m ahead of the target is 40 px above the
  // centre, 3 m to the left is 24 px left of it.
  const core::Vec3 point(15, 3, 0.5);
  const cv::Mat img = render_points({glm::vec4(glm::vec3(point), 0.f)}, vp, 1.0f);
  int n = 0;
  const cv::Point2d c = test::centroid_of_non_background(img, kBlack, 30, &n);
  CHECK(n == 1);
  CHECK(c.x == Approx(kW / 2.0 - 3 * scale).margin(0.6));
  CHECK(c.y == Approx(kH / 2.0 - 5 * scale).margin(0.6));
  const auto s = viewport(vp).to_screen(point);
  REQUIRE(s);
  CHECK(s->x == Approx(kW / 2.0 - 24).margin(1e-3));
  CHECK(s->y == Approx(kH / 2.0 - 40).margin(1e-3));
  // Picking on the ground plane inverts it.
  const auto g = viewport(vp).on_plane_z({float(kW / 2.0 - 24), float(kH / 2.0 - 40)}, 0.0);
  REQUIRE(g);
  CHECK(g->x == Approx(15).margin(1e-6));
  CHECK(g->y == Approx(3).margin(1e-6));
}

TEST_CASE("accumulated sweeps are placed through their model matrix", "[gui][render]") {
  test::gl_context();
  const core::Mat4 vp = render::bev_view_proj({0, 0, 0}, 10.0, kW, kH);
  // A sweep taken 2 m behind (previous frame) has its point 2 m further back.
  core::Mat4 model(1.0);
  model[3] = core::Vec4(-2.0, 0.0, 0.0, 1.0);
  const cv::Mat img = render_points({glm::vec4(3, 0, 0, 0)}, vp, 1.0f, model);
  const cv::Point2d c = test::centroid_of_non_background(img, kBlack, 30, nullptr);
  CHECK(c.x == Approx(kW / 2.0).margin(0.6));
  CHECK(c.y == Approx(kH / 2.0 - 10.0).margin(0.6));  // 1 m ahead
}

TEST_CASE("LOD shares of a progressive order add up to every point, each once", "[gui][render]") {
  test::gl_context();
  const core::Mat4 vp = render::bev_view_proj({0, 0, 0}, 10.0, kW, kH);
  std::vector<glm::vec4> pts;
  for (int i = 0; i < 10; ++i)
    pts.emplace_back(float(i - 5), 0.f, 0.f, 0.f);  // 10 px apart on screen
  render::RenderTarget target;
  target.resize(kW, kH);
  render::PointRenderer renderer;
  render::PointSweep sweep;
  const std::vector<uint32_t> order = core::progressive_order(pts.size(), 3);
  sweep.upload(pts.data(), pts.size(), &order);
  render::PointStyle style;
  style.point_size = 1.0f;
  // Half, then the other half on top of the same image: 5 then 10 points.
  target.begin();
  target.clear(0, 0, 0);
  style.begin = 0.0;
  style.end = 0.5;
  CHECK(renderer.draw(sweep, vp, core::Mat4(1.0), style) == 5);
  target.end();
  int n = 0;
  test::centroid_of_non_background(target.read_bgr(), kBlack, 30, &n);
  CHECK(n == 5);
  target.begin();
  style.begin = 0.5;
  style.end = 1.0;
  CHECK(renderer.draw(sweep, vp, core::Mat4(1.0), style) == 5);
  target.end();
  test::centroid_of_non_background(target.read_bgr(), kBlack, 30, &n);
  CHECK(n == 10);
  CHECK(sweep.uploads() == 1);
  // Shares that meet give index ranges that meet.
  for (size_t total : {size_t(1), size_t(7), size_t(120000)})
    for (double a : {0.0, 0.1, 0.33, 0.5}) {
      const auto r1 = render::share_range(total, 0.0, a);
      const auto r2 = render::share_range(total, a, 1.0);
      CHECK(r1.second == r2.first);
      CHECK(r2.second == total);
    }
}

TEST_CASE("cuboid wireframe edges land on the projected corners, clipped at the near plane",
          "[gui][render]") {
  test::gl_context();
  render::OrbitParams p;
  p.target = {0, 0, 0};
  p.distance = 20;
  p.pitch = 0.6;
  p.yaw = -2.4;
  const core::Mat4 vp = render::orbit_view_proj(p, kW, kH);
  core::Cuboid c;
  c.center = {1, 1, 0.5};
  c.size = {4, 2, 1.5};
  c.yaw = 0.3;
  render::LineBatch batch;
  batch.add_cuboid(c, render::rgba(255, 0, 0), 1.0f, false);
  render::LineRenderer lines;
  render::RenderTarget target;
  target.resize(kW, kH);
  target.begin();
  target.clear(0, 0, 0);
  lines.draw(batch, vp, kW, kH, false);
  target.end();
  const cv::Mat img = target.read_bgr();
  // The midpoint of every edge is lit (within a pixel).
  const gui::SceneViewport v = viewport(vp);
  const auto k = core::cuboid_corners(c);
  for (const auto& e : core::kCuboidEdges) {
    const auto a = v.to_screen(k[size_t(e[0])]), b = v.to_screen(k[size_t(e[1])]);
    REQUIRE(a);
    REQUIRE(b);
    const float mx = (a->x + b->x) / 2, my = (a->y + b->y) / 2;
    int lit = 0;
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        const int x = int(mx) + dx, y = int(my) + dy;
        if (x >= 0 && y >= 0 && x < kW && y < kH && img.at<cv::Vec3b>(y, x)[2] > 100) ++lit;
      }
    CHECK(lit > 0);
  }
  // A line from in front of the camera to behind it does not wrap around:
  // nothing is drawn on the far side of the screen.
  render::LineBatch behind;
  const core::Vec3 eye = render::orbit_eye(p);
  const core::Vec3 fwd = glm::normalize(p.target - eye);
  behind.add_line(p.target + core::Vec3(0, 0, 0.0), eye - fwd * 10.0 + core::Vec3(0, 0, 0.5),
                  render::rgba(0, 255, 0), 1.0f);
  target.begin();
  target.clear(0, 0, 0);
  lines.draw(behind, vp, kW, kH, false);
  target.end();
  // The visible part runs from the target (screen centre) upwards to the
  // top edge; a wrapped-around part would show below the centre.
  const cv::Mat img2 = target.read_bgr();
  int above = 0, below = 0;
  for (int y = 0; y < kH; ++y)
    for (int x = 0; x < kW; ++x)
      if (img2.at<cv::Vec3b>(y, x)[1] > 100) (y <= kH / 2 + 2 ? above : below)++;
  CHECK(above > kH / 4);
  CHECK(below == 0);
  CHECK(img2.at<cv::Vec3b>(1, kW / 2)[1] + img2.at<cv::Vec3b>(1, kW / 2 - 1)[1] +
            img2.at<cv::Vec3b>(1, kW / 2 + 1)[1] >
        100);
}

TEST_CASE("shader compile errors name the file and line with the driver log", "[gui][render]") {
  test::gl_context();
  const std::string bad_vs =
      "#version 330 core\nvoid main() {\n  gl_Position = undefined_thing;\n}\n";
  try {
    render::ShaderProgram::from_source("broken.vert", bad_vs, "points.frag",
                                       render::shader_source("points.frag"));
    FAIL("expected a ShaderError");
  } catch (const render::ShaderError& e) {
    const std::string msg = e.what();
    INFO(msg);
    CHECK(msg.find("broken.vert:3:") != std::string::npos);
    CHECK(msg.find("undefined_thing") != std::string::npos);
  }
  // Every embedded program compiles.
  CHECK_NOTHROW(render::PointRenderer());
  CHECK_NOTHROW(render::LineRenderer());
}

TEST_CASE("image textures upload once per image and read back top row first", "[gui][render]") {
  test::gl_context();
  cv::Mat img(4, 6, CV_8UC3, cv::Scalar(0, 0, 0));
  img.at<cv::Vec3b>(0, 0) = {255, 0, 0};  // blue top-left
  render::ImageTexture tex;
  CHECK(tex.update(img));
  CHECK_FALSE(tex.update(img));
  CHECK(tex.uploads() == 1);
  cv::Mat other = img.clone();
  CHECK(tex.update(other));
  // Render target read-back orientation: clear bottom half red via scissor.
  render::RenderTarget t;
  t.resize(8, 6);
  t.begin();
  t.clear(0, 0, 0);
  glEnable(GL_SCISSOR_TEST);
  glScissor(0, 0, 8, 3);  // GL's bottom rows
  glClearColor(1, 0, 0, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  glDisable(GL_SCISSOR_TEST);
  t.end();
  const cv::Mat back = t.read_bgr();
  CHECK(back.at<cv::Vec3b>(5, 0)[2] == 255);  // bottom row red
  CHECK(back.at<cv::Vec3b>(0, 0)[2] == 0);    // top row black
}

TEST_CASE(
    "detail views: top view maps the box frame to the screen and shows only points near the box",
    "[gui][render]") {
  test::gl_context();
  core::Cuboid c;
  c.center = {10, 0, 0.8};
  c.size = {4, 2, 1.6};
  c.yaw = 0.4;
  const core::Mat3 r = core::cuboid_rotation(c);
  auto world = [&](double lx, double ly, double lz) {
    return c.center + r * core::Vec3(lx, ly, lz);
  };
  const double ppm = 20.0;
  const core::Mat4 top =
      render::detail_view_proj(c, render::DetailAxis::Top, ppm, kW, kH, 1.0, -0.15);
  // Inside the box: heading is screen up, the box's left (+y) is screen left.
  const core::Vec3 inside = world(1.0, 0.5, 0.3);
  cv::Mat img = render_points({glm::vec4(glm::vec3(inside), 0.f)}, top, 1.0f);
  int n = 0;
  cv::Point2d p = test::centroid_of_non_background(img, kBlack, 30, &n);
  CHECK(n == 1);
  CHECK(p.x == Approx(kW / 2.0 - 0.5 * ppm).margin(0.6));
  CHECK(p.y == Approx(kH / 2.0 - 1.0 * ppm).margin(0.6));
  // The ground under the box is cut away in the top view.
  img = render_points({glm::vec4(glm::vec3(world(0.5, 0.2, -0.8)), 0.f)}, top, 1.0f);
  test::centroid_of_non_background(img, kBlack, 30, &n);
  CHECK(n == 0);
  // Side view: heading to the right, up is up; a point 3.5 m to the side is
  // beyond the 1 m margin and clipped.
  const core::Mat4 side =
      render::detail_view_proj(c, render::DetailAxis::Side, ppm, kW, kH, 1.0, 1.0);
  img = render_points({glm::vec4(glm::vec3(world(1.0, 0.5, 0.3)), 0.f)}, side, 1.0f);
  p = test::centroid_of_non_background(img, kBlack, 30, &n);
  CHECK(n == 1);
  CHECK(p.x == Approx(kW / 2.0 + 1.0 * ppm).margin(0.6));
  CHECK(p.y == Approx(kH / 2.0 - 0.3 * ppm).margin(0.6));
  img = render_points({glm::vec4(glm::vec3(world(1.0, 3.5, 0.3)), 0.f)}, side, 1.0f);
  test::centroid_of_non_background(img, kBlack, 30, &n);
  CHECK(n == 0);
  // Front view: the box's left (+y) on screen right, as seen facing it.
  const core::Mat4 front =
      render::detail_view_proj(c, render::DetailAxis::Front, ppm, kW, kH, 1.0, 1.0);
  img = render_points({glm::vec4(glm::vec3(world(1.0, 0.5, 0.3)), 0.f)}, front, 1.0f);
  p = test::centroid_of_non_background(img, kBlack, 30, &n);
  CHECK(n == 1);
  CHECK(p.x == Approx(kW / 2.0 + 0.5 * ppm).margin(0.6));
}

TEST_CASE("detail views: the wide top view puts the heading right and the box's left up",
          "[gui][render]") {
  test::gl_context();
  core::Cuboid c;
  c.center = {5, 2, 0.8};
  c.size = {4, 2, 1.6};
  c.yaw = -0.7;
  const core::Vec3 p = c.center + core::cuboid_rotation(c) * core::Vec3(1.0, 0.5, 0.0);
  const double ppm = 20.0;
  const core::Mat4 vp =
      render::detail_view_proj(c, render::DetailAxis::TopWide, ppm, kW, kH, 1.0, -0.15);
  const cv::Mat img = render_points({glm::vec4(glm::vec3(p), 0.f)}, vp, 1.0f);
  int n = 0;
  const cv::Point2d q = test::centroid_of_non_background(img, kBlack, 30, &n);
  CHECK(n == 1);
  CHECK(q.x == Approx(kW / 2.0 + 1.0 * ppm).margin(0.6));
  CHECK(q.y == Approx(kH / 2.0 - 0.5 * ppm).margin(0.6));
  // The fit scale uses length across, width up.
  CHECK(render::detail_fit_scale(c, render::DetailAxis::TopWide, 400, 100, 0.0) == Approx(50.0));
  CHECK(render::detail_fit_scale(c, render::DetailAxis::Top, 400, 100, 0.0) == Approx(25.0));
}

TEST_CASE("3D view culling: only cuboids wholly beyond one clip plane are left out",
          "[gui][render]") {
  render::OrbitParams p;
  p.target = {0, 0, 0};
  p.distance = 30;
  const core::Mat4 vp = render::orbit_view_proj(p, 800, 600);
  core::Cuboid c;
  c.size = {4, 2, 1.5};
  CHECK_FALSE(gui::cuboid_outside_view(c, vp));  // at the orbit target: on screen
  c.center = {0, 5000, 0};                       // far off to the side
  CHECK(gui::cuboid_outside_view(c, vp));
  // Straddling the screen's edge: some corners inside, so it stays.
  // At the target's depth (30 m out), so the box is small on screen.
  const core::Mat4 inv = glm::inverse(vp);
  const core::Vec4 t = vp * core::Vec4(0, 0, 0, 1);
  const double z = t.z / t.w;
  const core::Vec4 edge = inv * core::Vec4(1.0, 0.0, z, 1.0);
  c.center = core::Vec3(edge) / edge.w;
  CHECK_FALSE(gui::cuboid_outside_view(c, vp));
  // Just beyond that edge by more than the box's reach: out.
  const core::Vec4 beyond = inv * core::Vec4(3.0, 0.0, z, 1.0);
  c.center = core::Vec3(beyond) / beyond.w;
  CHECK(gui::cuboid_outside_view(c, vp));
}

TEST_CASE("compute splatting puts points where GL_POINTS does, nearest first", "[gui][render]") {
  test::gl_context();
  if (!render::PointSplatter::supported()) {
    WARN("no OpenGL 4.3 in this context: the splatter is not tested");
    return;
  }
  render::OrbitParams p;
  p.target = {5, 2, 0};
  p.yaw = -2.4;
  p.pitch = 0.5;
  p.distance = 30;
  const core::Mat4 vp = render::orbit_view_proj(p, kW, kH);
  // A scatter of points: both paths light the same pixels (1 px points).
  std::vector<glm::vec4> pts;
  for (int i = 0; i < 200; ++i)
    pts.emplace_back(float(i % 20) * 0.7f, float(i / 20) * 0.9f - 3.0f, float(i % 7) * 0.3f, 0.5f);
  const cv::Mat raster = render_points(pts, vp, 1.0f);
  render::RenderTarget target;
  target.resize(kW, kH);
  render::PointSplatter splatter;
  splatter.resize(kW, kH);
  render::PointSweep sweep;
  sweep.upload(pts.data(), pts.size());
  render::PointStyle style;
  style.point_size = 1.0f;
  CHECK(splatter.splat(sweep, vp, core::Mat4(1.0), style, false) == pts.size());
  target.begin();
  target.clear(0, 0, 0);
  splatter.resolve();
  target.end();
  const cv::Mat splat = target.read_bgr();
  int lit_r = 0, lit_s = 0, both = 0;
  for (int y = 0; y < kH; ++y)
    for (int x = 0; x < kW; ++x) {
      const bool a = raster.at<cv::Vec3b>(y, x) != kBlack, b = splat.at<cv::Vec3b>(y, x) != kBlack;
      lit_r += a, lit_s += b, both += a && b;
    }
  REQUIRE(lit_r > 150);
  // Pixel centres vs the rasteriser's rule can differ on exact edges only.
  CHECK(both >= lit_r * 95 / 100);
  CHECK(lit_s == Approx(lit_r).epsilon(0.05));
  // Two points on one pixel: the nearer one's colour wins, in either order.
  const core::Vec3 eye = render::orbit_eye(p);
  const core::Vec3 far_pt(5, 2, 0), near_pt = eye + 0.5 * (far_pt - eye);
  for (int order = 0; order < 2; ++order) {
    std::vector<glm::vec4> two = {glm::vec4(glm::vec3(far_pt), 0.f), glm::vec4(glm::vec3(near_pt), 0.f)};
    if (order) std::swap(two[0], two[1]);
    render::PointSweep s2;
    s2.upload(two.data(), two.size());
    render::PointStyle hs;  // height ramp: the two differ in colour
    hs.point_size = 3.0f;   // 3x3 footprints: they overlap whatever the rounding
    hs.height_range = {float(std::min(far_pt.z, near_pt.z)), float(std::max(far_pt.z, near_pt.z))};
    splatter.clear();
    splatter.splat(s2, vp, core::Mat4(1.0), hs, false);
    target.begin();
    target.clear(0, 0, 0);
    splatter.resolve();
    target.end();
    const cv::Mat a = target.read_bgr();
    const cv::Mat b = render_points({glm::vec4(glm::vec3(near_pt), 0.f)}, vp, 1.0f);
    int n = 0;
    test::centroid_of_non_background(a, kBlack, 30, &n);
    const cv::Point2d cr = test::centroid_of_non_background(b, kBlack, 30, nullptr);
    CHECK(n >= 9);
    CHECK(n <= 16);
    // At the near point's pixel the colour is the near point's.
    const cv::Vec3b c = a.at<cv::Vec3b>(int(cr.y), int(cr.x));
    const cv::Vec3b want = b.at<cv::Vec3b>(int(cr.y), int(cr.x));
    CHECK(std::abs(int(c[0]) - int(want[0])) + std::abs(int(c[1]) - int(want[1])) +
              std::abs(int(c[2]) - int(want[2])) < 30);
  }
}
