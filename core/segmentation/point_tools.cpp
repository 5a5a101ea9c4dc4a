#include "core/segmentation/point_tools.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "core/geometry/cuboid_geometry.h"
#include "core/io/point_cloud_io.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

// Runs f(begin, end, out) over chunks in parallel and concatenates the
// chunks' outputs in order, so results stay sorted.
template <class F>
PointIndices parallel_select(size_t count, const F& f) {
  constexpr size_t kChunk = 1 << 16;
  const size_t chunks = (count + kChunk - 1) / kChunk;
  std::vector<PointIndices> parts(chunks);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, chunks), [&](const tbb::blocked_range<size_t>& r) {
    for (size_t c = r.begin(); c < r.end(); ++c)
      f(c * kChunk, std::min(count, (c + 1) * kChunk), parts[c]);
  });
  size_t total = 0;
  for (const auto& p : parts)
    total += p.size();
  PointIndices out;
  out.reserve(total);
  for (const auto& p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

Vec3 to_vehicle(const Transform& t, const glm::vec4& p) {
  return t.apply(Vec3(p.x, p.y, p.z));
}

}  // namespace

PointIndices select_in_cuboid(const PointCloud& cloud, const Transform& lidar_to_vehicle,
                              const Cuboid& cuboid, double margin) {
  PointIndices out;
  const double reach = 0.5 * glm::length(cuboid.size) + margin;
  for (size_t i = 0; i < cloud.points.size(); ++i) {
    const Vec3 p = to_vehicle(lidar_to_vehicle, cloud.points[i]);
    const Vec3 d = p - cuboid.center;
    if (glm::dot(d, d) > reach * reach) continue;
    if (point_in_cuboid(cuboid, p, margin)) out.push_back(static_cast<uint32_t>(i));
  }
  return out;
}

PointIndices select_ground(const PointCloud& cloud, const Transform& lidar_to_vehicle,
                           const GroundOptions& options) {
  std::vector<glm::vec4> v(cloud.points.size());
  for (size_t i = 0; i < v.size(); ++i) {
    const Vec3 p = to_vehicle(lidar_to_vehicle, cloud.points[i]);
    v[i] = {static_cast<float>(p.x), static_cast<float>(p.y), static_cast<float>(p.z),
            cloud.points[i].w};
  }
  GroundOptions o = options;
  o.sensor_xy = Vec2(lidar_to_vehicle.translation());
  const GroundEstimate g = estimate_ground(v.data(), v.size(), o);
  PointIndices out;
  for (size_t i = 0; i < g.is_ground.size(); ++i)
    if (g.is_ground[i]) out.push_back(static_cast<uint32_t>(i));
  return out;
}

PointIndices select_height_band(const PointCloud& cloud, const Transform& lidar_to_vehicle,
                                double z_min, double z_max, const GroundModel* ground) {
  PointIndices out;
  for (size_t i = 0; i < cloud.points.size(); ++i) {
    const Vec3 p = to_vehicle(lidar_to_vehicle, cloud.points[i]);
    const double h = ground ? ground->height_above_ground(p) : p.z;
    if (h >= z_min && h <= z_max) out.push_back(static_cast<uint32_t>(i));
  }
  return out;
}

PointIndices select_lasso(const glm::vec4* points, size_t count, const glm::mat4& m, int vw,
                          int vh, const std::vector<glm::vec2>& lasso) {
  if (lasso.size() < 3 || vw <= 0 || vh <= 0) return {};
  // Rasterise the lasso over its bounding box once (pixel centres, even-odd),
  // then each point is one projection and one lookup.
  float fx0 = INFINITY, fy0 = INFINITY, fx1 = -INFINITY, fy1 = -INFINITY;
  for (const glm::vec2& p : lasso) {
    fx0 = std::min(fx0, p.x);
    fy0 = std::min(fy0, p.y);
    fx1 = std::max(fx1, p.x);
    fy1 = std::max(fy1, p.y);
  }
  const int x0 = std::max(0, static_cast<int>(std::floor(fx0)));
  const int y0 = std::max(0, static_cast<int>(std::floor(fy0)));
  const int x1 = std::min(vw, static_cast<int>(std::ceil(fx1)) + 1);
  const int y1 = std::min(vh, static_cast<int>(std::ceil(fy1)) + 1);
  if (x0 >= x1 || y0 >= y1) return {};
  const int bw = x1 - x0, bh = y1 - y0;
  std::vector<uint8_t> inside(static_cast<size_t>(bw) * static_cast<size_t>(bh), 0);
  std::vector<float> xs;
  for (int y = y0; y < y1; ++y) {
    const float py = y + 0.5f;
    xs.clear();
    for (size_t i = 0; i < lasso.size(); ++i) {
      const glm::vec2& a = lasso[i];
      const glm::vec2& b = lasso[(i + 1) % lasso.size()];
      if ((a.y <= py) == (b.y <= py)) continue;
      xs.push_back(a.x + (py - a.y) * (b.x - a.x) / (b.y - a.y));
    }
    std::sort(xs.begin(), xs.end());
    uint8_t* row = inside.data() + static_cast<size_t>(y - y0) * static_cast<size_t>(bw);
    for (size_t i = 0; i + 1 < xs.size(); i += 2) {
      const int c0 = std::max(x0, static_cast<int>(std::ceil(xs[i] - 0.5f)));
      const int c1 = std::min(x1, static_cast<int>(std::ceil(xs[i + 1] - 0.5f)));
      for (int c = c0; c < c1; ++c)
        row[c - x0] = 1;
    }
  }
  const float hw = 0.5f * static_cast<float>(vw), hh = 0.5f * static_cast<float>(vh);
  return parallel_select(count, [&](size_t b, size_t e, PointIndices& out) {
    for (size_t i = b; i < e; ++i) {
      const glm::vec4& p = points[i];
      const glm::vec4 c = m * glm::vec4(p.x, p.y, p.z, 1.0f);
      if (!(c.w > 0)) continue;
      const float inv = 1.0f / c.w;
      const float sx = (c.x * inv + 1.0f) * hw;
      const float sy = (1.0f - c.y * inv) * hh;
      const int px = static_cast<int>(std::floor(sx)) - x0;
      const int py = static_cast<int>(std::floor(sy)) - y0;
      if (px < 0 || py < 0 || px >= bw || py >= bh) continue;
      if (inside[static_cast<size_t>(py) * static_cast<size_t>(bw) + static_cast<size_t>(px)])
        out.push_back(static_cast<uint32_t>(i));
    }
  });
}

PointIndices select_screen_box(const glm::vec4* points, size_t count, const glm::mat4& m, int vw,
                               int vh, glm::vec2 a, glm::vec2 b) {
  const glm::vec2 lo = glm::min(a, b), hi = glm::max(a, b);
  const float hw = 0.5f * static_cast<float>(vw), hh = 0.5f * static_cast<float>(vh);
  return parallel_select(count, [&](size_t s, size_t e, PointIndices& out) {
    for (size_t i = s; i < e; ++i) {
      const glm::vec4& p = points[i];
      const glm::vec4 c = m * glm::vec4(p.x, p.y, p.z, 1.0f);
      if (!(c.w > 0)) continue;
      const float sx = (c.x / c.w + 1.0f) * hw;
      const float sy = (1.0f - c.y / c.w) * hh;
      if (sx >= lo.x && sx < hi.x && sy >= lo.y && sy < hi.y && sx >= 0 && sy >= 0 &&
          sx < static_cast<float>(vw) && sy < static_cast<float>(vh))
        out.push_back(static_cast<uint32_t>(i));
    }
  });
}

PointIndices select_sphere(const glm::vec4* points, size_t count, const glm::vec3& centre,
                           float radius) {
  const float r2 = radius * radius;
  return parallel_select(count, [&](size_t s, size_t e, PointIndices& out) {
    for (size_t i = s; i < e; ++i) {
      const glm::vec3 d = glm::vec3(points[i]) - centre;
      if (glm::dot(d, d) <= r2) out.push_back(static_cast<uint32_t>(i));
    }
  });
}

PointIndices filter_points(const PointIndices& in, const std::function<bool(uint32_t)>& keep) {
  PointIndices out;
  out.reserve(in.size());
  for (const uint32_t i : in)
    if (keep(i)) out.push_back(i);
  return out;
}

size_t label_points(LayerEdit& edit, const PointIndices& points, uint16_t value,
                    const ProtectRule& keep) {
  RasterWriter& w = edit.writer();
  size_t changed = 0;
  // Runs of consecutive indices become spans (a cuboid's points are often
  // consecutive in scan order).
  for (size_t i = 0; i < points.size();) {
    size_t j = i + 1;
    while (j < points.size() && points[j] == points[j - 1] + 1) ++j;
    const int x0 = static_cast<int>(points[i]);
    const int x1 = static_cast<int>(points[j - 1]) + 1;
    for (int x = x0; x < std::min(x1, w.width()); ++x) {
      const uint16_t old = w.get(x, 0);
      if (old != value && !keep(old)) ++changed;
    }
    w.span(0, x0, x1, value, keep);
    i = j;
  }
  return changed;
}

bool read_sweep(const Document& doc, const std::string& lidar, int frame, PointCloud& out) {
  out = {};
  if (frame < 0 || frame >= doc.sequence.frame_count()) return false;
  const Frame& fr = doc.sequence.frames[static_cast<size_t>(frame)];
  const Lidar* l = doc.sequence.rig(frame).lidar(lidar);
  const auto it = fr.files.find(lidar);
  if (!l || it == fr.files.end()) return false;
  std::filesystem::path file = it->second;
  if (file.is_relative()) file = doc.folder / file;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return false;
  PointCloudReadOptions ro;
  ro.bin_values_per_point = l->bin_values_per_point;
  out = read_point_cloud(file, ro);
  return true;
}

CommandPtr label_object_points(const Document& doc, ObjectId id, const std::string& lidar,
                               double margin, const ProtectRule& keep, const SweepReader& sweep) {
  const Object* o = doc.annotations.find(id);
  if (!o) throw Error(fmt::format("no object {}", id));
  const Track* t = o->track(kSceneSensor, ShapeKind::Cuboid);
  if (!t) throw Error(fmt::format("object {} has no cuboids", id));
  auto cmd = std::make_unique<CompositeCommand>(
      fmt::format("Label points of {} {} in {} frames", o->class_name, id, t->shapes.size()));
  PointCloud cloud;
  for (const FrameShape& fs : t->shapes) {
    const bool have = sweep ? sweep(fs.frame, cloud) : read_sweep(doc, lidar, fs.frame, cloud);
    if (!have) continue;
    const Lidar* l = doc.sequence.rig(fs.frame).lidar(lidar);
    const Transform to_vehicle = l ? l->lidar_to_vehicle : Transform::identity();
    const PointIndices sel = select_in_cuboid(cloud, to_vehicle, *fs.shape.as<Cuboid>(), margin);
    if (sel.empty()) continue;
    LayerEdit e = LayerEdit::points(doc, lidar, fs.frame, cloud.size());
    const uint16_t v = e.segment(o->class_name, id);
    label_points(e, sel, v, ProtectRule{keep.mode, v});
    if (auto c = e.finish("label points")) cmd->add(std::move(c));
  }
  if (cmd->empty()) return nullptr;
  return cmd;
}

}  // namespace vantage::core
