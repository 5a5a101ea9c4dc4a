// [SECTION] index
//   Setup        undistorted render target and the remap into the camera
//   Background   sky gradient and ray-cast ground with distance haze
//   Boxes        faces clipped at the near plane, rasterised with a depth test,
//                painted per pixel; footprints counted for the ground truth
//   Finish       lens distortion, a little blur and sensor noise
#include "core/synth/camera_render.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include <opencv2/imgproc.hpp>

#include "core/synth/surface_paint.h"

namespace vantage::core {

namespace {

constexpr double kNear = CameraModel::kNearPlane;
constexpr double kFar = 3000.0;
const Vec3 kSun = glm::normalize(Vec3{0.4, -0.55, 0.73});
const Rgb kHaze{206, 214, 224};
const Rgb kZenith{104, 148, 210};

Rgb mix(const Rgb& a, const Rgb& b, double t) {
  return {static_cast<float>(a.r + (b.r - a.r) * t), static_cast<float>(a.g + (b.g - a.g) * t),
          static_cast<float>(a.b + (b.b - a.b) * t)};
}

uint8_t to_byte(float v) {
  return static_cast<uint8_t>(std::clamp(v, 0.0f, 255.0f) + 0.5f);
}

void put(cv::Vec3b& px, const Rgb& c) {
  px = {to_byte(c.b), to_byte(c.g), to_byte(c.r)};
}

// Aerial perspective: distant things fade into the horizon colour.
double haze_share(double dist) {
  return dist / (dist + 1100.0);
}

// Corner order of a face as seen from outside (counter-clockwise), in the
// box's local sign convention (x, y, z in {-1, +1}).
constexpr int kFaceCorners[6][4][3] = {
    {{1, -1, -1}, {1, 1, -1}, {1, 1, 1}, {1, -1, 1}},      // front
    {{-1, 1, -1}, {-1, -1, -1}, {-1, -1, 1}, {-1, 1, 1}},  // rear
    {{1, 1, -1}, {-1, 1, -1}, {-1, 1, 1}, {1, 1, 1}},      // left
    {{-1, -1, -1}, {1, -1, -1}, {1, -1, 1}, {-1, -1, 1}},  // right
    {{1, -1, 1}, {1, 1, 1}, {-1, 1, 1}, {-1, -1, 1}},      // top
    {{1, 1, -1}, {1, -1, -1}, {-1, -1, -1}, {-1, 1, -1}},  // bottom
};

// Sutherland-Hodgman against z >= kNear.
std::vector<Vec3> clip_near(const std::vector<Vec3>& poly) {
  std::vector<Vec3> out;
  for (size_t i = 0; i < poly.size(); ++i) {
    const Vec3& a = poly[i];
    const Vec3& b = poly[(i + 1) % poly.size()];
    const bool ain = a.z >= kNear, bin = b.z >= kNear;
    if (ain) out.push_back(a);
    if (ain != bin) out.push_back(a + (b - a) * ((kNear - a.z) / (b.z - a.z)));
  }
  return out;
}

}  // namespace

// ---- [SECTION] Setup ----

CameraRenderer::CameraRenderer(const Camera& camera) : model_(camera) {
  const int w = camera.width, h = camera.height;
  distorted_ = model_.has_distortion();
  if (!distorted_) {
    vw_ = w;
    vh_ = h;
    vfx_ = camera.intrinsics.fx;
    vfy_ = camera.intrinsics.fy;
    vcx_ = camera.intrinsics.cx;
    vcy_ = camera.intrinsics.cy;
    valid_ = cv::Mat(h, w, CV_8U, cv::Scalar(1));
    return;
  }
  // The undistorted field of view: extremes lie on the image border.
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  auto extend = [&](double u, double v) {
    const Vec2 n = model_.pixel_to_normalized({u, v});
    x0 = std::min(x0, n.x);
    x1 = std::max(x1, n.x);
    y0 = std::min(y0, n.y);
    y1 = std::max(y1, n.y);
  };
  for (int u = 0; u <= w; u += 2)
    extend(u, 0), extend(u, h);
  for (int v = 0; v <= h; v += 2)
    extend(0, v), extend(w, v);
  vfx_ = camera.intrinsics.fx;
  vfy_ = camera.intrinsics.fy;
  vcx_ = -x0 * vfx_ + 2;
  vcy_ = -y0 * vfy_ + 2;
  vw_ = static_cast<int>(std::ceil((x1 - x0) * vfx_)) + 4;
  vh_ = static_cast<int>(std::ceil((y1 - y0) * vfy_)) + 4;
  map_x_.create(h, w, CV_32F);
  map_y_.create(h, w, CV_32F);
  for (int v = 0; v < h; ++v)
    for (int u = 0; u < w; ++u) {
      const Vec2 n = model_.pixel_to_normalized({u + 0.5, v + 0.5});
      map_x_.at<float>(v, u) = static_cast<float>(n.x * vfx_ + vcx_ - 0.5);
      map_y_.at<float>(v, u) = static_cast<float>(n.y * vfy_ + vcy_ - 0.5);
    }
  valid_ = cv::Mat(vh_, vw_, CV_8U, cv::Scalar(0));
  const double max_r2 = model_.max_normalized_radius() * model_.max_normalized_radius();
  for (int v = 0; v < vh_; ++v)
    for (int u = 0; u < vw_; ++u) {
      const Vec2 n{(u + 0.5 - vcx_) / vfx_, (v + 0.5 - vcy_) / vfy_};
      if (n.x * n.x + n.y * n.y > max_r2) continue;
      const Vec2 p = model_.normalized_to_pixel(n);
      if (p.x >= 0 && p.y >= 0 && p.x < w && p.y < h) valid_.at<uint8_t>(v, u) = 1;
    }
}

CameraRender CameraRenderer::render(const Transform& camera_to_world, const GroundMap& ground,
                                    const std::vector<SceneBox>& boxes, uint64_t noise_seed) const {
  const Mat3 r = camera_to_world.rotation();
  const Mat3 rt = glm::transpose(r);
  const Vec3 c = camera_to_world.translation();
  cv::Mat colour(vh_, vw_, CV_8UC3);
  std::vector<float> depth(static_cast<size_t>(vw_) * vh_, INFINITY);
  std::vector<int32_t> ids(static_cast<size_t>(vw_) * vh_, -1);
  std::vector<uint8_t> codes(static_cast<size_t>(vw_) * vh_, kSurfaceSky);

  // ---- [SECTION] Background ----
  for (int v = 0; v < vh_; ++v) {
    const double b = (v + 0.5 - vcy_) / vfy_;
    const Vec3 row = r[1] * b + r[2];
    cv::Vec3b* out = colour.ptr<cv::Vec3b>(v);
    float* dep = depth.data() + static_cast<size_t>(v) * vw_;
    for (int u = 0; u < vw_; ++u) {
      const double a = (u + 0.5 - vcx_) / vfx_;
      const Vec3 d = row + r[0] * a;
      const double len = glm::length(d);
      if (d.z < -1e-9) {
        const double t = -c.z / d.z;
        const double dist = t * len;
        if (dist < kFar) {
          const double gx = c.x + d.x * t, gy = c.y + d.y * t;
          put(out[u], mix(ground.colour(gx, gy), kHaze, haze_share(dist)));
          dep[u] = static_cast<float>(t);
          codes[static_cast<size_t>(v) * vw_ + u] =
              static_cast<uint8_t>(kSurfaceGround + static_cast<int>(ground.material(gx, gy)));
          continue;
        }
      }
      const double el = std::max(0.0, d.z / len);
      put(out[u], mix(kHaze, kZenith, std::min(1.0, std::sqrt(el) * 1.6)));
    }
  }

  // ---- [SECTION] Boxes ----
  std::vector<size_t> order(boxes.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<double> dist(boxes.size());
  for (size_t i = 0; i < boxes.size(); ++i)
    dist[i] = glm::length(boxes[i].center - c);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return dist[a] < dist[b]; });
  std::vector<int32_t> stamp(static_cast<size_t>(vw_) * vh_, -1);
  std::vector<ObjectPixels> objects;
  for (size_t bi : order) {
    const SceneBox& box = boxes[bi];
    if (dist[bi] - box.bounding_radius() > kFar) continue;
    std::array<Vec3, 8> pc;
    bool any_front = false;
    double px0 = INFINITY, px1 = -INFINITY, py0 = INFINITY, py1 = -INFINITY;
    bool all_front = true;
    for (int k = 0; k < 8; ++k) {
      const Vec3 lp{(k & 1 ? 0.5 : -0.5) * box.size.x, (k & 2 ? 0.5 : -0.5) * box.size.y,
                    (k & 4 ? 0.5 : -0.5) * box.size.z};
      pc[static_cast<size_t>(k)] = rt * (box.to_world(lp) - c);
      const Vec3& q = pc[static_cast<size_t>(k)];
      if (q.z >= kNear) {
        any_front = true;
        px0 = std::min(px0, vfx_ * q.x / q.z + vcx_);
        px1 = std::max(px1, vfx_ * q.x / q.z + vcx_);
        py0 = std::min(py0, vfy_ * q.y / q.z + vcy_);
        py1 = std::max(py1, vfy_ * q.y / q.z + vcy_);
      } else {
        all_front = false;
      }
    }
    if (!any_front) continue;
    if (all_front && (px1 < 0 || py1 < 0 || px0 > vw_ || py0 > vh_)) continue;
    const bool cutout = is_cutout(box.surface);
    const int cutout_side = cutout ? cutout_face(box, c) : -1;
    const int obj_index = box.object >= 0 ? static_cast<int>(objects.size()) : -1;
    if (box.object >= 0) objects.push_back({box.object, 0, 0});
    // Box frame from the camera frame: local = m * (t * d) + k0.
    const double cy = std::cos(box.yaw), sy = std::sin(box.yaw);
    const Mat3 world_to_box =
        glm::transpose(Mat3(Vec3{cy, sy, 0}, Vec3{-sy, cy, 0}, Vec3{0, 0, 1}));
    const Mat3 m = world_to_box * r;
    const Vec3 k0 = world_to_box * (c - box.center) + Vec3{0, 0, box.size.z / 2};
    for (int face = 0; face < 6; ++face) {
      const Vec3 nw = box.face_normal(face);
      std::vector<Vec3> poly;
      for (int k = 0; k < 4; ++k) {
        const int* s = kFaceCorners[face][k];
        const int idx = (s[0] > 0 ? 1 : 0) | (s[1] > 0 ? 2 : 0) | (s[2] > 0 ? 4 : 0);
        poly.push_back(pc[static_cast<size_t>(idx)]);
      }
      const Vec3 nc = rt * nw;
      const double plane = glm::dot(nc, poly[0]);  // n . X = plane, camera frame
      const bool facing = plane < 0;               // camera on the outer side
      if (!facing || (cutout && face != cutout_side)) continue;
      poly = clip_near(poly);
      if (poly.size() < 3) continue;
      std::vector<Vec2> pix;
      double bx0 = INFINITY, bx1 = -INFINITY, by0 = INFINITY, by1 = -INFINITY;
      for (const Vec3& q : poly) {
        const Vec2 p{vfx_ * q.x / q.z + vcx_, vfy_ * q.y / q.z + vcy_};
        pix.push_back(p);
        bx0 = std::min(bx0, p.x);
        bx1 = std::max(bx1, p.x);
        by0 = std::min(by0, p.y);
        by1 = std::max(by1, p.y);
      }
      // Clamp before converting: near-clipped vertices can project far out.
      const auto to_col = [this](double x) { return std::clamp(x, -2.0, vw_ + 2.0); };
      const auto to_row = [this](double y) { return std::clamp(y, -2.0, vh_ + 2.0); };
      const int u0 = std::max(0, static_cast<int>(std::floor(to_col(bx0) - 0.5)));
      const int u1 = std::min(vw_ - 1, static_cast<int>(std::ceil(to_col(bx1) - 0.5)));
      const int v0 = std::max(0, static_cast<int>(std::floor(to_row(by0) - 0.5)));
      const int v1 = std::min(vh_ - 1, static_cast<int>(std::ceil(to_row(by1) - 0.5)));
      if (u0 > u1 || v0 > v1) continue;
      const double shade = 0.56 + 0.44 * std::max(0.0, glm::dot(nw, kSun));
      for (int v = v0; v <= v1; ++v) {
        const double py = v + 0.5;
        const double b = (py - vcy_) / vfy_;
        // The convex polygon's span on this row of pixel centres.
        double xl = INFINITY, xr = -INFINITY;
        for (size_t k = 0; k < pix.size(); ++k) {
          const Vec2& a = pix[k];
          const Vec2& e = pix[(k + 1) % pix.size()];
          if ((a.y - py) * (e.y - py) > 0) continue;
          if (a.y == e.y) {
            xl = std::min({xl, a.x, e.x});
            xr = std::max({xr, a.x, e.x});
            continue;
          }
          const double x = a.x + (py - a.y) * (e.x - a.x) / (e.y - a.y);
          xl = std::min(xl, x);
          xr = std::max(xr, x);
        }
        if (!(xl <= xr)) continue;
        const int ul = std::max(u0, static_cast<int>(std::ceil(to_col(xl) - 0.5)));
        const int ur = std::min(u1, static_cast<int>(std::floor(to_col(xr) - 0.5)));
        for (int u = ul; u <= ur; ++u) {
          const double px = u + 0.5;
          const double a = (px - vcx_) / vfx_;
          const Vec3 d{a, b, 1.0};
          const double den = glm::dot(nc, d);
          if (std::abs(den) < 1e-12) continue;
          const double t = plane / den;
          if (t < kNear) continue;
          const size_t idx = static_cast<size_t>(v) * vw_ + u;
          const bool in_front = t < depth[idx];
          const bool count =
              obj_index >= 0 && stamp[idx] != static_cast<int32_t>(bi) && valid_.at<uint8_t>(v, u);
          if (!in_front && !count) continue;
          Vec3 local = m * (d * t) + k0;
          local.x = std::clamp(local.x, -box.size.x / 2, box.size.x / 2);
          local.y = std::clamp(local.y, -box.size.y / 2, box.size.y / 2);
          local.z = std::clamp(local.z, 0.0, box.size.z);
          const SurfaceSample sample = paint_surface(box, face, local);
          if (!sample.solid) continue;
          if (count) {
            stamp[idx] = static_cast<int32_t>(bi);
            ++objects[static_cast<size_t>(obj_index)].footprint;
          }
          if (!in_front) continue;
          depth[idx] = static_cast<float>(t);
          ids[idx] = static_cast<int32_t>(box.object);
          codes[idx] = static_cast<uint8_t>(kSurfaceBox + static_cast<int>(box.surface));
          const double dd = t * glm::length(d);
          const Rgb shaded{static_cast<float>(sample.colour.r * shade),
                           static_cast<float>(sample.colour.g * shade),
                           static_cast<float>(sample.colour.b * shade)};
          put(colour.at<cv::Vec3b>(v, u), mix(shaded, kHaze, haze_share(dd)));
        }
      }
    }
  }

  // Visible pixels per object, inside the camera's field of view.
  std::sort(objects.begin(), objects.end(),
            [](const ObjectPixels& a, const ObjectPixels& b) { return a.id < b.id; });
  for (int v = 0; v < vh_; ++v)
    for (int u = 0; u < vw_; ++u) {
      const int32_t id = ids[static_cast<size_t>(v) * vw_ + u];
      if (id < 0 || !valid_.at<uint8_t>(v, u)) continue;
      auto it = std::lower_bound(objects.begin(), objects.end(), id,
                                 [](const ObjectPixels& o, ObjectId x) { return o.id < x; });
      if (it != objects.end() && it->id == id) ++it->visible;
    }

  // ---- [SECTION] Finish ----
  CameraRender out;
  const int w = model_.width(), h = model_.height();
  out.ids.create(h, w, CV_32S);
  out.surfaces.create(h, w, CV_8U);
  if (distorted_) {
    cv::remap(colour, out.image, map_x_, map_y_, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    for (int v = 0; v < h; ++v)
      for (int u = 0; u < w; ++u) {
        const int x = std::clamp(static_cast<int>(std::lround(map_x_.at<float>(v, u))), 0, vw_ - 1);
        const int y = std::clamp(static_cast<int>(std::lround(map_y_.at<float>(v, u))), 0, vh_ - 1);
        out.ids.at<int32_t>(v, u) = ids[static_cast<size_t>(y) * vw_ + x];
        out.surfaces.at<uint8_t>(v, u) = codes[static_cast<size_t>(y) * vw_ + x];
      }
  } else {
    out.image = colour;
    for (int v = 0; v < h; ++v) {
      std::copy_n(ids.data() + static_cast<size_t>(v) * vw_, w, out.ids.ptr<int32_t>(v));
      std::copy_n(codes.data() + static_cast<size_t>(v) * vw_, w, out.surfaces.ptr<uint8_t>(v));
    }
  }
  // A touch of optical blur (softens the rasteriser's hard edges). No
  // sensor noise: it would double the PNG size and encoding time.
  cv::GaussianBlur(out.image, out.image, cv::Size(3, 3), 0.55);
  (void)noise_seed;
  objects.erase(std::remove_if(objects.begin(), objects.end(),
                               [](const ObjectPixels& o) { return o.footprint == 0; }),
                objects.end());
  out.objects = std::move(objects);
  return out;
}

}  // namespace vantage::core
