#include "core/tracking/cuboid_refit.h"

#include <cmath>

#include "core/io/frame_points.h"

namespace vantage::core {

std::optional<Cuboid> refit_cuboid(const Document& doc, int frame, const Cuboid& initial,
                                   const CuboidFitOptions& base) {
  PointCloud cloud;
  Vec3 sensor{0.0};
  if (!read_frame_points(doc, frame, cloud, &sensor)) return std::nullopt;
  GroundOptions go;
  go.sensor_xy = {sensor.x, sensor.y};
  const GroundEstimate ground = estimate_ground(cloud, go);
  CuboidFitOptions o = base;
  o.sensor = sensor;
  o.prior_yaw = initial.yaw;
  // The known size tells the fit which extent is fully seen.
  o.size_prior = SizePrior{initial.size * 0.95, initial.size};
  const CuboidFitResult r = fit_cuboid_in(cloud, ground.model, initial, o);
  if (!r.fit) return std::nullopt;
  Cuboid out = r.fit->cuboid;
  // Hold the size; keep the fitted footprint's visible faces by moving the
  // centre only as far as the size change requires along each box axis.
  const Vec3 ds = (initial.size - out.size) * 0.5;
  const double c = std::cos(out.yaw), s = std::sin(out.yaw);
  const Vec2 toward_sensor{sensor.x - out.center.x, sensor.y - out.center.y};
  // Hidden sides face away from the sensor: grow the box away from it.
  const double along = (toward_sensor.x * c + toward_sensor.y * s) >= 0 ? -1.0 : 1.0;
  const double across = (-toward_sensor.x * s + toward_sensor.y * c) >= 0 ? -1.0 : 1.0;
  out.center.x += along * ds.x * c - across * ds.y * s;
  out.center.y += along * ds.x * s + across * ds.y * c;
  out.center.z += ds.z;
  out.size = initial.size;
  out.pitch = initial.pitch;
  out.roll = initial.roll;
  return out;
}

CuboidFitter make_lidar_refitter(const Document& doc, CuboidFitOptions options) {
  return [&doc, options](int frame, const Cuboid& initial) {
    return refit_cuboid(doc, frame, initial, options);
  };
}

}  // namespace vantage::core
