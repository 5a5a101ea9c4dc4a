#include "core/models/lidar_detector.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "core/geometry/cuboid_fit.h"
#include "core/geometry/l_shape_fit.h"
#include "core/geometry/size_prior.h"

namespace vantage::core {

namespace {

// Plausible observed extents per class. Heights are what the top return
// shows above the ground; lengths and widths are upper limits (with slack
// for noise) because hidden faces make observed extents shorter, and
// min_extent is the least a visible object of the class shows (a car seen
// from behind still shows its 1.6 m width).
struct ClassShape {
  const char* name;
  double h_min, h_max;
  double l_max, w_max;
  double min_extent;
  double h_soft;  // fall-off of the height band: people are told from
                  // poles and tree trunks (2 m and more) by height alone
};

const ClassShape kShapes[] = {
    {"Car", 1.15, 1.85, 5.4, 2.3, 1.0, 0.12},
    {"Van", 1.8, 2.6, 6.3, 2.5, 1.2, 0.12},
    {"Truck", 2.6, 3.9, 11.0, 3.0, 1.8, 0.12},
    {"Bus", 2.8, 3.9, 13.5, 3.1, 2.0, 0.12},
    {"Pedestrian", 1.0, 1.98, 1.1, 0.9, 0.0, 0.06},
    {"Cyclist", 1.3, 1.98, 2.2, 1.0, 0.9, 0.06},
};
constexpr size_t kClassCount = sizeof(kShapes) / sizeof(kShapes[0]);
static_assert(kClassCount == size_t(kLidarFeatureCount - kFeatClassProb), "one feature per class");

// 1 inside [lo, hi], a Gaussian fall-off of width `soft` outside.
double band(double x, double lo, double hi, double soft) {
  const double d = x < lo ? lo - x : (x > hi ? x - hi : 0.0);
  return std::exp(-0.5 * (d / soft) * (d / soft));
}

bool finite(const glm::vec4& p) {
  return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
}

struct Candidates {
  std::vector<Vec3> pts;         // thinned
  std::vector<uint32_t> weight;  // returns per voxel
  std::vector<float> intensity;  // mean per voxel
};

Candidates select_candidates(const PointCloud& cloud, const Vec3& sensor, const GroundModel& ground,
                             const LidarDetectorOptions& o) {
  Candidates c;
  std::unordered_map<uint64_t, uint32_t> voxel_index;
  voxel_index.reserve(cloud.points.size() / 4);
  const double inv = o.voxel > 0 ? 1.0 / o.voxel : 0.0;
  const double r2 = o.max_range * o.max_range;
  for (const glm::vec4& q : cloud.points) {
    if (!finite(q)) continue;
    const double dx = q.x - sensor.x, dy = q.y - sensor.y;
    if (dx * dx + dy * dy > r2) continue;
    if (std::abs(q.x) < o.ego_half_extent.x && std::abs(q.y) < o.ego_half_extent.y) continue;
    const double h = q.z - ground.ground_z(q.x, q.y);
    if (h < o.min_height || h > o.max_height) continue;
    if (inv > 0) {
      const auto key = [&](double v) { return static_cast<uint64_t>(int64_t(std::floor(v * inv)) & 0x1fffff); };
      const uint64_t k = (key(q.x) << 42) | (key(q.y) << 21) | key(q.z);
      const auto [it, fresh] = voxel_index.try_emplace(k, uint32_t(c.pts.size()));
      if (!fresh) {
        const uint32_t i = it->second;
        c.intensity[i] = (c.intensity[i] * float(c.weight[i]) + q.w) / float(c.weight[i] + 1);
        ++c.weight[i];
        continue;
      }
    }
    c.pts.emplace_back(q.x, q.y, q.z);
    c.weight.push_back(1);
    c.intensity.push_back(q.w);
  }
  return c;
}

struct ClusterShape {
  OrientedRect rect;
  double length = 0, width = 0;
  double top = 0, bottom = 0, ground = 0;
  Vec2 centre{0.0};
};

ClusterShape shape_of(const Candidates& c, const std::vector<uint32_t>& members,
                      const GroundModel& ground, double step_deg) {
  ClusterShape s;
  std::vector<Vec2> bev;
  bev.reserve(members.size());
  s.top = -INFINITY;
  s.bottom = INFINITY;
  for (uint32_t m : members) {
    bev.emplace_back(c.pts[m].x, c.pts[m].y);
    s.top = std::max(s.top, c.pts[m].z);
    s.bottom = std::min(s.bottom, c.pts[m].z);
  }
  RectFitOptions ro;
  ro.coarse_step_deg = step_deg;
  s.rect = fit_oriented_rect(bev, ro);
  s.length = std::max(s.rect.size.x, s.rect.size.y);
  s.width = std::min(s.rect.size.x, s.rect.size.y);
  s.centre = s.rect.center;
  s.ground = ground.ground_z(s.centre.x, s.centre.y);
  return s;
}

// Axis-aligned BEV extent: a cheap first look before the rectangle fit.
double bev_diagonal(const Candidates& c, const std::vector<uint32_t>& members) {
  Vec2 lo(INFINITY), hi(-INFINITY);
  for (uint32_t m : members) {
    lo = glm::min(lo, Vec2{c.pts[m].x, c.pts[m].y});
    hi = glm::max(hi, Vec2{c.pts[m].x, c.pts[m].y});
  }
  return glm::length(hi - lo);
}

std::vector<std::vector<uint32_t>> recluster(const Candidates& c, const std::vector<uint32_t>& members,
                                             const ClusterOptions& co) {
  std::vector<Vec3> sub;
  sub.reserve(members.size());
  for (uint32_t m : members)
    sub.push_back(c.pts[m]);
  auto parts = euclidean_clusters(sub, co);
  for (auto& p : parts)
    for (uint32_t& i : p)
      i = members[i];
  return parts;
}

// The fit's size prior. People: what a LiDAR outlines of a standing or
// walking person (KITTI's 0.84 m mean length includes the stride, and
// padding a 0.5 m cluster to it pushes the box off the person).
std::optional<SizePrior> prior_for(const std::string& cls) {
  if (cls == "Pedestrian") return SizePrior{Vec3{0.35, 0.35, 1.0}, Vec3{0.6, 0.55, 1.7}};
  return default_size_prior(cls);
}

}  // namespace

const std::vector<std::string>& lidar_detector_classes() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> n;
    for (const ClassShape& s : kShapes)
      n.push_back(s.name);
    return n;
  }();
  return kNames;
}

std::vector<double> lidar_class_probabilities(double length, double width, double height,
                                              int points, double range) {
  std::vector<double> s(kClassCount);
  double sum = 0;
  for (size_t k = 0; k < kClassCount; ++k) {
    const ClassShape& c = kShapes[k];
    s[k] = band(height, c.h_min, c.h_max, c.h_soft) * band(length, 0.0, c.l_max, 0.3) *
           band(width, 0.0, c.w_max, 0.2) * band(length, c.min_extent, 1e9, 0.25);
    sum += s[k];
  }
  // Background keeps a share: a shape no class explains stays unlikely.
  constexpr double kBackground = 0.15;
  // Confidence from the returns: few returns say little about the shape;
  // far away fewer are expected.
  const double expected = std::max(4.0, 60.0 * std::pow(20.0 / std::max(range, 5.0), 1.5));
  const double q = 1.0 - std::exp(-double(points) / (0.35 * expected));
  for (double& v : s)
    v = q * v / (sum + kBackground);
  return s;
}

void refit_detection(Detection3D& d, const std::string& class_name) {
  if (d.cluster.empty()) return;
  CuboidFitOptions fo;
  fo.size_prior = prior_for(class_name);
  fo.sensor = d.sensor;
  fo.rect.coarse_step_deg = 2.0;
  const GroundModel ground(Plane::horizontal(d.ground_z));
  d.cuboid = fit_cuboid_to_points(d.cluster, ground, fo).cuboid;
  d.cluster.clear();
  d.cluster.shrink_to_fit();
}

LidarFrameResult detect_lidar_objects(const PointCloud& cloud, const Vec3& sensor,
                                      const LidarDetectorOptions& o) {
  LidarFrameResult r;
  GroundOptions go = o.ground;
  go.sensor_xy = {sensor.x, sensor.y};
  r.ground = estimate_ground(cloud, go).model;
  const Candidates c = select_candidates(cloud, sensor, r.ground, o);
  r.candidate_points = c.pts.size();
  ClusterOptions co = o.cluster;
  co.sensor = sensor;
  std::vector<std::vector<uint32_t>> clusters = euclidean_clusters(c.pts, co);

  // Split vehicle-high clusters longer than any vehicle (a row of parked
  // cars) with tighter tolerances; keep the rest.
  std::vector<std::vector<uint32_t>> work;
  for (auto& m : clusters) {
    if (m.size() < 3) continue;
    std::vector<std::vector<uint32_t>> queue{std::move(m)};
    for (double shrink : {0.6, 0.35}) {
      std::vector<std::vector<uint32_t>> next;
      for (auto& q : queue) {
        const double diag = bev_diagonal(c, q);
        bool split = false;
        if (diag > 6.5 && diag < 40.0) {
          const ClusterShape s = shape_of(c, q, r.ground, 3.0);
          split = s.top - s.ground < 2.6 && s.length > 6.0;
        }
        if (split) {
          ClusterOptions tight = co;
          tight.tolerance *= shrink;
          tight.tolerance_per_metre *= shrink;
          for (auto& p : recluster(c, q, tight))
            next.push_back(std::move(p));
        } else {
          next.push_back(std::move(q));
        }
      }
      queue = std::move(next);
    }
    for (auto& q : queue)
      work.push_back(std::move(q));
  }
  r.clusters = work.size();

  for (const auto& m : work) {
    int returns = 0;
    for (uint32_t i : m)
      returns += int(c.weight[i]);
    if (returns < o.min_points) continue;
    if (bev_diagonal(c, m) > 16.0) continue;  // walls, buildings, hedges
    const ClusterShape s = shape_of(c, m, r.ground, 2.0);
    const double height = s.top - s.ground;
    const double range = glm::length(s.centre - Vec2{sensor.x, sensor.y});
    std::vector<double> p = lidar_class_probabilities(s.length, s.width, height, returns, range);
    // Road users reach down to the road (wheels, feet): a cluster whose
    // lowest return floats a metre or more up is a canopy, an awning, a sign.
    // Far away the lowest rings may pass under it, so the bar rises with range.
    const double floating = band(s.bottom - s.ground, 0.0, 0.8 + 0.01 * range, 0.2);
    for (double& v : p)
      v *= floating;
    size_t best = 0, second = 1;
    if (p[second] > p[best]) std::swap(best, second);
    for (size_t k = 2; k < p.size(); ++k) {
      if (p[k] > p[best]) {
        second = best;
        best = k;
      } else if (p[k] > p[second]) {
        second = k;
      }
    }
    if (p[best] < o.min_score) continue;

    std::vector<Vec3> pts;
    pts.reserve(m.size());
    double zsum = 0, zsq = 0, isum = 0, wsum = 0;
    int upper = 0;
    const double mid = s.ground + height / 2;
    for (uint32_t i : m) {
      pts.push_back(c.pts[i]);
      const double h = c.pts[i].z;
      const double w = c.weight[i];
      zsum += w * h;
      zsq += w * h * h;
      isum += w * c.intensity[i];
      wsum += w;
      upper += h > mid ? int(c.weight[i]) : 0;
    }
    CuboidFitOptions fo;
    fo.size_prior = prior_for(kShapes[best].name);
    fo.sensor = sensor;
    fo.rect.coarse_step_deg = 2.0;
    const CuboidFit fit = fit_cuboid_to_points(pts, r.ground, fo);
    const double ground_z = fit.ground_z;

    Detection3D d;
    d.cuboid = fit.cuboid;
    d.class_name = kShapes[best].name;
    d.score = p[best];
    d.runner_up = p[second];
    d.points = returns;
    d.cluster = std::move(pts);
    d.ground_z = ground_z;
    d.sensor = sensor;
    d.features.assign(kLidarFeatureCount, 0.0f);
    const double zmean = zsum / wsum;
    d.features[kFeatPoints] = float(std::log1p(returns));
    d.features[kFeatRange] = float(range);
    d.features[kFeatLength] = float(s.length);
    d.features[kFeatWidth] = float(s.width);
    d.features[kFeatHeight] = float(height);
    d.features[kFeatZSpread] = float(std::sqrt(std::max(0.0, zsq / wsum - zmean * zmean)));
    d.features[kFeatTopShare] = float(upper / wsum);
    d.features[kFeatIntensity] = float(isum / wsum);
    const double area = std::max(0.05, s.length * s.width);
    d.features[kFeatDensity] = float(returns / area * range * range / 100.0);
    d.features[kFeatFill] = float(std::min(1.0, s.width / std::max(0.1, s.length)));
    d.features[kFeatLowest] = float(s.bottom - s.ground);
    for (size_t k = 0; k < kClassCount; ++k)
      d.features[size_t(kFeatClassProb) + k] = float(p[k]);
    r.detections.push_back(std::move(d));
  }
  std::stable_sort(r.detections.begin(), r.detections.end(),
                   [](const Detection3D& a, const Detection3D& b) { return a.score > b.score; });
  return r;
}

}  // namespace vantage::core
